"""The blind sets of issue 14: held out from the engine's development, so only their shape is tested here.

Their accuracy is measured and reported (docs, `scripts/identify_by_category.py`), never asserted: a test on the
figure would invite tuning on the sets' text, which is what keeping them blind forbids.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from armstrace.identify.evaluation import load_cases

DATA = Path(__file__).parent / "data"
CATEGORIES = {"firearm", "headstamp", "ordnance", "hard"}
# each blind set, with the sets the engine had been tuned on (or shown) when it was compiled (markings_dev3.yaml
# grew while blind set 3 was compiled: one page, makarov.ch's Arsenal page, was found by both sides; see its header)
_DEV6 = [
    "3",
    "4",
    "_bare",
    "_firearms",
    "_hard",
    "_headstamps",
    "_headstamps2",
    "_languages",
    "_makers",
    "_makers2",
    "_ordnance",
    "_ordnance2",
]
_DEV6 += ["_ordnance3", "_places", "_scripts", "_scripts2", "_scripts3"]
BLIND = {
    "markings_blind2.yaml": ("markings.yaml", "markings_blind.yaml"),
    "markings_blind3.yaml": ("markings.yaml", "markings_blind.yaml", "markings_blind2.yaml"),
    "markings_blind4.yaml": (
        "markings.yaml",
        "markings_blind.yaml",
        "markings_blind2.yaml",
        "markings_blind3.yaml",
        "markings_dev3.yaml",
    ),
    # compiled while the engine was changed from dev sets written in parallel: three pages were found by both
    # sides (two headstamp code pages in markings_dev_headstamps.yaml, one in markings_dev_makers.yaml; see its header)
    "markings_blind5.yaml": (
        "markings.yaml",
        "markings_blind.yaml",
        "markings_blind2.yaml",
        "markings_blind3.yaml",
        "markings_blind4.yaml",
        "markings_dev3.yaml",
        "markings_dev4.yaml",
        "markings_dev_bare.yaml",
        "markings_dev_languages.yaml",
        "markings_dev_ordnance.yaml",
        "markings_dev_scripts.yaml",
    ),
    # compiled in two parts while the engine was changed from dev sets written in parallel; it shares no page or
    # text with any set, those included
    "markings_blind6.yaml": (
        "markings.yaml",
        *(f"markings_blind{n}.yaml" for n in ("", 2, 3, 4, 5)),
        *(f"markings_dev{name}.yaml" for name in _DEV6),
    ),
    # compiled in two parts before any change of its stop was merged; every set and page before it was seen
    "markings_blind7.yaml": (
        "markings.yaml",
        *(f"markings_blind{n}.yaml" for n in ("", 2, 3, 4, 5, 6)),
        *(f"markings_dev{name}.yaml" for name in _DEV6),
    ),
    # compiled in two parts before any change of its stop was merged (part A firearms and hard cases, part B
    # headstamps and ordnance); every set and page before it was seen
    "markings_blind8.yaml": (
        "markings.yaml",
        *(f"markings_blind{n}.yaml" for n in ("", 2, 3, 4, 5, 6, 7)),
        *(f"markings_dev{name}.yaml" for name in (*_DEV6, "_makers_world", "_ordnance_world")),
    ),
    # compiled in two parts before any change of its stop was merged; markings_dev_recovery_languages.yaml was
    # written at the same time by an engineer who never saw it
    "markings_blind9.yaml": (
        "markings.yaml",
        *(f"markings_blind{n}.yaml" for n in ("", 2, 3, 4, 5, 6, 7, 8)),
        *(f"markings_dev{name}.yaml" for name in (*_DEV6, "_makers_world", "_ordnance_world", "_recovery_languages")),
    ),
    # compiled in two parts before any change of its stop was merged; every set and page before it was seen
    "markings_blind10.yaml": (
        "markings.yaml",
        *(f"markings_blind{n}.yaml" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9)),
        *(f"markings_dev{name}.yaml" for name in (*_DEV6, "_makers_world", "_ordnance_world", "_recovery_languages")),
    ),
    # the same way (part A firearms and hard cases, part B headstamps, ordnance and hard cases), asked for what
    # investigators recover in today's conflicts
    "markings_blind11.yaml": (
        "markings.yaml",
        *(f"markings_blind{n}.yaml" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10)),
        *(f"markings_dev{name}.yaml" for name in (*_DEV6, "_makers_world", "_ordnance_world", "_recovery_languages")),
    ),
    # the same way as blind set 11, before any change of its stop was merged; every set and page before it was seen
    "markings_blind12.yaml": (
        "markings.yaml",
        *(f"markings_blind{n}.yaml" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)),
        *(f"markings_dev{name}.yaml" for name in (*_DEV6, "_makers_world", "_ordnance_world", "_recovery_languages")),
    ),
    # the same way as blind set 12
    "markings_blind13.yaml": (
        "markings.yaml",
        *(f"markings_blind{n}.yaml" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
        *(f"markings_dev{name}.yaml" for name in (*_DEV6, "_makers_world", "_ordnance_world", "_recovery_languages")),
    ),
    "markings_blind14.yaml": (
        "markings.yaml",
        *(f"markings_blind{n}.yaml" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)),
        *(f"markings_dev{name}.yaml" for name in (*_DEV6, "_makers_world", "_ordnance_world", "_recovery_languages")),
    ),
    "markings_blind15.yaml": (
        "markings.yaml",
        *(f"markings_blind{n}.yaml" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)),
        *(f"markings_dev{name}.yaml" for name in (*_DEV6, "_makers_world", "_ordnance_world", "_recovery_languages")),
    ),
}
# blind set 4 holds 6 headstamps: the public pages giving a literal headstamp were mostly used by the earlier sets
# blind set 7 holds 12: its compiler found nearly every public headstamp page already used by sets 2-6
# blind set 9 holds 12: its compiler found the stored collectors' pages mostly used and many others machine-written
# blind set 10 holds 13: its compiler found the same; blind sets 13 and 14 hold 6 and 7, for the same reason; blind set
# 15 holds 10, four of them from headstamp guides rather than a recovered case
FEWEST = {
    "markings_blind4.yaml": 6,
    "markings_blind7.yaml": 12,
    "markings_blind9.yaml": 12,
    "markings_blind10.yaml": 13,
    "markings_blind13.yaml": 6,
    "markings_blind14.yaml": 7,
    "markings_blind15.yaml": 10,
}

# blind set 12's ordnance leaves the country blank for Soviet and Yugoslav designs (no state of today made them) and
# where a find's page names no maker: 139 of its 223 cases name one; blind set 13 likewise, 123 of 204; blind set 14,
# 113 of 194 (16 of its ordnance cases settle only the kind); blind set 15, 94 of 197 (news pages naming neither maker
# nor country: about 25 cases settle only the kind)
COUNTRY_SHARE = {
    "markings_blind12.yaml": 0.6,
    "markings_blind13.yaml": 0.6,
    "markings_blind14.yaml": 0.55,
    "markings_blind15.yaml": 0.45,
}


def _page(url: str) -> str:
    """A source page without scheme or www., so one page quoted under two spellings counts once."""
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")


@pytest.mark.parametrize("name", sorted(BLIND))
def test_blind_set_loads_and_every_case_cites_a_public_source(name: str) -> None:
    cases = load_cases(DATA / name)
    assert len(cases) >= 120
    assert all(c.source.startswith(("http://", "https://")) for c in cases)
    assert all(c.expected for c in cases)
    # blank where the source does not say
    assert sum("country" in c.expected for c in cases) >= COUNTRY_SHARE.get(name, 0.8) * len(cases)
    assert len({c.id for c in cases}) == len(cases)


@pytest.mark.parametrize("name", sorted(BLIND))
def test_blind_set_covers_each_category(name: str) -> None:
    raw = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    counts = Counter(item["category"] for item in raw)
    assert set(counts) == CATEGORIES
    assert min(counts.values()) >= FEWEST.get(name, 20)


@pytest.mark.parametrize("name", sorted(BLIND))
def test_blind_set_shares_no_page_or_text_with_the_sets_seen_before_it(name: str) -> None:
    blind = load_cases(DATA / name)
    seen = [c for other in BLIND[name] for c in load_cases(DATA / other)]
    assert not {_page(c.source) for c in blind} & {_page(c.source) for c in seen}
    assert not {c.text for c in blind} & {c.text for c in seen}
