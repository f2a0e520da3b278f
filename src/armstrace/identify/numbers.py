"""The numbers of a marking that are not codes: the year of manufacture and the serial number."""

from __future__ import annotations

import re

from .result import Evidence, Identification
from .scan import Scan
from .text import persian_text
from .words import SERIAL_LABELS, YEAR_LABELS

__all__ = ["decide_serial", "decide_year", "gregorian"]


_YEAR = re.compile(r"^(1[89]\d\d|20[0-3]\d)(?:Г|G)?$")
# Iranian marks date by the Solar Hijri calendar (1310 = 1931, 1403 = 2024); Arabic ones sometimes by the lunar
# Hijri (1400 AH = 1979/80). A year in those ranges is read as one only with a cue: Persian or Arabic script,
# or a calendar mark (SH, AP, ش, AH, هـ).
_HIJRI = re.compile(r"^(1[34]\d\d)(?:ش|SH|AP|AH|هـ|ه)?$")
_SOLAR_CUES = frozenset({"SH", "AP", "ش", "HS", "ه ش", "هش"})
_LUNAR_CUES = frozenset({"AH", "هـ", "ه", "ق", "هق"})


def gregorian(year: int, calendar: str) -> int:
    """The Gregorian year a Solar Hijri (`solar`) or lunar Hijri (`lunar`) year mostly falls in."""
    if calendar == "solar":
        return year + 621
    return round(year * 0.970229 + 621.5643)


def _hijri_year(scan: Scan, i: int) -> tuple[int, str] | None:
    """(Gregorian year, note) when token i is a Hijri year by its script or calendar mark, else None."""
    m = _HIJRI.match(scan.tokens[i].text)
    if not m:
        return None
    year = int(m.group(1))
    tail = scan.tokens[i].text[len(m.group(1)) :]
    near = set(scan.words[max(0, i - 2) : i + 3]) | ({tail} if tail else set())
    persian = persian_text(scan.text)
    arabic = bool(re.search(r"[\u0600-\u06FF]", scan.text))
    iranian = bool({"IRAN", "IRANIAN", "PERSIAN", "ایران"} & set(scan.words))  # Iran dates by the solar calendar
    if near & _SOLAR_CUES or ((persian or iranian) and not near & _LUNAR_CUES and 1300 <= year <= 1420):
        return gregorian(year, "solar"), f"Solar Hijri year {year} (Iranian calendar) = {gregorian(year, 'solar')}"
    if near & _LUNAR_CUES or (arabic and 1300 <= year <= 1450):
        return gregorian(year, "lunar"), f"Hijri year {year} AH = about {gregorian(year, 'lunar')}"
    return None


_SERIAL = re.compile(r"^(?=.*\d)[A-Z\u0400-\u04FF]{0,4}\d{3,}[A-Z\u0400-\u04FF]{0,3}$|^\d+[A-Z]{1,3}\d{2,}$")


_PATENT = ("PAT", "PATENT", "PATENTED", "PATD", "PATS")


def decide_year(scan: Scan, ammo: bool, result: Identification, conf: dict[str, float]) -> None:
    labelled, suffixed, plain, short = [], [], [], []
    for i, tok in enumerate(scan.tokens):
        if i in scan.used:
            continue
        hijri = _hijri_year(scan, i)
        if hijri is not None and scan.words[i - 1 if i else 0] not in SERIAL_LABELS:
            result.year = hijri[0]
            conf["year"] = 0.75
            scan.used.add(i)
            result.evidence.append(Evidence("year", scan.words[i], "", "", str(hijri[0]), 0.75, hijri[1]))
            return
        line_words = {t.text for t in scan.tokens if t.line == tok.line}
        m = _YEAR.match(tok.text)
        prev = scan.words[i - 1] if i else ""
        if m:
            if prev in SERIAL_LABELS or line_words & set(_PATENT):
                continue
            if prev in YEAR_LABELS:
                labelled.append((int(m.group(1)), i))
            elif tok.text.endswith(("Г", "G")):
                suffixed.append((int(m.group(1)), i))
            else:
                plain.append((int(m.group(1)), i))
        elif ammo and re.fullmatch(r"\d{2}", tok.text):
            short.append((int(tok.text), i))
    for found, c, note in (
        (labelled, 0.9, "year label"),
        (suffixed, 0.85, "year with г/year suffix"),
        (plain, 0.6, "four-digit year"),
        (short, 0.6, "two-digit year of a headstamp"),
    ):
        if found:
            year, i = found[0]
            if found is short:
                year += 2000 if year <= 30 else 1900
            result.year = year
            conf["year"] = c
            scan.used.add(i)
            result.evidence.append(Evidence("year", scan.words[i], "", "", str(year), c, note))
            return


def decide_serial(scan: Scan, importer_lines: set[int], result: Identification, conf: dict[str, float]) -> None:
    toks = scan.tokens
    for i, tok in enumerate(toks):
        if tok.text in SERIAL_LABELS or (tok.text == "NUMBER" and i and scan.words[i - 1] == "SERIAL"):
            j = i + 1
            while j < len(toks) and toks[j].text in SERIAL_LABELS | {"NUMBER", "NO"}:
                j += 1
            if j < len(toks) and toks[j].line == tok.line and any(ch.isdigit() for ch in toks[j].text):
                serial = toks[j].text
                if j > i + 1 or tok.text != "NO" or _SERIAL.match(serial):
                    result.serial = serial
                    conf["serial"] = 0.9
                    result.evidence.append(
                        Evidence("serial", f"{tok.text} {serial}", "", "", serial, 0.9, "labelled serial number")
                    )
                    scan.used.add(j)
                    return
    candidates = [
        i
        for i, t in enumerate(toks)
        if i not in scan.used
        and _SERIAL.match(t.text)
        and not (t.line in importer_lines and t.text.isdigit() and len(t.text) == 5)
    ]
    if not candidates:
        return
    best = max(candidates, key=lambda i: (any(c.isalpha() for c in toks[i].text), len(toks[i].text), -i))
    if toks[best].text.isdigit() and len(toks[best].text) < 4:
        return
    result.serial = toks[best].text
    conf["serial"] = 0.6
    result.evidence.append(
        Evidence(
            "serial",
            toks[best].text,
            "",
            "",
            toks[best].text,
            0.6,
            "looks like a serial number (letters and digits, not a model or calibre)",
        )
    )
