"""Report defects a reader met: historical countries, the serial typeface, ties, cut notes, empty overviews."""

from __future__ import annotations

from pathlib import Path

import pytest

from armstrace.exceptions import NotFoundError
from armstrace.reference.states import country_at
from armstrace.report import overview_report
from armstrace.report.evidence import serial_note
from armstrace.report.maps import _layer, country_point
from armstrace.report.render import render_html, serial_font_css
from armstrace.store import Workspace


@pytest.mark.parametrize(
    ("code", "year", "then"),
    [("RU", 1980, "SU"), ("RU", 1995, "RU"), ("UA", "1960", "SU"), ("RS", 1987, "YU"), ("RS", 2010, "RS"),
     ("HR", 1995, "HR"), ("CZ", 1953, "CS"), ("SK", 1990, "CS"), ("CZ", 2001, "CZ"), ("RU", None, "RU"),
     ("US", 1980, "US"), (None, 1980, None)],
)  # fmt: skip
def test_the_year_of_manufacture_decides_the_state(code: str | None, year: object, then: str | None) -> None:
    assert country_at(code, year) == then  # type: ignore[arg-type]


def test_identification_says_the_state_of_its_year() -> None:
    from armstrace.identify import identify

    old, new = identify("ИЖМАШ AKM 1980"), identify("ИЖМАШ AK-74M 2005")
    assert (old.country, old.state_at_manufacture) == ("RU", "SU")
    assert (new.country, new.state_at_manufacture) == ("RU", None)


@pytest.mark.parametrize("code", ["SU", "YU", "CS", "DD"])
def test_states_that_no_longer_exist_are_on_the_map(code: str) -> None:
    assert country_point(code) is not None


def test_no_country_wraps_the_globe_into_a_band() -> None:
    for props, geom in _layer("countries.geojson"):
        for part in getattr(geom, "geoms", [geom]):
            x0, y0, x1, _ = part.bounds
            assert x1 - x0 <= 180 or y0 < -60, props  # only Antarctica circles a pole


def test_serials_are_set_in_the_shipped_face_with_a_dotted_zero() -> None:
    css = serial_font_css()
    assert css.count("@font-face") == 2 and "data:font/ttf;base64," in css
    html = render_html("base.html", title="t", short_title="t", reference="r", footer="f", synthetic=False)
    assert 'font-family: "armstrace serial"' in html


def test_a_serial_note_is_never_cut() -> None:
    long = "serial read 'RA1O01071' vs registry 'RA1001071': " + "differs: O read as 0 at 4 (swapped); " * 4
    assert not serial_note({"detail": long}).endswith("…")
    assert "swapped" in serial_note({"detail": long})


def test_no_stockpile_is_headlined_from_a_tie() -> None:
    def ctx(values: list[float]) -> dict[str, object]:
        piles = [{"custodian": f"Unit {i}", "country": "AF", "expected": v, "count": 2} for i, v in enumerate(values)]
        return {"stockpiles": piles}

    from armstrace.report.findings import _stockpile

    tie = " ".join(_stockpile(ctx([2.01, 1.99, 1.98, 1.95])))
    assert "No single source stockpile stands out" in tie and "most probable" not in tie
    clear = " ".join(_stockpile(ctx([5.2, 1.99])))
    assert "The most probable source stockpile is Unit 0" in clear


def test_an_empty_overview_is_refused(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="nothing to put in an overview"):
        overview_report(sqlite_workspace, tmp_path / "reports")
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize(
    "how",
    [
        "under the model, a weapon not in the registry would be read so about 1 time in 2,400 (LR 240)",
        "under the model, a weapon not in the registry could as easily be read so (LR 0.9)",
        "under the model, a weapon not in the registry would be read so less than 1 time in 3,000, the rarest "
        "figure a registry of 3,000 serials supports (LR 12 under the model; at the rarest figure the data "
        "support, 0.8)",
        "a weapon not in the registry reads so about 1 time in 2,400",
    ],
)
def test_a_serial_note_leaves_out_how_often_an_absent_weapon_reads_so(how: str) -> None:
    """The serial's frequency is in the weight already: the note keeps only how the serials differ."""
    note = serial_note({"detail": f"serial read 'W1004341' vs registry 'W1004340': 0 read as 1 at 8; {how}"})
    assert note == "0 read as 1 at 8"
