"""The words of a line that are not one piece of evidence: the serial's frequency as a bounded statement of
the model, likelihood ratios in one notation, the registry's serial as recorded, and what other records
(and the same weapon's other records) take of the probability. Shared by the evidence objects
(``explanation``), the batch's lines (``lines``) and Spark, which must agree byte for byte.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from .keys import MAX_KEY_BYTES, char_codes

if TYPE_CHECKING:
    from armstrace.serials import Query

    from .matcher import Matcher

__all__ = [
    "consecutive",
    "consecutive_rows",
    "format_lr",
    "how_often",
    "lr_words",
    "recorded_serial",
    "registry_quote",
    "renumber_same_as",
    "same_weapon",
    "serial_bound",
    "with_competition",
]

# Other records taking this much of the probability together are named, even when each fits far less well: a serial
# read exactly in a dense series may be a misread of any of its neighbours, and a reader should see their share.
_WORTH_SAYING = 0.01


def with_competition(
    text: str,
    better: int,
    close: int,
    less: int,
    twins: int,
    rest: float,
    *,
    p: float = 0.0,
    top: float = 0.0,
    consecutive: bool = False,
    same_as: int | None = None,
) -> str:
    """``text`` after what the other registry records take of the probability, and the same weapon's twin records:
    one wording for the evidence objects, the batch's lines (``lines``) and Spark, which must agree byte for byte.
    ``p``: this record's probability; ``top``: the best record's (said when another record fits better, so a
    lower rank's line never reads as a second probability of the reading); ``consecutive``: the registry holds
    this serial's numeric neighbours (the only place "consecutive serials" explain the competition);
    ``same_as``: the rank of the weapon's first listed record when this row is another record of it. The
    counts are of weapons (a weapon recorded twice is one), as is the share they take."""
    if better or close or rest >= _WORTH_SAYING:
        fit = []
        if better:
            fit.append(f"{better} fit{'s' if better == 1 else ''} better")
        if close:
            fit.append(f"{close} almost as well")
        if not fit:
            fit.append(f"{less} fit{'s' if less == 1 else ''} less well")
        why = " (consecutive serials often differ by one digit)" if consecutive else ""
        text = (
            f"other registry records: {', '.join(fit)}{why}; together they take {rest:.3f} of the probability; " + text
        )
        if better:
            mine = f"{p:.3f}" if p >= 0.001 else "less than 0.001"
            text = f"rank 1 takes {top:.3f} of the probability, this record {mine}; " + text
    if same_as:
        text = (
            f"the same weapon as rank {same_as} (recorded {twins + 1} times, same serial and make): this row repeats "
            f"rank {same_as}'s probability, which counts once; " + text
        )
    elif twins:
        text = (
            f"the same weapon is recorded {twins + 1} times (same serial and make): one probability for all its "
            "records, counted once; " + text
        )
    return text


_SAME_AS = re.compile(
    r"the same weapon as rank (\d+) \(recorded (\d+) times, same serial and make\): this row repeats "
    r"rank \1's probability, which counts once; "
)


def renumber_same_as(text: str, rank: int | None) -> str:
    """``text`` (``with_competition``'s) naming the weapon's first record by ``rank``, the rank an answer that left
    rows out gives it; with None (that record was left out) it says only that the weapon is recorded again."""

    def say(m: re.Match[str]) -> str:
        if rank is not None:
            return m.group(0).replace(f"rank {m.group(1)}", f"rank {rank}")
        return (
            f"the same weapon is recorded {m.group(2)} times (same serial and make): one probability for all its "
            "records, counted once; "
        )

    return _SAME_AS.sub(say, text, count=1)


def same_weapon(groups: Sequence[int] | np.ndarray) -> list[int | None]:
    """For the candidates of one reading in rank order (``groups``: each one's item), the rank of the first
    listed record of the same weapon, None for a weapon's first record: two rows that are one weapon say
    so, and a sum over the rows counts the weapon once."""
    first: dict[int, int] = {}
    out: list[int | None] = []
    for rank, g in enumerate(np.asarray(groups).tolist(), start=1):
        out.append(first.get(g))
        first.setdefault(g, rank)
    return out


def consecutive(
    matcher: Matcher, serials: Sequence[str | None], owner: Sequence[int], pools: Sequence[np.ndarray]
) -> list[bool]:
    """Whether a serial one number before or after each normalised serial (its trailing digits minus or plus
    one, as wide) is among the candidates of its reading (``owner``: the reading of each serial; ``pools``:
    each reading's candidate rows): where a one-digit misread of a competing neighbour reads the same. Asked
    of the reading's candidates, not the whole registry, so a sharded batch says the same."""
    wanted: dict[int, set[bytes]] = {}
    needles: list[tuple[int, bytes, bytes]] = []
    for s, r in zip(serials, owner, strict=True):
        digits = _TRAILING.search(s or "")
        before = after = b""
        if digits is not None:
            n, w, head = int(digits.group()), len(digits.group()), (s or "")[: digits.start()]
            before = char_codes(f"{head}{n - 1:0{w}d}") if n > 0 else b""
            after = char_codes(f"{head}{n + 1:0{w}d}") if len(str(n + 1)) <= w else b""
            wanted.setdefault(r, set())
        needles.append((r, before, after))
    held = {r: set(matcher.codes[pools[r]].tolist()) for r in wanted}
    return [r in held and ((bool(b) and b in held[r]) or (bool(a) and a in held[r])) for r, b, a in needles]


def consecutive_rows(
    matcher: Matcher, rows: np.ndarray, serials: Sequence[str | None], owner: np.ndarray, pools: Sequence[np.ndarray]
) -> list[bool]:
    """``consecutive`` of the registry rows ``rows`` (``serials``: their normalised serials), the neighbours'
    codes worked out for all at once from the rows' one-byte codes: the trailing digits' run, the last digit
    that can go down (or up) by one and the zeros (nines) after it. A serial the codes may hold cut short
    (as long as the widest key) is asked of ``consecutive`` itself."""
    rows = np.asarray(rows, dtype=np.int64)
    n = len(rows)
    if n == 0:
        return []
    width = matcher.codes.dtype.itemsize
    grid = matcher.codes[rows].view(np.uint8).reshape(n, width)
    length = matcher.lengths[rows].astype(np.int64)
    long = np.flatnonzero(length >= MAX_KEY_BYTES)
    at = np.arange(width)[None, :]
    inside = at < length[:, None]
    digit = inside & (grid >= 0x30) & (grid <= 0x39)
    # the start of each row's trailing run of digits (its length where it ends in no digit)
    start = np.where(inside & ~digit, at + 1, 0).max(axis=1)
    run = digit & (at >= start[:, None])
    has_run = start < length
    down = _last(run & (grid != 0x30))  # the digit a number one lower takes from (-1: the number is 0)
    up = _last(run & (grid != 0x39))  # the digit a number one higher adds to (-1: all nines, a digit longer)
    before = _stepped(grid, run, down, -1, 0x39)
    after = _stepped(grid, run, up, 1, 0x30)
    key = owner.astype(np.int64)
    pool_owner = np.repeat(np.arange(len(pools)), [len(p) for p in pools])
    pool_codes = matcher.codes[np.concatenate(list(pools)).astype(np.int64)] if len(pools) else matcher.codes[:0]
    held = set(_owned(pool_owner, pool_codes, width).tolist())
    found = np.zeros(n, dtype=bool)
    for needle, step in ((before, down), (after, up)):
        ok = np.flatnonzero(has_run & (step >= 0))
        found[ok] |= np.array([c in held for c in _owned(key[ok], needle[ok], width).tolist()], dtype=bool)
    out = found.tolist()
    if len(long):
        slow = consecutive(matcher, [serials[i] for i in long.tolist()], key[long].tolist(), pools)
        for i, said in zip(long.tolist(), slow, strict=True):
            out[i] = said
    return out


def _last(mask: np.ndarray) -> np.ndarray:
    """The last column of each row where ``mask`` holds (-1 where it holds nowhere)."""
    width = mask.shape[1]
    last = width - 1 - mask[:, ::-1].argmax(axis=1)
    return np.where(mask.any(axis=1), last, -1)


def _stepped(grid: np.ndarray, run: np.ndarray, pos: np.ndarray, step: int, fill: int) -> np.ndarray:
    """The codes with the digit at ``pos`` moved by ``step`` and the run's digits after it set to ``fill``
    (a number one lower or higher, as wide), as an ``S`` array."""
    out = grid.copy()
    at = np.arange(grid.shape[1])[None, :]
    out[run & (at > pos[:, None])] = fill
    rows = np.flatnonzero(pos >= 0)
    out[rows, pos[rows]] += np.uint8(step & 0xFF)
    return out.view(f"S{grid.shape[1]}").reshape(-1)


def _owned(owner: np.ndarray, codes: np.ndarray, width: int) -> np.ndarray:
    """Each code with its reading's number in front, as one ``S`` value (a code is only looked for among its
    own reading's candidates)."""
    both = np.zeros((len(owner), width + 8), dtype=np.uint8)
    both[:, :8] = owner.astype(">i8").view(np.uint8).reshape(-1, 8)
    both[:, 8:] = codes.view(np.uint8).reshape(-1, width)
    return both.view(f"S{width + 8}").reshape(-1)


def recorded_serial(matcher: Matcher, rows: np.ndarray) -> list[str | None]:
    """The registry's serial of each row as recorded (the explanations quote it; the compared form may differ)."""
    if not len(rows):
        return []
    return matcher.table.column("serial").take(pa.array(np.asarray(rows, dtype=np.int64))).to_pylist()  # type: ignore[no-any-return]


def registry_quote(recorded: str | None, compared: str, differs: bool) -> str:
    """The registry's serial quoted as recorded, with the form compared when they differ (separators, case);
    the notes' positions count in the compared form, said once."""
    if recorded is None or recorded == compared:
        return repr(compared)
    where = "; positions count in this form" if differs else ""
    return f"{recorded!r} (compared as {compared}{where})"


_TRAILING = re.compile(r"[0-9]+$")


@functools.lru_cache(maxsize=8192)
def format_lr(weight: float) -> str:
    """A likelihood ratio given as log10, written for people in one notation, a number: "1,200", "3.2e+07",
    "0.15", "0.025", "1.2e-07" (never "1 in 40" beside "0.15" on one line; remembered: a batch's field
    weights repeat from reading to reading)."""
    lr = 10.0**weight
    if weight >= 6:
        return f"{lr:.1e}"
    if lr >= 10:
        return f"{lr:,.0f}"
    if lr >= 0.95:
        return f"{lr:.1f}"
    return f"{lr:.2g}"


def lr_words(weight: float, bound: float | None = None) -> str:
    """A likelihood ratio (log10) as a line prints it; above ``bound`` (log10), "over" the bound: the model's
    ratio rests on a frequency rarer than the data can support (``serial_bound``). A bound under 1 is not said
    "over": "LR over 0.0011" would read as evidence against; the model's ratio is given, then the bound's."""
    if bound is not None and weight > bound:
        if bound < 0:
            return f"LR {format_lr(weight)} under the model; at the rarest figure the data support, {format_lr(bound)}"
        return f"LR over {format_lr(bound)}"
    return f"LR {format_lr(weight)}"


def how_often(odd: float, bound: float = math.inf, why: str = "") -> str:
    """How often, under the model, a weapon not in the registry would be read so (the serial alone), in words:
    never "1 time in 0", and never rarer than ``bound`` (``serial_bound``; ``why``: its reason, said with it)."""
    said = "under the model, a weapon not in the registry"
    if odd < 2.0:  # several serials an absent weapon could carry fit a vague reading
        return f"{said} could as easily be read so"
    if odd > bound:
        return f"{said} would be read so less than 1 time in {_count(bound)}, the rarest figure {why} supports"
    return f"{said} would be read so about 1 time in {_count(odd)}"


def _count(n: float) -> str:
    """A large count in words: "2,400", "14.9 million", "3.6 trillion"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if n >= size:
            return f"{n / size:,.1f} {word}"
    return f"{n:,.0f}"


def serial_bound(query: Query, n_items: int) -> tuple[float, str]:
    """The rarest "1 time in N" the data can support for a serial reading, and why, as (N, reason).

    The model's frequency of a serial among weapons not in the registry is built from the registry's
    serials (its series and each position's characters) and multiplies per-position frequencies to reach
    strings no record shows. Two limits hold whatever the model says: a string the registry's N items
    were read from cannot be shown rarer than 1 in N by those N (a rarer figure is the model's
    extrapolation, never observed), and no string is rarer than 1 in the number of strings of its form
    (each known character one of 10 digits or 26 letters; ``?`` and ``*`` any, a listed choice any of
    its members): a uniform draw over the form is the least that can be assumed about an unknown maker's
    serials. The batch's readings do not move it: they estimate the reading channel, not how serials
    outside the registry are distributed, and one reading searched alone must be told what the batch
    tells it.
    """
    form = 1.0
    for e in query.elements:
        if isinstance(e, str):
            form *= _kind_size(e)
        elif isinstance(e, frozenset) and e:
            form *= max(1.0, max(_kind_size(c) for c in e) / len(e))
    items = float(max(n_items, 1))
    if form < items:
        return form, f"a form of {_count(form)} serials"
    return items, f"a registry of {_count(items)} serials"


def _kind_size(c: str) -> float:
    """How many characters a known character could have been: 10 digits, 26 letters, else both kinds."""
    return 10.0 if c.isdigit() else 26.0 if c.isalpha() else 36.0
