"""Ammunition lot matching (``linkage.lots``) on generated lot transfers and misread lot numbers.

    python -m benchmarks.bench_lots                    # 1,000 lot records, 400 readings: about a minute

Lots are generated in families (maker code, year, a letter, a 3-digit number: ``LC-12-E-045``), each lot
transferred once or twice; a fifth of the lots are held out of the records, so that readings of them test
"not in these records". Readings are drawn with the faults stamped or printed lots suffer:

    exact        separators and case only
    confusable   1-2 characters swapped for a confusable (0/O, 1/I, 5/S, 8/B, 2/Z, 6/G)
    other        one character replaced by another digit or letter (not a confusable)
    unknown      one character unreadable (``?``)
    absent       a held-out lot of a recorded family, read exactly
    headstamp    no lot at all: the headstamp (maker code and year) and the calibre

Printed per fault: top-1 accuracy by lot (for an absent lot: no lot above 0.5), how often the truth gets more
than 0.5 (for an absent lot: "not in these records" does), the mean probability of the truth, the mean
"not in these records" probability, and the mean time per reading.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections import defaultdict

from armstrace.linkage.lots import LotReading, LotRecord, match_lot
from armstrace.serials import CONFUSION_CLASSES

MAKERS = {"LC": ("Lake City Army Ammunition Plant", "5.56x45mm NATO"),
          "WCC": ("Winchester Repeating Arms Company", "7.62x51mm NATO"),
          "FC": ("Federal Cartridge Company", "5.56x45mm NATO"),
          "IMI": ("Israel Military Industries", "9x19mm Parabellum")}  # fmt: skip
FAULTS = ("exact", "confusable", "other", "unknown", "absent", "headstamp")


def _lots(n: int, rng: random.Random) -> list[tuple[str, str, int]]:
    out: set[tuple[str, str, int]] = set()
    while len(out) < n:
        code = rng.choice(list(MAKERS))
        year = rng.randint(2005, 2020)
        out.add((f"{code}-{year % 100:02d}-{rng.choice('ABCDEF')}-{rng.randint(0, 199):03d}", code, year))
    return sorted(out)


def _misread(lot: str, fault: str, rng: random.Random) -> str:
    chars = list(lot)
    spots = [i for i, c in enumerate(chars) if c.isalnum()]
    if fault == "confusable":
        for i in rng.sample(spots, rng.choice((1, 2))):
            cls = next((c for c in CONFUSION_CLASSES if chars[i] in c), None)
            if cls:
                chars[i] = rng.choice([c for c in cls if c != chars[i]])
    elif fault == "other":
        i = rng.choice(spots)
        cls = next((c for c in CONFUSION_CLASSES if chars[i] in c), chars[i])
        pool = "0123456789" if chars[i].isdigit() else "ABCDEFGHJKMNPRTWXY"
        chars[i] = rng.choice([c for c in pool if c not in cls])
    elif fault == "unknown":
        chars[rng.choice(spots)] = "?"
    text = "".join(chars)
    return text.replace("-", rng.choice(("-", " ", "", "/"))).lower() if rng.random() < 0.5 else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1000, help="lot transfer records")
    parser.add_argument("--readings", type=int, default=400, help="readings (spread over the faults)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lots = _lots(int(args.records / 0.8 / (4 / 3)), rng)  # a fifth held out, a third moved twice
    held = set(rng.sample(range(len(lots)), len(lots) // 5))
    records: list[LotRecord] = []
    for i, (lot, code, year) in enumerate(lots):
        if i in held:
            continue
        maker, calibre = MAKERS[code]
        for hop in range(rng.choice((1, 1, 2))):
            records.append(LotRecord(f"t{len(records)}", lot, calibre, year, maker, 100_000, "maker",
                                     f"holder {hop}", "AF", dt.date(year + 1 + hop, 1, 1)))  # fmt: skip
    recorded = [lots[i] for i in range(len(lots)) if i not in held]
    absent = [lots[i] for i in sorted(held)]
    per = args.readings // len(FAULTS)
    results: dict[str, list[tuple[bool, float, float, float, bool]]] = defaultdict(list)
    for fault in FAULTS:
        for _ in range(per):
            lot, code, year = rng.choice(absent if fault == "absent" else recorded)
            if fault == "headstamp":
                reading = LotReading(headstamp=f"{code} {year % 100:02d}", calibre=MAKERS[code][1])
            else:
                reading = LotReading(lot=_misread(lot, fault, rng))
            started = time.perf_counter()
            found = match_lot(reading, records, limit=50)
            took = time.perf_counter() - started
            by_lot: dict[str | None, float] = defaultdict(float)
            for c in found.candidates:
                by_lot[c.record.lot] += c.probability
            top_lot, top_p = max(by_lot.items(), key=lambda kv: kv[1]) if by_lot else (None, 0.0)
            truth_p = found.absent_probability if fault == "absent" else by_lot.get(lot, 0.0)
            ok = (top_p <= 0.5) if fault == "absent" else (top_lot == lot)
            results[fault].append((ok, truth_p, found.absent_probability, took, truth_p > 0.5))
    print(f"{len(records):,} lot records ({len(recorded):,} lots, {len(absent):,} held out), {per} readings per fault")
    print(
        f"{'fault':<12} {'top-1 / no false match':>22} {'p(truth)>0.5':>13} {'mean p(truth)':>14} "
        f"{'mean p(none)':>13} {'ms/reading':>11}"
    )
    for fault, rows in results.items():
        print(
            f"{fault:<12} {sum(r[0] for r in rows) / len(rows):>22.1%} {sum(r[4] for r in rows) / len(rows):>13.1%} "
            f"{statistics.mean(r[1] for r in rows):>14.3f} {statistics.mean(r[2] for r in rows):>13.3f} "
            f"{1000 * statistics.mean(r[3] for r in rows):>11.1f}"
        )


if __name__ == "__main__":
    main()
