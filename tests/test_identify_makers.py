"""Rules of issue 14, eighth pass (Latin-script makers): licence phrases in the languages the engine reads, worn
maker names with gaps, a maker's other English renderings and short names, craft workshops named in the text,
and the maker rows these need.

Each case is written for its rule (no case of any held-out set) and failed before it, except the guards marked as
such. Development cases with their public sources are in tests/data/markings_dev_makers.yaml.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.evaluation import _same
from armstrace.identify.names import standard_name
from armstrace.reference import load_reference

HK, POF, INDEP, FN = (
    "Heckler & Koch",
    "Pakistan Ordnance Factories",
    "INDEP (Indústrias Nacionais de Defesa)",
    "FN Herstal",
)


def _why(text: str, row: str) -> list[str]:
    return [e.note for e in identify(text).evidence if e.row == row]


@pytest.mark.parametrize(
    ("text", "country", "maker", "licensor"),
    [
        ("Espingarda G3 fabricada em Portugal sob licença da Heckler & Koch", "PT", INDEP, "heckler_koch"),
        (
            "Fusil FAL fabricado en Argentina bajo licencia de FN Herstal",
            "AR",
            "Fabricaciones Militares (FM)",
            "",
        ),  # guard
        ("G3 tüfeği MKE tarafından HK lisansıyla üretilmiştir", "TR", "MKE (Makina ve Kimya Endüstrisi)", ""),  # guard
        ("Pistola fabricada no Brasil sob licença da Beretta pela Taurus", "BR", "Taurus Armas", "beretta"),
        ("G3 made under licence from Heckler & Koch in Pakistan", "PK", POF, "heckler_koch"),
    ],
)
def test_licence_phrase_names_the_licensee_and_the_licensor_is_evidence(
    text: str, country: str, maker: str, licensor: str
) -> None:
    r = identify(text)
    assert (r.country, r.manufacturer) == (country, maker)
    if licensor:
        assert any("licensor" in note for note in _why(text, licensor))


def test_licensor_alone_is_not_the_maker_and_its_town_is_not_a_location() -> None:
    # "na licencji FN Herstal": HERSTAL inside the licensor's name was read as FN's location before
    r = identify("Karabin wyprodukowany na licencji FN Herstal")
    assert r.manufacturer is None


def test_guard_maker_named_by_a_plain_made_by_is_kept() -> None:
    assert identify("Beryl made by FB Radom").manufacturer == "Fabryka Broni Łucznik-Radom"


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("NOR[....] TYPE 56", "Norinco"),  # four dots: four letters lost (NORWAY'S fitted the same length before)
        ("NOR[3 letters]O TYPE 56", "Norinco"),  # the count written
        ("IZH[.]ASH", "Izhmash (Kalashnikov Concern)"),  # one dot between letters: one letter lost
        ("HECKLER & K[..]H G3", HK),  # too short alone: read with the words around it
        ("H[..]KLER & KOCH", HK),
    ],
)
def test_worn_maker_name_is_read_by_the_length_written_and_its_neighbours(text: str, maker: str) -> None:
    r = identify(text)
    assert r.manufacturer == maker
    assert r.unread and "read as" in r.unread[0]


def test_worn_name_two_makers_fit_at_that_length_stays_unknown() -> None:
    # guard: IZHM[...] fits IZHMASH and IZHMEKH alike, so it is left unread
    r = identify("IZHM[...]")
    assert r.manufacturer is None and r.unread == ["IZHM[...]"]


def test_footnote_number_after_a_word_is_not_a_gap() -> None:
    # guard: "[3]" after a whole word is a footnote, not three lost letters
    assert identify("Norinco[3] Type 56").unread == []


@pytest.mark.parametrize(
    ("text", "country", "maker"),
    [
        ("Springfield Arsenal M1903", "US", "Springfield Armory (US national armory)"),  # ARSENAL read as Arsenal AD
        ("Frankford Armory cartridge", "US", "Frankford Arsenal"),
        ("pistola prodotta dallo stabilimento meccanico di Izhevsk", "RU", "Izhevsk Mechanical Plant (Baikal)"),
    ],
)
def test_maker_named_with_its_generic_words_rendered_otherwise(text: str, country: str, maker: str) -> None:
    r = identify(text)
    assert (r.country, r.manufacturer) == (country, maker)
    assert any("rendered otherwise" in e.note for e in r.evidence)


def test_rendering_guards() -> None:
    # a country's name before a plant word names no plant; a brand written as a row writes it keeps its row
    assert identify("Chinese arsenal rifle").manufacturer is None
    assert identify("Rock Island Armory M1911").manufacturer == "Armscor (Arms Corporation of the Philippines)"
    # a town with two plants and no qualifier that tells them apart stays open
    assert identify("made at an Izhevsk plant").manufacturer != "Izhevsk Mechanical Plant (Baikal)"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Glock 17 MADE IN AUSTRIA, made in a workshop in Peshawar", "PK"),
        ("Pistol marked BERETTA MADE IN ITALY, product of a Pakistani workshop", "PK"),
        ("Colt 1911 pistol marked MADE IN USA, from a gunsmith's workshop in Danao", "PH"),
        ("Pistol stamped NORINCO, made in Munger workshops", "IN"),
    ],
)
def test_workshop_named_in_the_text_beats_the_brand_and_a_false_made_in(text: str, country: str) -> None:
    r = identify(text)
    assert r.country == country
    assert r.manufacturer is None  # the brand is the copied one
    assert r.conflicts  # both readings stated


def test_workshop_where_the_item_was_seized_is_not_its_origin() -> None:
    # guard: a workshop named after "seized from" is the place of recovery
    r = identify("Glock 17 seized from a workshop in Kenya")
    assert (r.country, r.manufacturer) == ("AT", "Glock")


def test_brand_marked_made_in_its_owners_country_is_the_owners() -> None:
    # Browning is FN Herstal's brand (maker_relations.csv): MADE IN BELGIUM is FN's plant, not a false mark
    r = identify("BROWNING ARMS CO MORGAN UTAH MADE IN BELGIUM")
    assert (r.country, r.manufacturer) == ("BE", FN)
    assert "Browning Arms Company" in [a.value for a in r.alternatives if a.field == "manufacturer"]


def test_maker_owned_by_a_group_is_not_its_owners_brand() -> None:
    # guard: Sako belongs to the Beretta group, but SAKO MADE IN ITALY is still a conflict, not Beretta's
    r = identify("SAKO MADE IN ITALY")
    assert r.manufacturer is None and r.conflicts


def test_related_maker_rows_are_listed_and_accepted_by_evaluation() -> None:
    ref = load_reference()
    assert _same("manufacturer", "Browning", FN, ref)  # a brand for its owner
    # a member of a group, a subsidiary or a successor is another factory: not the same maker (review)
    assert not _same("manufacturer", "Kalashnikov Concern", "Izhevsk Mechanical Plant (Baikal)", ref)
    assert not _same("manufacturer", "Sako", "Beretta", ref)
    assert not _same("manufacturer", "Beretta", "Glock", ref)
    alts = [a.value for a in identify("MARLIN FIREARMS CO").alternatives if a.field == "manufacturer"]
    assert "Sturm, Ruger & Co." in alts


@pytest.mark.parametrize(
    "text",
    [
        "Pistole 27 fnh 43",  # the German 1941-45 code of Böhmische Waffenfabrik (Česká zbrojovka)
        "fnh Pistole Modell 27 Kal 7.65",
        "BOHMISCHE WAFFENFABRIK A.G. IN PRAG PISTOLE MODELL 27 KAL. 7.65",
    ],
)
def test_czech_pistol_under_german_occupation_code(text: str) -> None:
    r = identify(text)
    assert (r.country, r.manufacturer) == ("CZ", "Česká zbrojovka Strakonice")


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("Sellier", "Sellier & Bellot"),  # a company known by its first word
        ("Palmetto", "Palmetto State Armory"),
        ("Springfield Arsenal", "Springfield Armory (US national armory)"),  # another rendering of its name
        ("Hanyang Armory", "Hanyang Arsenal"),
        ("Wah Ordnance Factory", "Pakistan Ordnance Factories"),  # the maker's town with a plant word
        ("Shenyang Arsenal", "Mukden Arsenal"),
    ],
)
def test_standard_name_of_a_short_or_rendered_maker_name(value: str, name: str) -> None:
    assert standard_name("manufacturer", value) == name


def test_standard_name_of_a_country_or_description_is_not_a_maker() -> None:
    # guard: "Pakistan" begins Pakistan Ordnance Factories' name but names a country; Oberndorf is two makers' town
    assert standard_name("manufacturer", "Pakistan") is None
    assert standard_name("manufacturer", "Oberndorf Works") is None


def test_copy_from_a_craft_centre_after_a_made_in_mark() -> None:
    # "MADE IN USA, a copy from Munger": USA is the false mark, not an "American copy"; FROM MUNGER is the origin
    r = identify("Pistol etched MADE IN USA, a copy from Munger")
    assert r.country == "IN" and r.conflicts


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        # IZH inside the designation IZh-71 is the Izhevsk Mechanical Plant's, not also Izhmash's (a tie before)
        ("pistola Makarov IZH-71 prodotta a Izhevsk", "Izhevsk Mechanical Plant (Baikal)"),
        ("pistola Yarygin calibro 9x19", "Izhevsk Mechanical Plant (Baikal)"),  # the designer's name as the design's
        ("pistola Lebedev PL-15", "Izhmash (Kalashnikov Concern)"),
    ],
)
def test_russian_pistol_by_its_designers_name_or_its_plant_prefix(text: str, maker: str) -> None:
    r = identify(text)
    assert (r.country, r.manufacturer) == ("RU", maker)


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("Field Gun Factory Kanpur", "Field Gun Factory Kanpur"),  # read as Small Arms Factory Kanpur by its town
        ("Trichy Assault Rifle 7.62x39", "Ordnance Factory Tiruchirappalli"),
        ("Ashani pistol", "Rifle Factory Ishapore"),
        ("IRRPL AK-203", "Indo-Russian Rifles"),
    ],
)
def test_indian_ordnance_factories_and_their_rifles(text: str, maker: str) -> None:
    r = identify(text)
    assert (r.country, r.manufacturer) == ("IN", maker)
