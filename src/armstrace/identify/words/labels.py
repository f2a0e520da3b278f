"""The words of labels around numbers: serial and year labels, month names (a number beside one is a date, not a
code) and the words of packaging labels (box, crate, quantity, weight).
"""

from __future__ import annotations

from .formats import word_set

__all__ = ["MONTHS", "PACKAGING_FOR", "PACKAGING_WORDS", "SERIAL_LABELS", "YEAR_LABELS"]

# Labels before a serial number (`SN`, `SER NO`, `№`) and before a year of manufacture (`MFD`, `ГОД`, `سنة`).
SERIAL_LABELS = frozenset({"SN", "SERIAL", "SER", "SERNO", "SERIALNO", "NO", "NR", "NUMBER", "№", "НОМЕР", "#"})
YEAR_LABELS = frozenset({"YEAR", "YR", "MFD", "MANUFACTURED", "DATE", "ГОД", "MFG", "DATED", "سال", "سنة", "ГОДИНА"})
# Month names (English, German, French, Italian, Spanish): a number next to one is a date, not a code.
MONTHS = word_set(
    "JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER JAN FEB MAR APR JUN "
    "JUL AUG SEP SEPT OCT NOV DEC JANUAR FEBRUAR MARZ MAI JUNI JULI OKTOBER DEZEMBER JANVIER FEVRIER MARS AVRIL "
    "JUIN JUILLET AOUT SEPTEMBRE OCTOBRE NOVEMBRE DECEMBRE GENNAIO FEBBRAIO MARZO APRILE MAGGIO GIUGNO LUGLIO "
    "AGOSTO SETTEMBRE OTTOBRE DICEMBRE ENERO FEBRERO ABRIL MAYO JUNIO JULIO SEPTIEMBRE OCTUBRE NOVIEMBRE DICIEMBRE"
)
# The nouns of a container (a crate, a carton, an ammunition can). A quantity or weight (`100 pieces`, `QTY`, `шт`,
# `net weight`) or `packed` is not among them: reports count and weigh the items themselves (`17 pieces of pistols`,
# `патроны 30 шт.`), and `the bullet is packed into a case` names no package.
PACKAGING_WORDS = word_set("BOX BOXES CRATE CRATES CARTON CARTONS CAN CANS CONTAINER PACKAGE PACKAGING ЯЩИК 箱")
# Words after a container naming what it is made for (`box for 7.62 cartridges`, `ящик для патронов`, `caja para`):
# the items they name are the package's description, not items it held.
PACKAGING_FOR = word_set("FOR FUR FÜR POUR PARA PER VOOR PRO ДЛЯ")
