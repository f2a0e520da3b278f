"""Identification speed: start-up (loading and indexing the reference tables) and time per marking after it.

    python -m benchmarks.bench_identify                 # the team's marking sets, 5 passes
    python -m benchmarks.bench_identify --repeat 20

Start-up is measured in a fresh process (`python -c`), so the tables are read and validated from disk as a
user's first `armstrace identify` would; the per-marking figures (median, 95th percentile, maximum) come from
the same process after a warm-up call, over the cases of tests/data/markings*.yaml (short stamps and long
prose alike) except the held-out blind sets, so that whoever changes the engine can time it without reading
them. The anchor is the brief's bound: one text well under 50 ms after start-up.

Long texts (an investigator pasting a whole report) are timed apart, at 1k, 3k, 10k and 30k characters of English
prose and of Thai (written without spaces, so segmented): the time should grow with the text's length, not its
square.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from armstrace.identify import identify
from armstrace.reference import load_reference

BOUND_MS = 50.0
LONG_SIZES = (1_000, 3_000, 10_000, 30_000)
# one paragraph of each, repeated to the length timed
LONG_TEXTS = {
    "English": "Recovered: Norinco Type 56 rifle 7.62x39 made in China, serial 123456, seized in Yemen. "
    "Police seized a katta pistol and a Glock 17 in Meerut. ",
    "Thai": "เจ้าหน้าที่ตำรวจภูธรจังหวัดสงขลาร่วมกับทหารพรานตรวจยึดอาวุธปืนพกสั้นขนาด 9 มม. ยี่ห้อ Glock จำนวน 2 กระบอก "
    "พร้อมกระสุนปืน 50 นัด และปืนไทยประดิษฐ์ 1 กระบอก ที่บ้านพักผู้ต้องหาในอำเภอสะเดา ใกล้ชายแดนมาเลเซีย ",
}


def _startup_seconds() -> float:
    code = (
        "import time;t=time.perf_counter();from armstrace.identify import identify;identify('x');"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the marking sets")
    parser.add_argument("--no-long", action="store_true", help="skip the long texts")
    args = parser.parse_args()
    texts = [
        case["text"]
        for path in sorted(Path("tests/data").glob("markings*.yaml"))
        if not path.stem.startswith("markings_blind")
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]
    startup = _startup_seconds()
    counts = load_reference().counts()
    identify("warm-up")
    times: list[float] = []
    for _ in range(args.repeat):
        for text in texts:
            t = time.perf_counter()
            identify(text)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"tables: {counts['models']} models, {counts['manufacturers']} makers, "
        f"{counts['factory_codes'] + counts['headstamps']} factory and headstamp codes, {counts['calibres']} calibres"
    )
    print(f"start-up (fresh process, tables read, validated and indexed): {startup:.2f} s")
    print(
        f"per marking over {len(texts)} texts x {args.repeat}: median {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms (bound {BOUND_MS:.0f} ms)"
    )
    if not args.no_long:
        for language, paragraph in LONG_TEXTS.items():
            row = []
            for size in LONG_SIZES:
                text = (paragraph * (size // len(paragraph) + 1))[:size]
                t = time.perf_counter()
                identify(text)
                row.append(f"{size // 1000}k {(time.perf_counter() - t) * 1000:.0f} ms")
            print(f"long text, {language}: " + ", ".join(row))


if __name__ == "__main__":
    main()
