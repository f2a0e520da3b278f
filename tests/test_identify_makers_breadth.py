"""Issue 14, identM pass: the makers of the field's producers beyond the classic arsenals (Turkish, South and
Southeast Asian, Balkan, Central European, Ukrainian, Russian, Central Asian, African, Middle Eastern and Latin
American plants; armoured-vehicle builders whose products carry guns and turn up in conflict reporting).

The markings and sentences are written for these rows from the public sources the rows cite (no case of any
held-out set): the maker's name as marked, in Latin script or its own, with a product or calibre beside it.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.reference import load_reference


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [
        # Turkey
        ("ATA ARMS NEO 12 CAL.12", "ata_arms_tr", "TR"),
        ("ZSR PATLAYICI 9x19 2019", "zsr_patlayici", "TR"),
        ("MİTE DEFENCE 5.56x45", "mite_defence", "TR"),
        ("KALE KALIP MPT-76", "kale_kalip", "TR"),
        ("OTOKAR COBRA", "otokar", "TR"),
        ("FNSS PARS 8x8", "fnss", "TR"),
        ("NUROL MAKİNA EJDER YALÇIN", "nurol_makina", "TR"),
        # South and Southeast Asia, Korea
        ("LOKESH MACHINES ASMI 9mm", "lokesh_machines", "IN"),
        ("HEAVY VEHICLES FACTORY AVADI T-90 BHISHMA", "hvf_avadi", "IN"),
        ("WAH INDUSTRIES LIMITED 155mm", "wah_industries", "PK"),
        ("PT KOMODO ARMAMENT INDONESIA D5 5.56", "komodo_armament", "ID"),
        ("METRO ARMS CORPORATION PARAÑAQUE 1911 .45", "metro_arms", "PH"),
        ("KOREA RYONBONG GENERAL CORPORATION", "ryonbong", "KP"),
        # Balkans, Central and Eastern Europe
        ("ZASTAVA TERVO M-20", "zastava_tervo", "RS"),
        ("PRVA PETOLETKA TRSTENIK", "prva_petoletka_namenska", "RS"),
        ("BSS UŽIĆI 7.62x39", "bss_uzici", "RS"),
        ("ĐURO ĐAKOVIĆ SPECIJALNA VOZILA", "duro_dakovic", "HR"),
        ("DOK-ING MV-4", "dok_ing", "HR"),
        ("ZEVETA BOJKOVICE", "zeveta_bojkovice", "CZ"),
        ("METROM BRAȘOV", "metrom_brasov", "RO"),
        ("HM ARZENÁL CZ BREN 2", "hm_arzenal", "HU"),
        ("RHEINMETALL HUNGARY MUNITIONS VÁRPALOTA 155mm", "rheinmetall_hungary_munitions", "HU"),
        ("JELCZ 442.32", "jelcz", "PL"),
        # Africa
        ("PARAMOUNT GROUP MBOMBE", "paramount_group", "ZA"),
        ("DENEL MECHEM CASSPIR", "mechem_za", "ZA"),
        ("WINDHOEKER MASCHINENFABRIK WER'WOLF", "wmf_namibia", "NA"),
        ("SAFAV-MB", "safav_mb", "DZ"),
        # Middle East
        ("SOLTAM SYSTEMS 120mm mortar", "soltam_systems", "IL"),
        ("PLASAN SANDCAT", "plasan", "IL"),
        ("MEPROLIGHT M21", "meprolight", "IL"),
        ("NIMR AUTOMOTIVE AJBAN", "nimr_automotive", "AE"),
        # Europe and North America, Latin America
        ("WAFFENFABRIK SOLOTHURN S-18/100", "waffenfabrik_solothurn", "CH"),
        ("MOWAG PIRANHA", "mowag", "CH"),
        ("ALVIS SARACEN", "alvis", "GB"),
        ("AM GENERAL HMMWV M1151", "am_general", "US"),
        ("ENGESA EE-9 CASCAVEL", "engesa", "BR"),
        ("AGRALE MARRUÁ AM11", "agrale", "BR"),
    ],
)
def test_a_producer_of_the_field_is_read_from_its_plain_marking(text: str, maker: str, country: str) -> None:
    r = identify(text)
    assert (r.manufacturer_id, r.country) == (maker, country)


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [
        ("लोकेश मशीन्स", "lokesh_machines", "IN"),  # Hindi
        ("भारी वाहन निर्माणी", "hvf_avadi", "IN"),  # Hindi: Heavy Vehicles Factory
        ("বাংলাদেশ মেশিন টুলস ফ্যাক্টরি", "bmtf_bd", "BD"),  # Bengali
        ("현대로템 K2", "hyundai_rotem", "KR"),
        ("두산DST K21", "doosan_dst", "KR"),
        ("内蒙古第一机械集团", "inner_mongolia_first_machinery", "CN"),
        ("סולתם", "soltam_systems", "IL"),  # Hebrew
        ("معمل حمورابي", "hammurabi_factory_iq", "IQ"),  # Arabic
        ("مديرية الصناعات العسكرية", "dfm_algeria", "DZ"),
        ("سازمان صنایع هوایی", "iaio_iran", "IR"),  # Persian
        ("САМЕЛ-90 САМОКОВ", "samel_90", "BG"),
        ("БОРБЕНИ СЛОЖЕНИ СИСТЕМИ 7,62x39", "bss_uzici", "RS"),  # Serbian Cyrillic
        ("ФАП ПРИБОЈ", "fap_priboj", "RS"),
        ("УКРАЇНСЬКА БРОНЕТЕХНІКА 120 мм міномет", "ukrainian_armor", "UA"),  # Ukrainian
        ("ЗАВОД ИМЕНИ МАЛЫШЕВА Т-64", "malyshev_factory", "UA"),
        ("АВТОКРАЗ", "autokraz", "UA"),
        ("ВОТКИНСКИЙ ЗАВОД", "votkinsk_plant", "RU"),
        ("КУРГАНМАШЗАВОД БМП-3", "kurganmashzavod", "RU"),
        ("УРАЛВАГОНЗАВОД Т-72", "uralvagonzavod", "RU"),
        ("ОМСКТРАНСМАШ", "omsktransmash", "RU"),
        ("КАМАЗ Тайфун-К", "kamaz", "RU"),
        ("НОВОСИБИРСКИЙ ПРИБОРОСТРОИТЕЛЬНЫЙ ЗАВОД", "npz_novosibirsk", "RU"),
        ("БЕЛВНЕШПРОМСЕРВИС", "belvneshpromservice", "BY"),
    ],
)
def test_a_producer_is_read_from_its_name_in_its_own_script(text: str, maker: str, country: str) -> None:
    r = identify(text)
    assert (r.manufacturer_id, r.country) == (maker, country)


@pytest.mark.parametrize(
    ("text", "maker", "country"),
    [
        ("The tank was built by Uralvagonzavod in Nizhny Tagil.", "uralvagonzavod", "RU"),
        ("Kurganmashzavod delivered the BMP-3 vehicles.", "kurganmashzavod", "RU"),
        (
            "The mortar bombs were made by the State Company for Military Industries in Iraq.",
            "iraq_state_co_military_industries",
            "IQ",
        ),
        ("The rifles were assembled by Neutron GAM in Yerevan.", "neutron_gam", "AM"),
        ("Mechem, a subsidiary of Denel, rebuilt the Casspir.", "mechem_za", "ZA"),
    ],
)
def test_a_producer_is_read_from_a_report_sentence(text: str, maker: str, country: str) -> None:
    r = identify(text)
    assert (r.manufacturer_id, r.country) == (maker, country)


@pytest.mark.parametrize(
    ("text", "maker", "model"),
    [
        ("LOKESH MACHINES ASMI 9mm", "lokesh_machines", "ASMI"),
        ("KOMODO ARMAMENT D5 5.56", "komodo_armament", "Komodo D5"),
        ("WAFFENFABRIK SOLOTHURN MG 30", "waffenfabrik_solothurn", "MG 30"),
    ],
)
def test_a_flagship_product_is_read_with_its_maker(text: str, maker: str, model: str) -> None:
    r = identify(text)
    assert (r.manufacturer_id, r.model) == (maker, model)


@pytest.mark.parametrize(
    "text",
    [
        "The firing point was 300 m away from the target.",
        "The fire point of the oil is 250 degrees.",  # FIRE POINT only as FIRE POINT LLC or FIRE POINT COMPANY
        "A progress report on the Kurgan burial mounds.",  # Kurgan is no plant's location
        "The fort at Kronstadt was shelled.",  # Kronshtadt only as KRONSHTADT GROUP
        "We stayed in Windhoek and Volgograd.",  # capitals and cities are no plant's location
        "Rockets fell on Sderot again.",
        "The metro arms race.",  # METRO ARMS only with CORPORATION or its town
        "He read the Dastan epic poem.",  # DASTAN only as the plant's name
        "The paramount concern was safety.",  # PARAMOUNT only as PARAMOUNT GROUP
        "She lives in Borisov.",
        "The zrak was clear on the Samokov road.",  # ZRAK (air) only as ZRAK SARAJEVO or ZRAK D.D.
    ],
)
def test_ordinary_words_and_towns_are_no_new_makers(text: str) -> None:
    r = identify(text)
    assert r.manufacturer_id is None


def test_the_new_rows_cover_the_field_and_cite_sources() -> None:
    ref = load_reference()
    makers = {m.manufacturer_id: m for m in ref.manufacturers}
    wanted = {
        "ata_arms_tr",
        "lokesh_machines",
        "bmtf_bd",
        "sl_army_ordnance_industries",
        "komodo_armament",
        "ryonbong",
        "hyundai_rotem",
        "uralvagonzavod",
        "malyshev_factory",
        "mzkt",
        "semey_engineering",
        "neutron_gam",
        "dastan_kg",
        "wmf_namibia",
        "bishoftu_automotive",
        "innoson",
        "safav_mb",
        "atlas_defence_ma",
        "iraq_state_co_military_industries",
        "indumil_antonio_ricaurte",
        "engesa",
    }
    assert wanted <= set(makers)
    assert all(makers[w].source.startswith("http") for w in wanted)
    assert {"AM", "KG", "NA", "LK", "UZ", "ME", "KP"} <= {m.country for m in ref.manufacturers}
