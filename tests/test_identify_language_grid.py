"""General language rules of identification, tried on a grid of phrases of our own making: Tamil, Telugu,
Kannada and Malayalam case endings on country names; Chinese, Japanese and Korean phrases that make a country the
buyer, user, own producer or copier; "respectively" lists in five languages; Japanese prose about cartridges with
era years and 式 designations. Each row cites the source of its facts (tests/data/identify_language_grid.yaml).

The share of rows right is reported; every row the engine reads right is asserted, so a change that breaks one
fails here. The rows listed in KNOWN_MISSES are the grid's open cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from armstrace.identify import identify

GRID: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "identify_language_grid.yaml").read_text(encoding="utf-8")
)
# rows the rules do not yet read right (by text): reported in the share, not asserted. The Korean 이란 (Iran) is
# no country name to the tables (it is also the Korean particle "what is called"), so `이란이` reads as no name
KNOWN_MISSES: frozenset[str] = frozenset({"이란이 자체 생산한 소총"})


def _wrong(row: dict[str, Any]) -> list[str]:
    """The fields of the row the engine gets wrong (empty when it is right)."""
    r = identify(row["text"])
    if "pairs" in row:
        pairs = row["pairs"]
        if r.model not in pairs:
            return [f"model {r.model!r} not one of {sorted(pairs)}"]
        return [] if r.country == pairs[r.model] else [f"country {r.country} for {r.model}, not {pairs[r.model]}"]
    return [
        f"{field} {getattr(r, field)!r} != {want!r}"
        for field, want in row["expected"].items()
        if getattr(r, field) != want
    ]


def test_grid_rows_are_sourced() -> None:
    for row in GRID:
        assert row.get("source") and row.get("rule") and row.get("lang"), row
        assert ("pairs" in row) != ("expected" in row), row


def test_grid_share(capsys: pytest.CaptureFixture[str]) -> None:
    by_rule: dict[str, list[int]] = {}
    for row in GRID:
        tally = by_rule.setdefault(row["rule"], [0, 0])
        tally[0] += not _wrong(row)
        tally[1] += 1
    right = sum(t[0] for t in by_rule.values())
    with capsys.disabled():
        cells = ", ".join(f"{k} {a}/{b}" for k, (a, b) in by_rule.items())
        print(f"\nlanguage grid: {right}/{len(GRID)} right ({cells})")
    assert right >= len(GRID) - len(KNOWN_MISSES)


@pytest.mark.parametrize("row", [r for r in GRID if r["text"] not in KNOWN_MISSES], ids=lambda r: r["text"][:40])
def test_grid_row(row: dict[str, Any]) -> None:
    assert not _wrong(row), _wrong(row)


def test_dravidian_forms_follow_the_stem() -> None:
    from armstrace.identify.words.dravidian_cases import demonym_forms, name_forms, place_forms

    assert "சீனாவின்" in name_forms("ta", "சீனா")  # a long vowel glides with வ
    assert "இத்தாலியிலிருந்து" in name_forms("ta", "இத்தாலி")  # a front vowel glides with ய
    assert "பெல்ஜியத்தின்" in name_forms("ta", "பெல்ஜியம்")  # -ம் gives -த்த்-
    assert "ಇಸ್ರೇಲಿನಿಂದ" in name_forms("kn", "ಇಸ್ರೇಲ್") and place_forms("kn", "ಚೀನಾ") == ("ಚೀನಾದಲ್ಲಿ",)
    assert "ചൈനയിൽ നിന്ന്" in name_forms("ml", "ചൈന")
    assert name_forms("te", "భారతదేశం") == () and name_forms("ta", "வட கொரியா") == ()  # no suffix; two words
    assert demonym_forms("ml", "ചൈന") == ()  # only a consonant stem takes the -ī adjective


def test_cartridge_after_gun_not_its_parts() -> None:
    from armstrace.identify.head_final import cartridge_after_gun

    assert cartridge_after_gun("軽機関銃(けいきかんじゅう)の弾")
    assert cartridge_after_gun("手枪用的子弹") and cartridge_after_gun("소총용 실탄")
    assert not cartridge_after_gun("小銃の弾倉") and not cartridge_after_gun("소총의 탄창")
    assert not cartridge_after_gun("実包と小銃")  # the cartridge first: no head-final phrase
