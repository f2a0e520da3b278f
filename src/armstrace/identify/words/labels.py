"""The words of labels around numbers: serial and year labels, month names (a number beside one is a date, not a
code) and the words of packaging labels (box, crate, quantity, weight).
"""

from __future__ import annotations

from .formats import word_set

__all__ = ["MONTHS", "PACKAGING_WORDS", "SERIAL_LABELS", "YEAR_LABELS"]

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
# Words of a packaging label (a crate's or a carton's).
PACKAGING_WORDS = word_set(
    "BOX CRATE CARTON CAN CONTAINER PACKAGE PACKING PACKED QTY QUANTITY PCS PIECES GROSS NET WT WEIGHT ЯЩИК КОЛ ШТ 箱"
)
