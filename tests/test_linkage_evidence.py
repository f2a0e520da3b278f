"""Descriptive evidence on identification's canonical forms, every explanation line true and readable, and
the substitution spread that sets how much a registered neighbour takes from an exact reading."""

from __future__ import annotations

import math
import re

import pyarrow as pa
import pytest

from armstrace.linkage import Evidence, Matcher
from armstrace.linkage.descriptor import compare, maker_set, standardise
from armstrace.linkage.scored import Scored
from armstrace.linkage.scoring import ScoringModel
from armstrace.reference import load_reference


@pytest.mark.parametrize(
    ("read", "recorded"),
    [("762X39", "7.62x39mm"), ("7,62 x 39", "7.62X39"), ("9PARABELLUM", "9x19"), ("9 mm Luger", "9mm NATO"),
     ("5.56 NATO", "5.56x45mm"), ("556X45", "5.56x45mm")],
)  # fmt: skip
def test_calibre_spellings_of_one_cartridge_agree(read: str, recorded: str) -> None:
    assert compare("calibre", standardise("calibre", read) or "", standardise("calibre", recorded)) == "agree"


def test_accents_are_folded_not_dropped() -> None:
    assert standardise("manufacturer", "Uzina Mecanică Cugir") == standardise("manufacturer", "Uzina Mecanica Cugir")
    assert "MECANICA" in (standardise("manufacturer", "Uzina Mecanica Cugir") or "")


def test_calibres_that_differ_still_disagree() -> None:
    assert compare("calibre", standardise("calibre", "762X39") or "", standardise("calibre", "5.56x45mm")) == "disagree"
    assert compare("calibre", standardise("calibre", "7.62x54R") or "", standardise("calibre", "7.62x39")) == "disagree"


@pytest.mark.parametrize(
    ("read", "recorded", "level"),
    [("FACTORY 66", "NORINCO", "agree"), ("China North", "Norinco", "agree"),
     ("NORINCO", "Factory 386", "agree"), ("COLT HARTFORD CONN", "Colt", "agree"),
     ("Factory 66", "Factory 386", "partial"), ("Colt", "Norinco", "disagree")],
)  # fmt: skip
def test_makers_compare_through_the_reference(read: str, recorded: str, level: str) -> None:
    # a numbered Chinese state factory exports through Norinco (its alias "Norinco Factory 66")
    observed, expected = standardise("manufacturer", read), standardise("manufacturer", recorded)
    assert observed is not None and compare("manufacturer", observed, expected) == level


@pytest.mark.parametrize(
    ("read", "recorded", "level"),
    [("IZH", "IZHMASH", "partial"), ("IZh", "Baikal", "partial"), ("IZHEVSK", "Izhmash", "partial"),
     ("Izhevsk", "Izhevsk Mechanical Plant", "partial"), ("IZH", "IZH", "agree"), ("IZH", "Colt", "disagree"),
     ("MIC", "Military Industry Corporation", "partial"), ("Hartford Conn", "Colt", "partial"),
     ("IZHMASH", "Baikal", "disagree")],
)  # fmt: skip
def test_a_name_two_makers_answer_to_agrees_in_part_with_both(read: str, recorded: str, level: str) -> None:
    # IZh is the prefix both Izhevsk plants used: a bare IZH resolved to Baikal read "≠ IZHMASH (disagree)"
    observed, expected = standardise("manufacturer", read), standardise("manufacturer", recorded)
    assert observed is not None and compare("manufacturer", observed, expected) == level
    assert compare("manufacturer", expected or "", observed) == level


def test_every_name_or_place_several_makers_share_agrees_in_part_with_each() -> None:
    rows = load_reference().manufacturers
    by_name = {standardise("manufacturer", m.name): m for m in rows}
    shared = 0
    for m in rows:
        for phrase in (*m.variants, *m.aliases, *m.locations):
            value = standardise("manufacturer", phrase)
            if value is None or (makers := maker_set(value)) is None:
                continue
            shared += 1
            assert len(makers) > 1 and standardise("manufacturer", m.name) in makers, phrase
            for maker in makers:
                assert maker in by_name, maker
                assert compare("manufacturer", value, maker) == "partial", (phrase, maker)
    assert shared >= 20


