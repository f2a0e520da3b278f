"""State arsenals and defence-industry plants the maker table lacked: NORINCO member plants, Vietnamese
Z-factories, numbered KaPaSa factories, Polish PGZ works, Romarm plants, Azerbaijani, Kazakh, Iranian, Russian,
Bolivian, Algerian, Indonesian and other makers investigators meet on recovered arms, ammunition and ordnance.

The loader reads the rows with their country, group and source; a typical stamp or report sentence names the plant
and its country; a town, a person or a plain word beside the same places names none of them.
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.reference import load_reference

# (maker row, country, group it belongs to or "")
ROWS = [
    ("qingyang_chemical_cn", "CN", "norinco"),
    ("kunlun_machinery_cn", "CN", "norinco"),
    ("z114_vn", "VN", ""),
    ("kapasa_14_mm", "MM", "kapasa"),
    ("wzu_pl", "PL", "pgz_pl"),
    ("arsenal_resita", "RO", "romarm"),
    ("sharg_az", "AZ", "mdi_az"),
    ("shahid_kharrazi_ir", "IR", "sbig_iran"),
    ("biysk_oleum_ru", "RU", "sverdlov_plant"),
    ("nziv_ru", "RU", "tecmash"),
    ("zik_kz", "KZ", "kazakhstan_engineering"),
    ("fbm_bolivia", "BO", "cofadena_bo"),
    ("hibret_et", "ET", "metec_et"),
    ("dicon_ordfac", "NG", "dicon_nigeria"),
    ("vfj_in", "IN", "avnl_in"),
    ("len_industri", "ID", "defend_id"),
    ("edst_dz", "DZ", ""),
    ("yildiz_silah", "TR", ""),
]

# (stamp or sentence, maker name identification returns, country)
SAMPLE = [
    ("LIAONING QINGYANG CHEMICAL INDUSTRIAL CORPORATION", "Liaoning Qingyang Chemical Industrial Corporation", "CN"),
    ("Fuze case stamped NHÀ MÁY Z114", "Z114 Factory (Vietnam Defence Industry)", "VN"),
    ("Mortar bombs from KAPASA NO. 12", "KaPaSa No. 12 (Myanmar Directorate of Defence Industries)", "MM"),
    ("WOJSKOWE ZAKŁADY UZBROJENIA GRUDZIĄDZ", "Wojskowe Zakłady Uzbrojenia", "PL"),
    ("UZINA MECANICA TOHAN", "Uzina Mecanică Tohan", "RO"),
    ("40x46 mm grenades of the Sharg Production Union, Shirvan", "Sharg Production Union", "AZ"),
    ("Motor case marked SHAHID KHARRAZI INDUSTRIES", "Shahid Kharrazi Industries", "IR"),
    ("RDX from the Biysk Oleum Plant", "Biysk Oleum Plant", "RU"),
    ("НОВОСИБИРСКИЙ ЗАВОД ИСКУССТВЕННОГО ВОЛОКНА", "Novosibirsk Artificial Fibre Plant", "RU"),
    ("ПЕТРОПАВЛОВСКИЙ ЗАВОД ТЯЖЕЛОГО МАШИНОСТРОЕНИЯ", "Petropavlovsk Heavy Machinery Plant", "KZ"),
    ("FÁBRICA BOLIVIANA DE MUNICIÓN 7.62x51", "Fábrica Boliviana de Munición", "BO"),
    ("DICON ORDNANCE FACTORIES COMPLEX KAKURI", "DICON Ordnance Factories Complex (Kakuri, Kaduna)", "NG"),
    ("Truck built by VEHICLE FACTORY JABALPUR", "Vehicle Factory Jabalpur", "IN"),
    ("PT LEN INDUSTRI radio set", "PT Len Industri", "ID"),
    ("Shotgun marked YILDIZ SILAH SANAYI", "Yıldız Silah Sanayi", "TR"),
    ("ÖZKANLAR TÜFEK SANAYİ over-and-under shotgun", "Özkanlar Tüfek Sanayi", "TR"),
    ("Night-vision goggle by OPTIX AD, Panagyurishte", "Optix (Bulgaria)", "BG"),
    ("Box of DIMABEL 9 mm cartridges", "Dirección de Material Bélico (DIMABEL)", "PY"),
    ("HIBRET MANUFACTURING AND MACHINE BUILDING INDUSTRY", "Hibret Manufacturing and Machine Building Industry", "ET"),
    ("Explosives from MAXAM FANEXA", "Maxam-Fanexa (Fábrica Nacional de Explosivos y Accesorios)", "BO"),
]

# Places, people and words that sit beside the new rows' names but name none of them.
PROSE = [
    "We drove from Banja Luka to Goražde and on to Bugojno.",
    "She met Adem Kuzu in Burdur and then flew on to Antalya.",
    "The Omega watch and the Zenit camera were on the table in Uralsk.",
    "Kosmos satellites were launched from Plesetsk.",
    "He worked in Petropavlovsk, Novosibirsk and Biysk for years.",
]


def test_the_rows_load_with_their_country_group_and_source() -> None:
    ref = load_reference()
    makers = {m.manufacturer_id: m for m in ref.manufacturers}
    groups = {(r.manufacturer_id, r.related_id) for r in ref.maker_relations}
    for maker_id, country, group in ROWS:
        row = makers[maker_id]
        assert row.country == country and row.source.startswith("http")
        assert not group or (maker_id, group) in groups


@pytest.mark.parametrize(("text", "maker", "country"), SAMPLE)
def test_a_stamp_or_sentence_names_the_plant_and_its_country(text: str, maker: str, country: str) -> None:
    r = identify(text)
    assert (r.manufacturer, r.country) == (maker, country)


@pytest.mark.parametrize("text", PROSE)
def test_places_people_and_words_name_none_of_the_new_plants(text: str) -> None:
    new = {m.name for m in load_reference().manufacturers if m.manufacturer_id in {i for i, _, _ in ROWS}}
    new |= {maker for _, maker, _ in SAMPLE}
    assert identify(text).manufacturer not in new
