"""The second blind set (issue 14): held out from the engine's development, so only its shape is tested here.

Its accuracy is measured and reported (docs, `scripts/identify_by_category.py`), never asserted: a test on the
figure would invite tuning on the set's text, which is what keeping it blind forbids.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from armstrace.identify.evaluation import load_cases

DATA = Path(__file__).parent / "data"
BLIND2 = DATA / "markings_blind2.yaml"
CATEGORIES = {"firearm", "headstamp", "ordnance", "hard"}


def _page(url: str) -> str:
    """A source page without scheme or www., so one page quoted under two spellings counts once."""
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")


def test_blind2_loads_and_every_case_cites_a_public_source() -> None:
    cases = load_cases(BLIND2)
    assert len(cases) >= 150
    assert all(c.source.startswith(("http://", "https://")) for c in cases)
    assert all("country" in c.expected for c in cases)
    assert len({c.id for c in cases}) == len(cases)


def test_blind2_covers_each_category() -> None:
    raw = yaml.safe_load(BLIND2.read_text(encoding="utf-8"))
    counts = Counter(item["category"] for item in raw)
    assert set(counts) == CATEGORIES
    assert min(counts.values()) >= 20


def test_blind2_shares_no_page_or_text_with_the_sets_the_engine_was_tuned_on() -> None:
    blind2 = load_cases(BLIND2)
    seen = load_cases(DATA / "markings.yaml") + load_cases(DATA / "markings_blind.yaml")
    assert not {_page(c.source) for c in blind2} & {_page(c.source) for c in seen}
    assert not {c.text for c in blind2} & {c.text for c in seen}
