"""The tables that shape a synthetic scenario: serial series, weapon families, units, places, incidents.

Everything here is data. Where a serial format was found in a public description it says so; where
it is an assumption (most makers do not publish their numbering) it says that too, and the format is
only meant to be *plausible*: letters and digits in the positions a reader would expect, dense
consecutive numbers inside a consignment, distinct formats per maker. See docs/synthetic.md.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ANA_CORPS",
    "ANP_PROVINCES",
    "CONFUSABLE_CLASSES",
    "CYRILLIC_ALPHABET",
    "FAMILIES",
    "GROUPS",
    "LATIN_TO_CYRILLIC",
    "NAMED_INCIDENTS",
    "PLACES",
    "SERIES",
    "SPECIAL_SERIAL",
    "Family",
    "Group",
    "NamedIncident",
    "Place",
    "Series",
]

LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Cyrillic capitals used in Soviet-era serial prefixes (Ё Й Ъ Ы Ь Щ left out: not seen in prefixes).
CYRILLIC_ALPHABET = "АБВГДЕЖИКЛМНОПРСТУФХЦЧШЭЮЯ"
# Latin letters and their Cyrillic lookalikes (the reading or typing fault, in both directions).
LATIN_TO_CYRILLIC = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",
}  # fmt: skip
# Characters a hand or camera reading confuses: the confusion classes of armstrace.serials.
CONFUSABLE_CLASSES = ("0ODQ", "1IL", "5S", "8B", "2Z", "6G", "UV")


@dataclass(frozen=True)
class Series:
    """A numbering scheme: prefix + `letters` letters of `alphabet` + `digits` digits + suffix.

    Number n maps to letters n // 10**digits (base len(alphabet)) and digits n % 10**digits, so a run of
    consecutive numbers is a run of consecutive serials, rolling the letters over as real series do.
    """

    key: str
    prefix: str
    digits: int
    start: int
    letters: int = 0
    alphabet: str = LATIN
    suffix: str = ""
    basis: str = "assumed"

    @property
    def capacity(self) -> int:
        return int((len(self.alphabet) ** self.letters) * 10**self.digits)


SERIES: dict[str, Series] = {s.key: s for s in [
    Series("colt_w", "W", 7, 1_000_000,
           basis="public: Colt M4A1 W1004340 (US records request, shipped 9 Jan 2018); width assumed"),
    Series("fn_m16", "", 7, 2_000_000, basis="assumed: 7-digit numeric receiver serial"),
    Series("colt_m16", "", 7, 7_000_000, basis="assumed: 7-digit numeric receiver serial"),
    Series("remington_m4", "RA", 7, 1_000_000, basis="assumed"),
    Series("bushmaster_m4", "BK", 6, 100_000, basis="assumed"),
    Series("fn_m249", "", 6, 100_000, basis="assumed: 6-digit numeric"),
    Series("fn_m240", "", 7, 8_500_000, basis="assumed"),
    Series("beretta_m9", "M9-", 6, 10_000, basis="brief: M9-012345 style"),
    Series("beretta_ber", "BER", 6, 100_000, suffix="Z", basis="brief: BER123456Z style (Beretta USA)"),
    Series("glock", "", 3, 26 * 26 * 1000, letters=3,
           basis="public: Glock serials of letters + 3 digits, e.g. ABC001 then ABD001 (collector guides)"),
    Series("colt_m203", "C", 6, 100_000, basis="assumed"),
    Series("soviet_ak", "", 4, 120 * 10_000, letters=2, alphabet=CYRILLIC_ALPHABET,
           basis="common: two Cyrillic letters + 4 digits (e.g. ЛЕ1234); pattern assumed"),
    Series("soviet_pk", "", 3, 40 * 1_000, letters=2, alphabet=CYRILLIC_ALPHABET, basis="assumed"),
    Series("soviet_rpg", "", 5, 3 * 100_000, letters=1, alphabet=CYRILLIC_ALPHABET, basis="assumed"),
    Series("type56", "", 8, 10_000_000,
           basis="public: Type 56 with factory /66\\ mark, serial 10121943 (Museums Victoria)"),
    Series("bulgarian", "", 6, 30 * 1_000_000, letters=2, basis="assumed"),
    Series("romanian", "", 4, 40 * 10_000, letters=2, basis="assumed; year marked separately"),
    Series("hungarian", "", 5, 60 * 100_000, letters=2, basis="assumed"),
    Series("russian", "", 9, 100_000_000, basis="assumed: 9-digit numeric (modern production)"),
]}  # fmt: skip

# The one serial from the public record: a Colt M4A1 shipped 9 January 2018, recovered in Pakistan.
SPECIAL_SERIAL = ("colt_m4a1", 1_004_340, "2018-01-09")


@dataclass(frozen=True)
class Family:
    """One kind of weapon from one maker, numbered in one series."""

    key: str
    series: str
    manufacturer: str
    spellings: tuple[str, ...]  # how registries record the maker (the identification engine's job)
    model: str
    calibre: str
    weapon_type: str
    country: str
    nsn: str
    markings: str  # template with {serial} and {year}
    years: tuple[int, int]


FAMILIES: dict[str, Family] = {f.key: f for f in [
    Family("colt_m4", "colt_w", "Colt's Manufacturing Company", ("Colt's Mfg Co", "COLT", "Colt Defense LLC"),
           "M4", "5.56x45mm NATO", "carbine", "US", "1005-01-231-0973",
           "COLT'S MFG CO / HARTFORD CONN / M4 CARBINE CAL 5.56MM / PROPERTY OF U.S. GOVT / {serial}",
           (2004, 2021)),
    Family("colt_m4a1", "colt_w", "Colt's Manufacturing Company", ("Colt's Mfg Co", "COLT", "Colt Defense LLC"),
           "M4A1", "5.56x45mm NATO", "carbine", "US", "1005-01-382-0953",
           "COLT'S MFG CO / HARTFORD CONN / M4A1 CARBINE CAL 5.56MM / PROPERTY OF U.S. GOVT / {serial}",
           (2008, 2021)),
    Family("fn_m16a4", "fn_m16", "FN Manufacturing LLC", ("FN Manufacturing", "FNMI", "FN America"),
           "M16A4", "5.56x45mm NATO", "rifle", "US", "1005-01-383-2872",
           "FN MFG LLC / COLUMBIA SC / RIFLE 5.56MM M16A4 / PROPERTY OF U.S. GOVT / {serial}", (2003, 2020)),
    Family("colt_m16a2", "colt_m16", "Colt's Manufacturing Company", ("Colt's Mfg Co", "COLT"),
           "M16A2", "5.56x45mm NATO", "rifle", "US", "1005-01-128-9936",
           "COLT'S MFG CO / HARTFORD CONN / RIFLE 5.56MM M16A2 / PROPERTY OF U.S. GOVT / {serial}",
           (1990, 2012)),
    Family("remington_m4", "remington_m4", "Remington Arms Company", ("Remington Defense", "REMINGTON"),
           "M4", "5.56x45mm NATO", "carbine", "US", "1005-01-231-0973",
           "REMINGTON ARMS CO / ILION NY / M4 CARBINE CAL 5.56MM / PROPERTY OF U.S. GOVT / {serial}",
           (2013, 2020)),
    Family("bushmaster_m4", "bushmaster_m4", "Bushmaster Firearms International", ("Bushmaster", "BUSHMASTER"),
           "XM15-E2S M4-type carbine", "5.56x45mm NATO", "carbine", "US", "",
           "BUSHMASTER FIREARMS / WINDHAM ME / XM15-E2S / CAL 5.56MM / {serial}", (2005, 2012)),
    Family("fn_m249", "fn_m249", "FN Manufacturing LLC", ("FN Manufacturing", "FNMI"),
           "M249", "5.56x45mm NATO", "machine_gun", "US", "1005-01-127-7510",
           "FN MFG INC / COLUMBIA SC / MG 5.56MM M249 / {serial}", (2003, 2019)),
    Family("fn_m240b", "fn_m240", "FN Manufacturing LLC", ("FN Manufacturing", "FNMI"),
           "M240B", "7.62x51mm NATO", "machine_gun", "US", "1005-01-412-3129",
           "FN MFG LLC / COLUMBIA SC / MG 7.62MM M240B / {serial}", (2003, 2019)),
    Family("beretta_m9", "beretta_m9", "Beretta USA Corp.", ("Beretta USA", "BERETTA", "P. Beretta"),
           "M9", "9x19mm", "pistol", "US", "1005-01-118-2640",
           "U.S. 9MM M9-BERETTA U.S.A. / PB / {serial}", (1995, 2015)),
    Family("beretta_m9_ber", "beretta_ber", "Beretta USA Corp.", ("Beretta USA", "BERETTA"),
           "M9", "9x19mm", "pistol", "US", "1005-01-118-2640",
           "PIETRO BERETTA / BERETTA U.S.A. CORP ACCOKEEK MD / MOD 92FS-CAL 9 PARA / {serial}", (2005, 2020)),
    Family("glock_17", "glock", "Glock Ges.m.b.H.", ("GLOCK", "Glock Inc", "Glock GmbH"),
           "Glock 17", "9x19mm", "pistol", "AT", "1005-01-580-1055",
           "GLOCK 17 / AUSTRIA / 9x19 / {serial}", (2004, 2020)),
    Family("glock_19", "glock", "Glock Ges.m.b.H.", ("GLOCK", "Glock Inc", "Glock GmbH"),
           "Glock 19", "9x19mm", "pistol", "AT", "1005-01-553-5196",
           "GLOCK 19 / AUSTRIA / 9x19 / {serial}", (2004, 2020)),
    Family("colt_m203", "colt_m203", "Colt's Manufacturing Company", ("Colt's Mfg Co", "COLT"),
           "M203", "40x46mm", "launcher", "US", "1010-00-179-6447",
           "LAUNCHER GRENADE 40MM M203 / COLT'S MFG CO / {serial}", (2000, 2015)),
    Family("soviet_akm", "soviet_ak", "Izhevsk Machine-Building Plant", ("Izhmash", "IZHMASH", "USSR"),
           "AKM", "7.62x39mm", "rifle", "SU", "",
           "arrow in triangle (Izhevsk) / {year} / {serial}", (1960, 1990)),
    Family("soviet_pkm", "soviet_pk", "Kovrov Degtyarev Plant", ("Degtyarev", "USSR", "Kovrov"),
           "PKM", "7.62x54mmR", "machine_gun", "SU", "",
           "ПКМ / {year} / {serial}", (1970, 1990)),
    Family("soviet_rpg7", "soviet_rpg", "Bazalt", ("USSR", "Bazalt"),
           "RPG-7", "40mm", "launcher", "SU", "",
           "РПГ-7 / {year} / {serial}", (1965, 1990)),
    Family("type56", "type56", "Norinco (State Factory 66)", ("Norinco", "NORINCO", "China North Industries"),
           "Type 56", "7.62x39mm", "rifle", "CN", "",
           "/66\\ / 56式 / {serial}", (1970, 2005)),
    Family("bulgarian_arm1", "bulgarian", "Arsenal JSC", ("Arsenal Kazanlak", "ARSENAL", "Arsenal AD"),
           "AR-M1", "7.62x39mm", "rifle", "BG", "",
           "(10) in double circle / AR-M1 / {year} / {serial}", (1998, 2012)),
    Family("romanian_md65", "romanian", "Cugir Arms Factory", ("Cugir", "RATMIL", "Uzina Mecanica Cugir"),
           "PM md. 65", "7.62x39mm", "rifle", "RO", "",
           "arrow in triangle (Cugir) / PM md. 65 / {year} / {serial}", (1965, 1989)),
    Family("romanian_md63", "romanian", "Cugir Arms Factory", ("Cugir", "RATMIL", "Uzina Mecanica Cugir"),
           "PM md. 63", "7.62x39mm", "rifle", "RO", "",
           "arrow in triangle (Cugir) / PM md. 63 / {year} / {serial}", (1963, 1980)),
    Family("hungarian_amd65", "hungarian", "FÉG", ("FEG", "Fegyver- és Gépgyár"),
           "AMD-65", "7.62x39mm", "rifle", "HU", "",
           "AMD-65 / {year} / {serial}", (1965, 1985)),
    Family("russian_ak103", "russian", "Kalashnikov Concern (Izhmash)", ("Izhmash", "Kalashnikov Concern"),
           "AK-103", "7.62x39mm", "rifle", "RU", "",
           "arrow in triangle (Izhevsk) / АК-103 / {year} / {serial}", (2002, 2010)),
]}  # fmt: skip


@dataclass(frozen=True)
class Group:
    """A body of registry records: who compiled it, its record_id prefix, which families, how it ends."""

    key: str
    record_prefix: str
    share: float  # of the scenario's items
    country: str
    families: dict[str, float]
    lot_size: tuple[int, int]  # items per consignment or lot, before scaling


GROUPS: dict[str, Group] = {g.key: g for g in [
    Group("us_supplied", "USA", 0.62, "AF", {
        "fn_m16a4": 0.26, "colt_m16a2": 0.12, "colt_m4": 0.14, "colt_m4a1": 0.06, "remington_m4": 0.05,
        "bushmaster_m4": 0.03, "fn_m249": 0.06, "fn_m240b": 0.04, "beretta_m9": 0.05, "beretta_m9_ber": 0.03,
        "glock_17": 0.05, "glock_19": 0.06, "colt_m203": 0.05}, (500, 5000)),
    Group("anp_stock", "ANP", 0.18, "AF", {
        "type56": 0.35, "soviet_akm": 0.30, "romanian_md65": 0.05, "romanian_md63": 0.03, "hungarian_amd65": 0.07,
        "bulgarian_arm1": 0.08, "soviet_pkm": 0.07, "soviet_rpg7": 0.05}, (20, 400)),
    Group("iraq_stock", "IRQ", 0.08, "IQ", {
        "soviet_akm": 0.30, "type56": 0.20, "romanian_md65": 0.06, "romanian_md63": 0.04, "hungarian_amd65": 0.10,
        "bulgarian_arm1": 0.10, "soviet_pkm": 0.10, "soviet_rpg7": 0.10}, (50, 800)),
    Group("libya_stock", "LBY", 0.05, "LY", {
        "soviet_akm": 0.30, "russian_ak103": 0.20, "bulgarian_arm1": 0.10, "type56": 0.10,
        "romanian_md65": 0.10, "soviet_pkm": 0.10, "soviet_rpg7": 0.10}, (50, 800)),
    Group("lost_stolen", "LST", 0.07, "PK", {
        "type56": 0.25, "soviet_akm": 0.20, "glock_17": 0.12, "glock_19": 0.13, "beretta_m9_ber": 0.08,
        "colt_m4": 0.07, "fn_m16a4": 0.07, "romanian_md65": 0.08}, (1, 3)),
]}  # fmt: skip

# ANA corps (and where they sat), the receiving commands for US-supplied weapons.
ANA_CORPS = (
    ("201st Corps", "Kabul"), ("203rd Corps", "Gardez"), ("205th Corps", "Kandahar"),
    ("207th Corps", "Herat"), ("209th Corps", "Mazar-i-Sharif"), ("215th Corps", "Lashkar Gah"),
    ("111th Capital Division", "Kabul"), ("ANA Special Operations Corps", "Kabul"),
)  # fmt: skip
ANP_PROVINCES = (
    "Kandahar", "Helmand", "Nangarhar", "Kunar", "Paktia", "Khost", "Paktika", "Zabul",
    "Uruzgan", "Kabul", "Balkh", "Herat", "Ghazni", "Nimroz",
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    admin1: str
    admin2: str
    place: str
    latitude: float
    longitude: float


# Approximate town coordinates (WGS84), for synthetic incidents in Khyber Pakhtunkhwa and Balochistan.
PLACES = (
    Place("Balochistan", "Quetta", "Quetta", 30.18, 66.99),
    Place("Balochistan", "Kachhi (Bolan)", "Mach", 29.87, 67.33),
    Place("Balochistan", "Zhob", "Zhob", 31.34, 69.45),
    Place("Balochistan", "Gwadar", "Gwadar", 25.12, 62.32),
    Place("Balochistan", "Noshki", "Noshki", 29.55, 66.02),
    Place("Balochistan", "Chaman", "Chaman", 30.92, 66.45),
    Place("Balochistan", "Kech", "Turbat", 26.00, 63.05),
    Place("Balochistan", "Mastung", "Mastung", 29.80, 66.85),
    Place("Balochistan", "Sibi", "Sibi", 29.54, 67.88),
    Place("Balochistan", "Kalat", "Kalat", 29.03, 66.59),
    Place("Khyber Pakhtunkhwa", "Peshawar", "Peshawar", 34.01, 71.58),
    Place("Khyber Pakhtunkhwa", "Bannu", "Bannu", 32.99, 70.60),
    Place("Khyber Pakhtunkhwa", "North Waziristan", "Miran Shah", 33.00, 70.07),
    Place("Khyber Pakhtunkhwa", "North Waziristan", "Mir Ali", 32.97, 70.28),
    Place("Khyber Pakhtunkhwa", "Dera Ismail Khan", "Dera Ismail Khan", 31.83, 70.90),
    Place("Khyber Pakhtunkhwa", "Lakki Marwat", "Lakki Marwat", 32.61, 70.91),
    Place("Khyber Pakhtunkhwa", "Khyber", "Landi Kotal", 34.10, 71.15),
    Place("Khyber Pakhtunkhwa", "Bajaur", "Khar", 34.73, 71.52),
    Place("Khyber Pakhtunkhwa", "Kurram", "Parachinar", 33.90, 70.10),
    Place("Khyber Pakhtunkhwa", "Tank", "Tank", 32.22, 70.38),
    Place("Khyber Pakhtunkhwa", "Kohat", "Darra Adam Khel", 33.68, 71.51),
)


@dataclass(frozen=True)
class NamedIncident:
    incident_id: str
    date: str
    place: Place
    kind: str
    title: str
    recoveries: int  # how many recovered weapons the scenario puts there (if the total allows)


NAMED_INCIDENTS = (
    NamedIncident("JE25", "2025-03-11", Place(
        "Balochistan", "Kachhi (Bolan)",
        "Jaffar Express, tunnel No. 8 between Pehro Kunri and Gudalar, Mashkaf section of the Bolan Pass line",
        29.58, 67.40), "attack", "Jaffar Express hijacking", 30),
    NamedIncident("BNU25", "2025-03-04", PLACES[11], "attack", "Bannu cantonment attack", 16),
    NamedIncident("NSK25", "2025-03-16", PLACES[4], "attack", "Noshki convoy attack", 10),
    NamedIncident("GWD24", "2024-03-20", PLACES[3], "attack", "Gwadar Port Authority complex attack", 8),
    NamedIncident("MCH24", "2024-01-29", PLACES[1], "attack", "Mach attack", 12),
    NamedIncident("DIK23", "2023-12-12", Place(
        "Khyber Pakhtunkhwa", "Dera Ismail Khan", "Daraban", 31.73, 70.33), "attack",
        "Daraban police station attack", 8),
    NamedIncident("ZHB23", "2023-07-12", PLACES[2], "attack", "Zhob garrison attack", 9),
    NamedIncident("BCT22", "2022-12-18", PLACES[11], "attack", "Bannu CTD compound siege", 10),
    NamedIncident("PSH24", "2024-06-05", PLACES[10], "seizure", "Seizure on the Ring Road, Peshawar", 14),
    NamedIncident("MRA23", "2023-10-02", PLACES[13], "cache", "Cache found near Mir Ali", 20),
)  # fmt: skip
