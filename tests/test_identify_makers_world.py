"""Issue 14, dataM pass: makers at the scale of the field (state arsenals, defence industries, ammunition and
explosives plants of smaller producers, subsidiaries, historic arsenals, guided-weapon contractors) and the rule
that a holding named with one of its own plants leaves the plant as the maker.

The markings are written for these rows from the public sources the rows cite (no case of any held-out set): each
case is the maker's name as marked, in Latin script or the local one, with a product or calibre beside it.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.reference import load_reference


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [
        # Africa
        ("ENTREPRISE DE CONSTRUCTIONS MECANIQUES DE KHENCHELA PM 9mm", "ecmk_khenchela", "DZ"),
        ("QAHA COMPANY FOR CHEMICAL INDUSTRIES", "qaha_chemical_eg", "EG"),
        # Middle East and Turkey
        ("Lahab Defence Systems MK 82 500 lb bomb", "lahab_defence", "AE"),
        ("ISRAEL AEROSPACE INDUSTRIES HAROP", "iai", "IL"),
        ("GAZİ FİŞEK FABRİKASI 7.62x51 1983", "mke_gazi_fisek", "TR"),
        # South, Central and East Asia
        ("ORDNANCE FACTORY BOLANGIR propellant charge", "of_bolangir", "IN"),
        ("IGLIM YALGUZAG", "iglim_az", "AZ"),
        ("PT DAHANA SUBANG", "dahana_id", "ID"),
        ("UDMC M4 5.56", "udmc_ph", "PH"),
        # Latin America
        ("FABRICA MILITAR FRAY LUIS BELTRAN FAL", "fm_fray_luis_beltran", "AR"),
        ("SANTA BARBARA E.P. 9mm", "santa_barbara_ec", "EC"),
        ("UNION DE INDUSTRIA MILITAR Cuba AKM", "uim_cuba", "CU"),
        # Europe, historic arsenals, subsidiaries
        ("GIRAITĖS GINKLUOTĖS GAMYKLA 5.56x45", "giraite_lt", "LT"),
        ("UNIS GINEKS GORAŽDE detonator", "unis_gineks", "BA"),
        ("RWM ITALIA DOMUSNOVAS MK 82", "rwm_italia", "IT"),
        ("FRIED. KRUPP ESSEN 1917", "krupp", "DE"),
        ("ROF GLASCOED 81mm", "rof_glascoed", "GB"),
        ("QUALITY H.M.B. CORP U.S. CARBINE CAL .30 M1", "quality_hardware", "US"),
        ("SAGINAW S.G. U.S. CARBINE CAL .30 M1", "saginaw_steering", "US"),
    ],
)
def test_a_maker_of_the_field_is_read_from_its_plain_marking(text: str, maker: str, country: str) -> None:
    r = identify(text)
    assert (r.manufacturer_id, r.country) == (maker, country)


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [
        ("مركز الدراسات والبحوث العلمية", "ssrc_syria", "SY"),  # Arabic: the Syrian SSRC
        ("صنایع هوایی قدس مهاجر", "qods_aviation", "IR"),  # Persian: Qods Aviation's Mohajer
        ("ПАВЛОГРАДСКИЙ ХИМИЧЕСКИЙ ЗАВОД", "pavlohrad_chemical", "UA"),  # Russian spelling of a Ukrainian plant
        ("БСВТ – НОВЫЕ ТЕХНОЛОГИИ", "bsvt_new_technologies", "BY"),  # Belarusian cartridge plant
        ("ГАРНИ-ЛЕР", "garni_ler", "AM"),  # Armenian maker, Cyrillic
        ("第202廠 105mm", "tw_202_arsenal", "TW"),  # Taiwanese arsenal, traditional Chinese
        ("中国航天科技集团 CH-4", "casc_cn", "CN"),
        ("三菱重工 Type 12", "mitsubishi_heavy", "JP"),
        ("LIG넥스원 신궁", "lig_nex1", "KR"),
        ("NHÀ MÁY Z113 đạn K56 7,62x39", "z113_vn", "VN"),  # Vietnamese with its diacritics
    ],
)
def test_a_maker_is_read_from_its_name_in_a_local_script(text: str, maker: str, country: str) -> None:
    r = identify(text)
    assert (r.manufacturer_id, r.country) == (maker, country)


@pytest.mark.parametrize(
    ("text", "maker", "model"),
    [
        ("DISEÑOS CASANAVE SC-2026 7.62x39", "casanave_pe", "SC-2026"),
        ("MANUFACTURE D'ARMES DE BAYONNE PA-15 9mm", "mab_bayonne", "MAB PA-15"),
        ("UNDERWOOD ELLIOTT FISHER U.S. CARBINE CAL .30 M1", "underwood_elliott_fisher", "M1 carbine"),
    ],
)
def test_a_product_is_read_with_its_maker(text: str, maker: str, model: str) -> None:
    r = identify(text)
    assert (r.manufacturer_id, r.model) == (maker, model)


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("aux 43 P 7.92", "polte_magdeburg"),  # German 1940-45 maker code before a year
        ("ELEY .22 LR", "eley"),  # headstamp
    ],
)
def test_a_new_code_names_its_maker(text: str, maker: str) -> None:
    assert identify(text).manufacturer_id == maker


@pytest.mark.parametrize(
    ("text", "maker", "group"),
    [
        # the group named first read as the maker before the rule
        ("Federal Cartridge, Vista Outdoor, Anoka MN", "federal_cartridge", "Vista Outdoor"),
        ("Almaz-Antey: IEMZ Kupol, Tor-M2", "kupol_izhevsk", "Almaz-Antey"),
        ("Tactical Missiles Corporation, Vympel NPO, R-73", "vympel_npo", "Tactical Missiles Corporation"),
        ("Czechoslovak Group (Excalibur Army) DANA M2", "excalibur_army", "Czechoslovak Group"),
        (
            "Vietnam Defence Industry, Factory Z113, K56",
            "z113_vn",
            "Vietnam Defence Industry (General Department of Defence Industry)",
        ),
    ],
)
def test_a_holding_named_with_its_own_plant_leaves_the_plant_as_maker(text: str, maker: str, group: str) -> None:
    r = identify(text)
    assert r.manufacturer_id == maker
    assert any(a.field == "manufacturer" and a.value == group for a in r.alternatives)


def test_a_mark_the_group_shares_with_a_plant_does_not_make_that_plant_the_maker() -> None:
    # ROMARM marks Cugir's products and the group's alike: a Plopeni round sold by CN ROMARM is not Cugir's
    r = identify("Thermobaric round for the AG-9 launcher, Plopeni Mechanical Plant, CN ROMARM SA")
    assert r.manufacturer_id != "cugir"
    assert r.country == "RO"


@pytest.mark.parametrize(
    "text",
    [
        "He wore a Kupol-shaped hat in Moscow",  # KUPOL (a dome) alone is no maker
        "Komatsu excavators and Daikin air conditioners",  # the Japanese ordnance makers only by full name
        "The crane lifted it in Belgrade",  # Crane Army Ammunition Activity only by its name
        "Leonardo painted the Mona Lisa",  # Leonardo only as LEONARDO S.P.A. or OTO MELARA
        "Thales of Miletus was a philosopher",  # Thales Group only by its full names
        "We met in Minsk and Baku",  # capitals are no plant's location
    ],
)
def test_ordinary_words_and_capitals_are_no_new_makers(text: str) -> None:
    r = identify(text)
    assert r.manufacturer_id is None


def test_every_new_row_cites_a_source_and_the_field_is_covered() -> None:
    ref = load_reference()
    ids = {m.manufacturer_id for m in ref.manufacturers}
    wanted = {"ecmk_khenchela", "giraite_lt", "garni_ler", "iglim_az", "uim_cuba", "casanave_pe", "tw_202_arsenal"}
    assert wanted <= ids
    countries = {m.country for m in ref.manufacturers}
    assert {"DZ", "LT", "AM", "AZ", "CU", "EC", "TH", "CD", "BY", "QA"} <= countries
