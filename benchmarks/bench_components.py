"""Explosive component matching (``explosives.match_component`` over ``linkage.lots``) on date-shift codes.

    python -m benchmarks.bench_components              # about 1,000 supply records, 300 readings: about a minute

Supply records are generated as makers' production by day and shift (``14MAR24A``: day, month, year, shift A-C),
three component kinds, each code moved once or twice (maker -> distributor -> user); a fifth of the codes are
held out of the records. Readings carry the component kind and the maker, with the faults of a printed code:

    exact        the code, with spaces or in lower case
    confusable   1-2 characters swapped for a confusable (0/O, 1/I, 5/S, 8/B, 2/Z, 6/G)
    unknown      one character unreadable (``?``)
    other-shift  a held-out shift of a day whose other shifts are on file (should go to "not in these records")
    absent       a held-out code read exactly
    code-only    a recorded code, exact, with no kind and no maker

Printed per fault: top-1 by code (absent faults: no code above 0.5), how often the truth gets more than 0.5, the
mean probability of the truth (absent: of "not in these records"), the mean "none" probability, ms a reading.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections import defaultdict

from armstrace.explosives import match_component
from armstrace.linkage.lots import LotReading, LotRecord
from armstrace.serials import CONFUSION_CLASSES

MAKERS = ("Synthetic Maker A", "Synthetic Maker B", "Synthetic Maker C")
KINDS = ("detonator", "detonating-cord", "commercial-explosive")
FAULTS = ("exact", "confusable", "unknown", "other-shift", "absent", "code-only")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")

Code = tuple[str, str, str, int]  # code, maker, kind, year


def _code(day: dt.date, shift: str) -> str:
    return f"{day.day:02d}{MONTHS[day.month - 1]}{day.year % 100:02d}{shift}"


def _misread(code: str, fault: str, rng: random.Random) -> str:
    chars = list(code)
    if fault == "confusable":
        spots = [i for i, c in enumerate(chars) if any(c in cls for cls in CONFUSION_CLASSES)]
        for i in rng.sample(spots, min(len(spots), rng.choice((1, 2)))):
            cls = next(c for c in CONFUSION_CLASSES if chars[i] in c)
            chars[i] = rng.choice([c for c in cls if c != chars[i]])
    elif fault == "unknown":
        chars[rng.randrange(len(chars))] = "?"
    text = "".join(chars)
    if rng.random() < 0.5:
        text = f"{text[:2]} {text[2:5]} {text[5:7]} {text[7:]}".lower()
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=320, help="production days drawn per maker (2022-2024)")
    parser.add_argument("--readings", type=int, default=300, help="readings (spread over the faults)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    codes: dict[str, Code] = {}
    for maker in MAKERS:
        kind = rng.choice(KINDS)
        for day in rng.sample(range(3 * 365), args.days // 2):
            date = dt.date(2022, 1, 1) + dt.timedelta(days=day)
            for shift in rng.sample("ABC", rng.choice((1, 2, 3))):
                codes.setdefault(_code(date, shift), (_code(date, shift), maker, kind, date.year))
    names = sorted(codes)
    held = set(rng.sample(names, len(names) // 5))
    records: list[LotRecord] = []
    for name in names:
        if name in held:
            continue
        code, maker, kind, year = codes[name]
        for hop in range(rng.choice((1, 1, 2))):
            moved = dt.date(year + 1, 1, 1) + dt.timedelta(days=hop)
            records.append(LotRecord(f"t{len(records)}", code, kind, year, maker, 10_000, maker, f"holder {hop}",
                                     None, moved))  # fmt: skip
    recorded = [n for n in names if n not in held]
    days_on_file = {n[:7] for n in recorded}
    other_shift = [n for n in held if n[:7] in days_on_file]
    per = args.readings // len(FAULTS)
    results: dict[str, list[tuple[bool, float, float, float, bool]]] = defaultdict(list)
    for fault in FAULTS:
        pool = other_shift if fault == "other-shift" else sorted(held) if fault == "absent" else recorded
        for _ in range(per):
            code, maker, kind, _year = codes[rng.choice(pool)]
            text = _misread(code, fault, rng)
            reading = LotReading(lot=text, recovered_on=dt.date(2026, 1, 1)) if fault == "code-only" else \
                LotReading(lot=text, calibre=kind, manufacturer=maker, recovered_on=dt.date(2026, 1, 1))  # fmt: skip
            started = time.perf_counter()
            found = match_component(reading, records, limit=50)
            took = time.perf_counter() - started
            by_code: dict[str | None, float] = defaultdict(float)
            for c in found.candidates:
                by_code[c.record.lot] += c.probability
            top, top_p = max(by_code.items(), key=lambda kv: kv[1]) if by_code else (None, 0.0)
            absent = fault in ("other-shift", "absent")
            truth_p = found.absent_probability if absent else by_code.get(code, 0.0)
            ok = (top_p <= 0.5) if absent else (top == code)
            results[fault].append((ok, truth_p, found.absent_probability, took, truth_p > 0.5))
    print(f"{len(records):,} supply records ({len(recorded):,} codes, {len(held):,} held out, "
          f"{len(other_shift):,} of them another shift of a recorded day), {per} readings per fault")  # fmt: skip
    print(f"{'fault':<12} {'top-1 / no false match':>22} {'p(truth)>0.5':>13} {'mean p(truth)':>14} "
          f"{'mean p(none)':>13} {'ms/reading':>11}")  # fmt: skip
    for fault, rows in results.items():
        print(f"{fault:<12} {sum(r[0] for r in rows) / len(rows):>22.1%} {sum(r[4] for r in rows) / len(rows):>13.1%} "
              f"{statistics.mean(r[1] for r in rows):>14.3f} {statistics.mean(r[2] for r in rows):>13.3f} "
              f"{1000 * statistics.mean(r[3] for r in rows):>11.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
