"""The review's false readings of the licensee, company, plant, letter-name, skeleton, false-mark and holding rules
(reviewI): each sentence reads what it says, and nothing it does not."""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.letternames import letter_name_readings, spell_letter_names


@pytest.mark.parametrize(
    ("text", "maker_id"),
    [
        ("Glock 17 pistol held under licence by Nigeria Customs Service.", "glock"),
        ("Pistol, Glock 17, licence issued by Police Scotland.", "glock"),
        ("Pistol, Beretta 92, licence issued by Police Scotland.", "beretta"),
    ],
)
def test_a_licence_held_or_issued_is_not_licensed_production(text: str, maker_id: str) -> None:
    r = identify(text)
    assert r.manufacturer_id == maker_id
    assert not any("licensee" in e.note for e in r.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Pistol seized at Mombasa Cement Ltd, Kenya; Makarov PM.",
        "Weapon found in a car registered to Kenya Power Ltd, Nairobi.",
        "Rifle seized by Security Industries Ltd guards at the port, marked AK-47.",
        "Pistol recovered from a man who works for Tata Steel Ltd, Jamshedpur.",
        "Rifle found at Bank of Kigali Ltd premises.",
        "Tabanca Öztürk İnşaat Sanayi A.Ş. deposunda bulundu.",
        "Confiscated by the firm Deloitte during audit, one pistol.",
        "Dépôt de la société Total à Abidjan: fusil AK-47 saisi.",
        "The company CEO John Smith said two rifles were stolen.",
        "Pistol sold by the firm Ahmed & Sons, Karachi",
        "AK-47 rifle, end-user licence signed by the company Alpha Trading of Sofia.",
        "Manufacturer: Not Known. Rifle, serial 12345.",
        "Manufacturer: Illegible. Pistol 9mm.",
        "Manufacturer: Unmarked; calibre 7.62x39.",
        "Manufacturer: See Annex 3.",
        "Hersteller: Unbekannt. Pistole 9 mm.",
        "The pistol was found near Fabrica de Cemento Portland in the yard.",
        "Pistol found in the Factory Road warehouse, Lagos, Nigeria.",
        "Fusil saisi à l'usine Sonatrach de Hassi Messaoud.",
        "Rifle found at the Kombinat Metalurgji Elbasan, Albania.",
        "He saw a rifle. The suspect, employed by Acme Logistics Ltd, was seen near the factory gate.",
    ],
)
def test_a_company_or_plant_not_bound_to_the_item_is_no_maker(text: str) -> None:
    r = identify(text)
    assert r.manufacturer is None
    assert not any("of the maker named by the text" in e.note for e in r.evidence)


def test_a_company_or_plant_bound_by_a_word_of_making_or_arms_is_still_read() -> None:
    assert identify("Rifle, manufactured by Zorvatek Ltd, Yerevan").manufacturer == "Zorvatek Ltd"
    assert identify("Pistol made at the Fábrica de Cemento Portland").manufacturer is not None
    # listed right after the item it made, in a catalogue's line
    assert identify("7.62 mm rifle, Mwangaza Security Industries, Nakuru, Kenya").manufacturer == (
        "Mwangaza Security Industries"
    )
    # an arms word in the name's continuation or right before the plant's word
    assert identify("cartuchos con la inscripción de la Compañía Zorvateca de la Industria Militar").manufacturer
    assert identify("Rifle, Ordnance Factory Zorvat").manufacturer == "Ordnance Factory Zorvat"


@pytest.mark.parametrize(
    "text",
    [
        "توفيت أم 4 أطفال في الحادث وضبطت بندقية.",  # a mother of 4 died
        "السيارة دي 30 سنة في الجراج مع مسدس.",  # this car is 30 years old
        "उसने पी 5 बोतल शराब और पिस्टल रखी।",  # he drank 5 bottles
        "경찰은 피 3 구역에서 권총을 발견했다.",  # 피: blood (sector P-3)
        "मोदी जी 3 दिन के दौरे पर थे, पुलिस ने पिस्टल बरामद की।",  # जी: an honorific
        "ام 60 عاما قتلت برصاصة.",  # a mother of 60 years
    ],
)
def test_letter_names_that_are_ordinary_words_before_a_number_read_no_design(text: str) -> None:
    assert identify(text).model is None


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("ام16", "M16"),  # written against its number
        ("جی-3", "G-3"),
        ("بندقية ام 16", "M 16"),  # a weapon noun right beside it
        ("«ام 4»", "M 4"),  # quoted
        ("دي ام 4", "DM 4"),  # a run of two names
    ],
)
def test_an_ambiguous_letter_name_is_read_where_it_can_be_no_ordinary_word(text: str, latin: str) -> None:
    assert latin in " ".join(spell_letter_names(text).split())


def test_hindi_g3_spelt_with_a_hyphen_is_still_read() -> None:
    assert identify("जी-3 रायफल बरामद").model == "HK G3"


def test_a_letter_name_reading_quotes_the_words_as_written() -> None:
    assert letter_name_readings("ضبطت بندقية ام ١٦") == [("ام ١٦", "M 16")]
    r = identify("ضبطت بندقية ام 16")
    assert r.model == "M16"
    model = [e for e in r.evidence if e.field == "model" and e.weight > 0]
    assert model and "«ام 16»" in model[0].note and "letter names" in model[0].note
    assert any(e.text == "ام 16" and "letter names" in e.note for e in r.evidence if e.field == "unread")


def test_hindi_company_owner_is_no_skeleton_name() -> None:
    r = identify("कंपनी मालिक के घर से राइफल बरामद।")
    assert r.model is None
    assert r.manufacturer is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The rifle appears to be Russian-made, an AK-74.", "RU"),
        ("Rifle marked AK-74, appears to be of Chinese manufacture.", "CN"),
    ],
)
def test_appears_to_be_is_no_false_mark(text: str, country: str) -> None:
    assert identify(text).country == country


def test_made_to_appear_is_still_a_false_mark() -> None:
    r = identify("AK-74 rifle doctored to appear of Russian manufacture")
    assert r.country != "RU"


def test_a_components_maker_is_not_the_items_plant() -> None:
    r = identify("Mortar bomb 60mm by Edge Group, fuze by Burkan Munitions.")
    assert r.manufacturer_id == "edge_group"


@pytest.mark.parametrize("text", ["警察はエーケー47を押収した。", "경찰은 에이케이-47 소총을 압수했다."])
def test_katakana_and_hangul_letter_names_written_joined_are_read(text: str) -> None:
    assert identify(text).model == "AK-47"


def test_a_katakana_word_that_only_starts_with_a_letter_name_stays_a_word() -> None:
    assert "エース" in spell_letter_names("エース47")
