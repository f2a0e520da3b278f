"""Places in a marking: gunmaking towns, craft-gunmaking centres and their towns, each → the ISO code of its
country, and the words that make a country named after them a place of recovery rather than of manufacture.
"""

from __future__ import annotations

from .formats import word_set, word_table

__all__ = ["CRAFT_CENTRES", "GUNMAKING_PLACES", "PLACE_WORDS", "WORKSHOP_TOWNS"]

# Gunmaking towns as marked on barrels and locks (LIEGE, SUHL, EIBAR, GARDONE V.T.): weak country evidence
# when no maker is identified. Ambiguous names (BIRMINGHAM, LONDON, SPRINGFIELD) are left out.
GUNMAKING_PLACES: dict[str, str] = word_table(
    """
BE: LIEGE | HERSTAL
DE: SUHL | ZELLA-MEHLIS | ZELLA MEHLIS | OBERNDORF | ERFURT | SPANDAU | ULM
ES: EIBAR | GUERNICA | ELGOIBAR | OVIEDO
IT: GARDONE | GARDONE V T | GARDONE VAL TROMPIA | BRESCIA | TERNI
AT: FERLACH | STEYR
FR: ST ETIENNE | SAINT ETIENNE | ST ETTIENNE | CHATELLERAULT | TULLE
GB: EDINBURGH | ENFIELD LOCK
RU: TULA | ТУЛА | IZHEVSK | ИЖЕВСК | KOVROV | SESTRORETSK
RS: KRAGUJEVAC
RO: CUGIR
BG: KAZANLAK | KAZANLUK | SOPOT
PK: DARRA | DARRA ADAM KHEL | DARA ADAM KHEL | DARRA ADAMKHEL | KHYBER PASS | درہ آدم خیل | درہ آدمخیل
PH: DANAO | DANAO CITY
IQ: ISKANDARIYA
RS: UZICE | UŽICE | VALJEVO | CACAK | ČAČAK
PL: RADOM
CZ: UHERSKY BROD | BRNO | VSETIN
HU: BUDAPEST
SE: ESKILSTUNA | HUSKVARNA
NO: KONGSBERG
FI: RIIHIMAKI | JYVASKYLA
US: HARTFORD CONN | ILION NY | NEW HAVEN CONN | SPRINGFIELD MASS
PK: WAH CANTT
TR: KIRIKKALE | ANKARA
IN: ISHAPORE
AU: LITHGOW
JP: KOKURA | NAGOYA | KOISHIKAWA
CN: HANYANG | MUKDEN
"""
)
# Craft-gunmaking centres whose workshops copy foreign arms and stamp their brands and a false MADE IN: named as
# where an item comes from, their country is its origin, reported against the marks as a conflict.
CRAFT_CENTRES: dict[str, str] = word_table(
    """
PK: DARRA | DARRA ADAM KHEL | DARA ADAM KHEL | DARRA ADAMKHEL | ADAM KHEL | KHYBER PASS | KHYBER | درہ آدم خیل | درہ
PH: DANAO | DANAO CITY
IN: MUNGER | MONGHYR
"""
)
# Munger (Bihar): illegal workshops copy foreign pistols etched 'Made in Italy', 'Made in USA' (IANS, Business
# Standard 2014-06-10, https://business-standard.com/amp/article/news-ians/made-in-munger-a-bihar-cottage-industry-
# trusted-by-criminals-ians-special-114061000808_1.html).
# Towns of a craft-gunmaking region, read as an origin only after a workshop word ("a workshop in Peshawar"): alone
# they are ordinary places. Darra Adam Khel's workshops lie between Peshawar and Kohat
# (http://www.khyber.org/places/2009/Replica_Factories_of_Darra_Ada.shtml; https://www.dawn.com/news/1023240/wild-wild-adam-khel).
WORKSHOP_TOWNS: dict[str, str] = word_table(
    """
PK: PESHAWAR | KOHAT
"""
)
# Words that, right before a country's name, make it a place of recovery (`Kandahar province, Afghanistan`), not
# where the item was made.
PLACE_WORDS = word_set(
    "PROVINCE DISTRICT GOVERNORATE OBLAST REGION PREFECTURE COUNTY MUNICIPALITY VILLAGE WILAYA VILAYET RAION RAYON "
    "PROVINCIA PROVINCE DEPARTEMENT DEPARTAMENTO DISTRITO ОБЛАСТЬ РАЙОН محافظة ولاية"
)