@pytest.fixture(scope="module")
def dense() -> Matcher:
    n = 300
    return Matcher.from_table(
        pa.table(
            {
                "record_id": [f"R{i}" for i in range(n)],
                "serial": [f"56{i:06d}" for i in range(n)],
                "manufacturer": ["Factory 66"] * n,
                "calibre": ["7.62x39mm"] * n,
                "model": ["Type 56"] * (n - 1) + [None],
            }
        )
    )


def test_explanation_lines_say_what_is_true(dense: Matcher) -> None:
    found = dense.search("56000007", manufacturer="NORINCO", calibre="762X39", model="TYPE 56", limit=3)
    assert found[0].record_id == "R7"
    text = found[0].explanation_text()
    assert "manufacturer NORINCO = STATE 66 CHINA (agree: one maker group, NORINCO; 100% of the registry)" in text
    assert "calibre 7.62X39 = 7.62X39 (agree; 100% of the registry)" in text
    for wrong in ("≠", "0% of the registry", "1 time in 0", "(partial"):
        assert wrong not in text.replace("100% of the registry", ""), wrong


def test_an_alias_weighs_what_its_maker_does_however_rarely_it_is_written() -> None:
    """A factory code in no record ("Factory 66") agreeing with its group's tenth of the registry weighed
    350,000 : 1 (the read spelling's frequency); it weighs what "NORINCO" does, and says the share agreeing."""
    n = 2000
    makers = ["NORINCO" if i % 10 == 0 else ["COLT", "FN HERSTAL", "BERETTA", "GLOCK"][i % 4] for i in range(n)]
    reg = Matcher.from_table(
        pa.table({"record_id": [f"R{i}" for i in range(n)], "serial": [f"{5600000 + i}" for i in range(n)],
                  "manufacturer": makers})
    )  # fmt: skip
    weights = {}
    for read in ("Factory 66", "NORINCO", "China North Industries"):
        found = reg.search("5600010", manufacturer=read, limit=1)[0]
        (piece,) = [e for e in found.explanation if e.name == "manufacturer"]
        weights[read] = piece.weight
        assert "10% of the registry" in piece.text and "in no registry record" not in piece.text, piece.text
    assert max(weights.values()) - min(weights.values()) < 1e-9 and weights["NORINCO"] < 1.0


def test_a_partial_agreement_says_the_share_agreeing_in_part_and_weighs_less(dense: Matcher) -> None:
    reg = Matcher.from_table(
        pa.table({"record_id": [f"R{i}" for i in range(100)], "serial": [f"B{i:05d}" for i in range(100)],
                  "model": ["M4A1" if i % 2 else "AKM" for i in range(100)]})
    )  # fmt: skip
    part = next(e for e in reg.search("B00001", model="M4", limit=1)[0].explanation if e.name == "model")
    full = next(e for e in reg.search("B00001", model="M4A1", limit=1)[0].explanation if e.name == "model")
    assert "(partial; 50% of the registry in part)" in part.text, part.text
    assert part.weight < full.weight


def test_a_bare_izh_is_not_reported_as_disagreeing_with_izhmash() -> None:
    izhmash = Matcher.from_table(
        pa.table({"record_id": [f"R{i}" for i in range(50)], "serial": [f"1971{i:04d}" for i in range(50)],
                  "manufacturer": ["IZHMASH"] * 50})
    )  # fmt: skip
    text = izhmash.search("19710007", manufacturer="IZH", limit=1)[0].explanation_text()
    assert "manufacturer IZH ~ IZHMASH KALASHNIKOV CONCERN (partial: IZH names 2 makers" in text
    assert "≠" not in text and "BAIKAL" not in text


def test_a_rare_value_is_counted_not_rounded_to_nothing(dense: Matcher) -> None:
    # the one record without a model: "0% of the registry" said a value held by a record was held by none
    found = dense.search("56000007", model="TYPE 56", limit=1)
    assert "model TYPE56 = TYPE56 (agree; 100% of the registry)" in found[0].explanation_text()
    rare = Matcher.from_table(
        pa.table(
            {
                "record_id": [f"R{i}" for i in range(400)],
                "serial": [f"A{i:05d}" for i in range(400)],
                "model": ["M4A1"] + ["M16A2"] * 399,
            }
        )
    )
    text = rare.search("A00000", model="M4A1", limit=1)[0].explanation_text()
    assert "(agree; in 1 of 400 registry records)" in text


