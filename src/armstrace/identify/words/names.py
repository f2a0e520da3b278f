"""Names that are also something else: designations and makers' names that are ordinary words, persons' names
and titles, and designers' given names. Each is read as a design or maker only with support beside it.
"""

from __future__ import annotations

from .formats import word_set

__all__ = [
    "DESIGNER_GIVEN_NAMES",
    "GENERIC_MAKER_WORDS",
    "NAME_OPENERS",
    "ORDINARY_WORD_NAMES",
    "PERSONAL_NAMES",
    "PERSONAL_TITLES",
    "WORD_DESIGNATIONS",
    "WORD_DESIGNATION_NAMES",
]

# Names of designs in other scripts that are also ordinary words of the language (Arabic الغليل, "the thirst" or
# "the rancour", as in شفاء الغليل): read as the design only beside a weapon word or the design's Latin name.
ORDINARY_WORD_NAMES = word_set("الغليل ТЭН")  # ТЭН: PETN, and the everyday word for a heating element (fixO)
# Latin-script designations spelt as one word that is also an ordinary English word, a person's name or a place
# (the Egyptian Rasheed carbine and Colonel Rashid, the Iraqi Tabuk and the Saudi town, the Makarov PM and 5 PM,
# the HOT missile): in prose they name the design only beside a weapon word, calibre, maker or nationality.
# An explicit list (fixQ): a designation that is no ordinary word (Dragunov, RPK, SKS, Skorpion) needs no support.
WORD_DESIGNATIONS = word_set(
    "RASHID RASHEED POLK TABUK PM HOT BONUS SPIKE GRAIL COUGAR CHEETAH BOBCAT PYTHON ANACONDA RHINO HELLCAT TOMCAT "
    "STINGER VANGUARD WRANGLER PEACEMAKER THUMPER SIGMA BRIGADIER MATADOR TARIQ HASHIM NADER RAMI RAMON KAREEN SANI "
    "MISR AL-QUDS KHAYBAR MASADA GRAD MILAN MISTRAL BLACKHAWK SUPERNOVA TOW REDEYE SPIGOT BARAK STERLING SPANDREL "
    "SCAR MINX NEGEV JERICHO GALATZ CORDOVA BANGALORE KIRIKKALE ZIGANA YAVUZ KANUNI ASTROS CHIRON BERYL RAAD ARASH "
    "METIS FAGOT ERYX ARMBRUST BLOWPIPE COPPERHEAD DRAGONTOOTH AMELI SNIDER AUSTEN LANCHESTER "
    "AUG BOR"  # the month (`Aug 1985`) and the Serbian town (fixD)
)
# Those of WORD_DESIGNATIONS that are also a person's given name or surname (Rashid, Tariq, Barak, Sterling): only
# these read as a person after a title (`Colonel Rashid`) or in apposition (`The suspect, Rashid, carried`); a
# title before any other (`Sergeant Negev`, `Colonel Dragunov`) does not make the design a person.
WORD_DESIGNATION_NAMES = word_set(
    "RASHID RASHEED POLK TARIQ HASHIM NADER RAMI RAMON KAREEN SANI STERLING BARAK ARASH RAAD YAVUZ CORDOVA AMELI "
    "BERYL SNIDER AUSTEN LANCHESTER"
)
# Titles before a name: `Colonel Rashid` is a person even beside `rifles`.
PERSONAL_TITLES = word_set(
    "COLONEL COL GENERAL GEN MR MRS MS DR SHEIKH SHAIKH SHEIK CAPTAIN CAPT LIEUTENANT LT SERGEANT SGT CORPORAL "
    "PRESIDENT MINISTER PRINCE SIR BROTHER MRS. MR. DR. COMMANDER CMDR BRIGADIER-GENERAL MAJOR-GENERAL IMAM HAJJI"
)
# Words before a surname or nisba that make a country's name or demonym there part of a person's name (`Sgt.
# Lengyel`, `owner Rasha Khalil`, `Abu Hamza al-Misri`; Lengyel, Török, Orosz, Cseh, Szerb are common Hungarian
# surnames, Albanese and Russo Italian ones): titles, roles, and the kunya and nasab words of Arabic names. Not
# PVT: `Bharat Arms Pvt Ltd, India` (a private limited company).
NAME_OPENERS = PERSONAL_TITLES | word_set("OWNER SUSPECT OFFICER INSPECTOR AGENT MAJ CPL ABU IBN BIN BINT UMM")
# Maker names that are also ordinary words or place names in prose ("the Izhevsk arsenal", "a star",
# "federal"): alone they are weak evidence and need a second mark (a location, a model, a code).
# KALASHNIKOV and BROWNING are also designers' names and the names of whole families of designs ("the Iraqi
# version of the Kalashnikov", "Browning Hi-Power", "John Browning's design").
GENERIC_MAKER_WORDS = frozenset(
    {"ARSENAL", "STAR", "FORT", "FEDERAL", "SAVAGE", "STERLING", "MOLOT", "BAIKAL", "KALASHNIKOV", "BROWNING"}
    | {"ESCORT"}  # Hatsan's trade name: a police escort is no maker
    | {"BLOW"}  # a Turkish blank-pistol brand: "a heavy blow" is no maker
)
# Given names that, right before a maker's one-word name, make it a person (the designer or founder: "John
# Browning", "Mikhail Kalashnikov", "Gaston Glock"), which is weak evidence of who made this item.
DESIGNER_GIVEN_NAMES = frozenset(
    {
        "JOHN",
        "MIKHAIL",
        "MICHAIL",
        "MIKHAEL",
        "FEDOR",
        "FYODOR",
        "FEODOR",
        "NIKOLAY",
        "NIKOLAI",
        "HUGO",
        "GASTON",
        "PETER",
        "PAUL",
        "WILHELM",
        "DIEUDONNE",
        "SERGEI",
        "SERGEY",
        "VASILY",
        "GEORG",
        "UZIEL",
        "HORACE",
        "DANIEL",
        "SAMUEL",
        "ELIPHALET",
        "OLIVER",
        "EUGENE",
        "BILL",
        "WILLIAM",
        "ERNST",
        "FERDINAND",
        "JAMES",
        "LUIGI",
        "MOSES",
    }
)
# Common surnames and given names (English, German, Italian, Spanish) that also begin makers' names (Smith & Wesson):
# alone in a record, such a word names a person as often as a maker. Surnames that are a maker's own brand (Henry,
# Daniel, Wilson, Anderson, Harrington, Parker, Davis, Hopkins, Lewis) are left out (fixQ).
PERSONAL_NAMES = word_set(
    "SMITH JOHNSON WILLIAMS JONES BROWN MILLER MOORE TAYLOR THOMAS JACKSON WHITE HARRIS "
    "MARTIN THOMPSON GARCIA MARTINEZ ROBINSON CLARK RODRIGUEZ LEE WALKER HALL ALLEN YOUNG KING WRIGHT SCOTT "
    "GREEN BAKER ADAMS NELSON HILL CAMPBELL MITCHELL ROBERTS CARTER PHILLIPS EVANS TURNER COLLINS EDWARDS "
    "STEWART MORRIS MURPHY COOK ROGERS MORGAN COOPER PETERSON REED BAILEY BELL KELLY HOWARD WARD COX RICHARDSON "
    "WOOD WATSON BROOKS BENNETT GRAY HUGHES PRICE SANDERS MYERS LONG ROSS FOSTER STEVENS "
    "WESSON CHARLES JAMES GEORGE WILLIAM JOSEPH EDWARD RICHARD ROBERT DAVID PETER PAUL MICHAEL "
    "HERMANN HERMAN KARL CARL JOHANN FRIEDRICH WILHELM HEINRICH MULLER MUELLER SCHMIDT SCHNEIDER FISCHER WEBER "
    "MEYER WAGNER BECKER SCHULZ HOFFMANN KOCH RICHTER KLEIN WOLF PIETRO GIUSEPPE ANTONIO LUIGI GIOVANNI JOSE JUAN "
    "CARLOS MANUEL FRANCISCO"
)