def test_a_registered_neighbour_takes_its_share_of_an_exact_reading(dense: Matcher) -> None:
    # a misread digit spreads over the 9 other digits: a neighbour one digit off weighs p_substitute / 9
    # of the exact serial (it was / 12, as if a digit could be misread as any of a dozen symbols)
    model = ScoringModel()
    found = {c.record_id: c.probability for c in dense.search("56000007", limit=40)}
    expected = (model.p_substitute / 9) / (1 - model.p_error)
    assert found["R3"] / found["R7"] == pytest.approx(expected, rel=1e-6)
    assert math.isclose(sum(found.values()), 1.0, abs_tol=0.05)


def test_wide_records_are_built_by_keyword() -> None:
    with pytest.raises(TypeError):
        Evidence("serial", "W1", "W1", 1.0, "text")  # type: ignore[misc]
    assert Evidence(name="serial", observed="W1", expected="W2", weight=1.0, text="t").expected == "W2"
    with pytest.raises(TypeError):
        Scored(None, None)  # type: ignore[misc,arg-type]


def test_an_unknown_character_stands_for_what_serials_carry_there() -> None:
    # "??49777?4" was taken as 6,760 serials (36 x 36 x 10 less what fits), each as likely to be an unrecorded
    # weapon's as the candidates' neighbourhood, so its ten fitting records shared P ≈ 0.0006 and "not in this
    # registry" took the rest; serials of this length carry F or A, then N or K, in those places
    serials = [f"FN4977{i:03d}" for i in range(1000)] + [f"AK1000{i:03d}" for i in range(1000)]
    serials += [f"{c}{c}1234" for c in "BCDEGHIJLMOPQRSTUVWXYZ"]  # every letter in use, in serials of another length
    m = Matcher.from_table(pa.table({"record_id": [f"R{i}" for i in range(len(serials))], "serial": serials}))
    found = m.search("??49777?4", limit=20)
    assert {c.serial for c in found} == {f"FN49777{d}4" for d in range(10)}
    assert sum(c.probability for c in found) > 0.9


def test_an_exact_reading_in_a_dense_series_names_the_share_its_neighbours_take() -> None:
    serials = [f"A{n:07d}" for n in range(11000, 11400)]
    matcher = Matcher(pa.table({"record_id": [str(i) for i in range(len(serials))], "serial": serials}))
    found = matcher.search("A0011100", limit=50)
    top = found[0]
    line = top.explanation[-1].text
    match = re.match(r"other registry records: (\d+) fits? less well .*together they take ([0-9.]+) of", line)
    assert top.matched_serial == "A0011100" and match, line
    others = [c for c in found[1:] if c.probability > 0]
    assert int(match.group(1)) == len(others)  # every other record the search found, each far less likely
    assert float(match.group(2)) == pytest.approx(sum(c.probability for c in others), abs=0.001)
    lone = Matcher(pa.table({"record_id": ["1", "2"], "serial": ["A0011100", "ZZ99"]})).search("A0011100")[0]
    assert "fit less well" not in lone.explanation[-1].text  # nothing else takes a share worth saying


@pytest.mark.parametrize(
    ("read", "recorded"),
    [("AK-47", "Type 56"), ("AK-47", "AKM"), ("G3", "G3A7"), ("L1A1", "FAL"), ("Glock 17", "Glock 19")],
)
def test_models_of_one_family_agree_in_part(read: str, recorded: str) -> None:
    """A licence, copy or variant of one design (the reference's family) is not a disagreement."""
    a, b = standardise("model", read), standardise("model", recorded)
    assert a and b and compare("model", a, b) == "partial"
    assert compare("model", standardise("model", "AK-47") or "", standardise("model", "FAL") or "") == "disagree"


def test_a_shortened_company_word_still_names_its_maker() -> None:
    read = standardise("manufacturer", "Mechanical and Chemical Industry Corp")
    assert read == standardise("manufacturer", "MKE")
