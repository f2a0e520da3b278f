"""Not in this registry: how likely a reading is if the recovered weapon is absent from the registry.

Three kinds of absent weapon compete with the registry's candidates (``absent_weight``): one with a
random serial shaped like the registry's (the background model), an unrecorded *neighbour* in one of
the registry's series (share β, ``near_registry``), and among those a *near miss* whose serial is some
digits off a registry serial (share γ, ``near_miss``). ``Absence.terms`` works out the last two for one
reading:

* neighbour: the absent weapon carries a *free* serial (not a registry one) with the registry's
  density there (``density``); it is read as this reading correctly (a literal reading that is itself
  free; any free serial a wildcard reading fits) or, for a literal reading, by one misread digit from a
  free neighbour. The sum runs over those serials. A wildcard reading with more than ``MAX_FILLS``
  fills takes the density at the best candidate times the free fills instead.
* near miss: a registry serial with one of its number's last ``NEAR_DIGITS`` digits changed (another
  lot, a consignment's gap or end, a re-used number), read correctly: the density at the best
  candidate, for a free literal reading one such digit from a registry serial (the best candidate or,
  when that differs otherwise, e.g. by a swap, the densest one). Any other difference (a transposition,
  an extra or missing character, a letter) needs a misread on top of the near miss, far less likely
  than the same misread of the registry serial itself.

Why only the last digits: an unrecorded weapon of a registered series is numbered in the same run as
its registered neighbours (a consignment holds tens to a few thousand consecutive numbers), so it
differs from the nearest of them in the number's last digits. A reading that differs from a registry
serial in a leading digit or the prefix (by 1,000 or more) names no neighbour of that serial; nothing
puts an absent weapon there, and a misread does. Counting it as a near miss read a misread character
as evidence of absence (one-substitution readings landing on no registry serial got p ≈ 0.28 while
rank 1 was right ≈ 82% of the time).

Readings with ``*`` have neither (their candidates are exact pattern matches).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import overload

import numpy as np

from armstrace.serials import ANY, Element, Query, skeleton

from . import search_kernels
from .density import Density
from .index import SerialIndex
from .keys import decode_codes, skeleton_elements
from .neighbour_rows import literal_rows_numpy
from .number_variants import MAX_WIDTH
from .ranges import RangeIndex
from .scoring import Background, ScoringModel
from .shape_codes import ShapeCodes, shape_codes

__all__ = [
    "MAX_FILLS",
    "NEAR_DIGITS",
    "Absence",
    "Ask",
    "Looked",
    "Neighbours",
    "absent_weight",
    "lookup_serials",
    "near_positions",
    "near_rows",
    "neighbour_reads_so",
]

MAX_FILLS = 1024  # most serials a wildcard reading is expanded into for the neighbour sum
NEAR_DIGITS = 3  # a near miss differs from a registry serial in one of its number's last this many digits
_DIGITS = "0123456789"
_SHAPE = re.compile(r"^(.*?)([0-9]*)([^0-9]*)$")  # head, number, tail: as ``Density.at`` cuts a serial
_NUMBER_DIGITS = 18  # the last digits of a serial's number that its density reads (``density._MAX_DIGITS``)
_POW10 = 10 ** np.arange(_NUMBER_DIGITS, dtype=np.int64)
_FEW_ROWS = 256  # rows up to which their densities are worked out by one compiled loop (``ShapeCodes.densities``)
_FEW_READINGS = 64  # literal readings up to which their neighbours' rows are spelt by one compiled loop

# serials (``lookup_serials``'s, or a literal reading's ``Neighbours``), whether each is registered, density at each
Looked = tuple[Sequence[str] | None, np.ndarray, np.ndarray]
# ``Absence.terms``'s arguments of one reading: query, best, confusable, taken, exact, looked
Ask = tuple[Query, str, float, bool, float, Looked | None]


def absent_weight(model: ScoringModel, background: float | np.ndarray, local: float | np.ndarray,
                  miss: float | np.ndarray = 0.0) -> np.ndarray:  # fmt: skip
    """log weight of "not in this registry" (for one reading, or element-wise for a batch)."""
    beta, gamma = model.near_registry, model.near_miss
    p = (1.0 - beta) * np.exp(background) + beta * ((1.0 - gamma) * np.asarray(local) + gamma * np.asarray(miss))
    return math.log(1.0 - model.prior_in_registry) + np.log(np.maximum(p, 1e-300))


class Absence:
    """The absent-neighbour terms of readings against one registry's index, ranges and density."""

    def __init__(self, index: SerialIndex, ranges: RangeIndex, density: Density, background: Background | None = None):
        self.index = index
        self.ranges = ranges
        self.density = density
        self.background = background

    def terms(
        self,
        query: Query,
        best: str,
        confusable: float,
        taken: bool,
        exact: float,
        model: ScoringModel,
        looked: Looked | None = None,
    ) -> tuple[float, float]:
        """(neighbour, near miss) for a reading without ``*``: ``best`` is the skeleton of its most
        likely candidate, ``confusable`` how many of its characters that candidate reads as confusable,
        ``taken`` whether the reading is a registry serial up to confusable characters, ``exact`` how
        many registry serials fit the reading exactly. ``looked``: ``look_up_many``'s answer for this
        reading, when a batch looked its serials up together."""
        return self.terms_many([(query, best, confusable, taken, exact, looked)], model)[0]

    def terms_many(self, asks: Sequence[Ask], model: ScoringModel) -> list[tuple[float, float]]:
        """``terms`` of many readings (each ask: its arguments but the model); the densities at the best
        candidates that some of them need are looked up together (``Density.at``: element by element, so
        each is the one a lookup of its own gives)."""
        log_p = model.log_p()
        out: list[tuple[float, float]] = []
        later: list[tuple[int, str, float, bool]] = []  # (ask, best, factor, near miss?): factor × density
        for k, (query, best, confusable, taken, exact, looked) in enumerate(asks):
            # reading the reading's confusable characters from a serial without them (O for 0 …)
            correct = math.exp(query.known * log_p["match"] + confusable * (log_p["confusable"] - log_p["match"]))
            if looked is None:
                looked = self.look_up_many([self.serials(query)])[0]
            serials, registered, at = looked
            if query.is_literal:
                skel = skeleton(query.literal)
                dens = at * ~registered
                sub = math.exp(log_p["substitute"] - log_p["match"])
                local = (0.0 if taken else float(dens[0])) + sub * float(dens[1:].sum())
                # a near miss is a registry serial with one of its number's last digits changed, read
                # correctly: only a reading one such digit from a registry serial can be one (anything else
                # needs a misread on top of it); the density is the best candidate's, or the densest such
                # registry serial's when it is not one
                miss = 0.0
                near = registered[1:] & near_rows(skel)
                if not taken and near.any():
                    if _one_digit_apart(skel, best) and _near_change(skel, best):
                        later.append((k, best, correct, True))
                    else:
                        miss = float(at[1:][near].max())
                out.append((correct * local, correct * miss))
            elif serials is None:  # too vague to enumerate: the best candidate's neighbourhood, times the fills
                elements = skeleton_elements(query.elements)
                positions = self._positions(len(elements))
                options = math.prod(_options(e, positions[i] if positions else None) for i, e in enumerate(elements))
                later.append((k, best, correct * max(0.0, options - exact), False))
                out.append((0.0, 0.0))
            else:
                dens = at * ~registered
                out.append((correct * float(dens.sum()), 0.0))
        if later:
            found = self.density.at([best for _, best, _, _ in later]).tolist()
            for (k, _, factor, near_miss), d in zip(later, found, strict=True):
                out[k] = (out[k][0], factor * d) if near_miss else (factor * d, 0.0)
        return out

    def serials(self, query: Query) -> list[str] | None:
        """The serials ``terms`` needs the registry status and density of (see ``lookup_serials``)."""
        return lookup_serials(query, self.index.alphabet, self.background)

    def _positions(self, length: int) -> list[str] | None:
        """The characters registry serials of this length carry at each position (None: unknown)."""
        return self.background.positions(length) if self.background is not None else None

    def look_up_many(self, serials: list[list[str] | None]) -> list[Looked]:
        """(serials, registered, density) of many readings' serials with one lookup for the batch (both
        are element by element, so the numbers are those of a lookup per reading)."""
        flat = [x for group in serials for x in group or ()]
        registered = self.registered(flat) if flat else np.zeros(0, dtype=bool)
        at = self.density.at(flat) if flat else np.zeros(0)
        out: list[Looked] = []
        start = 0
        for group in serials:
            stop = start + len(group or ())
            out.append((group, registered[start:stop], at[start:stop]))
            start = stop
        return out

    def look_up_readings(self, queries: Sequence[Query]) -> list[Looked]:
        """``look_up_many`` of these readings' serials (readings without ``*``), the literal ones' without
        text: a batch of 20,000 readings asks about ~1.2 million one-digit neighbours, and those strings,
        their encoding and their parsing cost more than the look-ups. A literal ASCII reading's neighbours
        are rows of one-byte codes (its codes with one digit changed), looked up in the index's sorted keys
        and the range records in one search each; their densities need little parsing (a digit of the
        number changed keeps the serial's shape and moves its number by a multiple of a power of ten; only a
        digit before the number changed spells another shape). Every number is the one ``look_up_many``
        gives (element by element; ``tests/test_linkage_speed.py``)."""
        fast: list[tuple[int, str]] = []
        slow: list[int] = []
        by_codes = self._by_codes()
        for k, query in enumerate(queries):
            skel = skeleton(query.literal) if by_codes and query.is_literal else ""
            if skel and skel.isascii() and skel.isprintable():  # else: text (other scripts' digits, line breaks)
                fast.append((k, skel))
            else:
                slow.append(k)
        out: list[Looked | None] = [None] * len(queries)
        for k, looked in zip(slow, self.look_up_many([self.serials(queries[k]) for k in slow]), strict=True):
            out[k] = looked
        if fast:
            for (k, _), looked in zip(fast, self._look_up_literals([s for _, s in fast]), strict=True):
                out[k] = looked
        return [x for x in out if x is not None]

    def _by_codes(self) -> bool:
        """Whether ``look_up_readings`` may look literal readings up by codes: this class's own lookups
        (not a sharded registry's answers), and range numbers that int64 holds."""
        return (
            type(self).registered is Absence.registered
            and type(self.index).contains is SerialIndex.contains
            and type(self.ranges).holds is RangeIndex.holds
            and type(self.density).at is Density.at
            and all(w <= MAX_WIDTH for _, w in self.ranges.splits)
        )

    def _look_up_literals(self, skels: list[str]) -> list[Looked]:
        """``look_up_many`` of literal readings' serials (ASCII skeletons, printable): each reading's rows
        are its skeleton, then each digit changed to each other digit, in ``lookup_serials``'s order."""
        n = len(skels)
        lengths = np.fromiter(map(len, skels), dtype=np.int64, count=n)
        width = int(lengths.max())
        base = np.array(skels, dtype=f"S{width}").view(np.uint8).reshape(n, width)
        loops = search_kernels.loaded() if n <= _FEW_READINGS else None
        if loops is not None:  # a search's reading: its rows in one loop, not some twenty array steps
            grid, owner, starts, reading, pos, rows, was, now = loops.literal_rows(base)
        else:
            grid, owner, starts, reading, pos, rows, was, now = literal_rows_numpy(base)
        row_lengths = lengths[owner]
        registered = self._contains_codes(grid, row_lengths)
        if self.ranges.groups:
            registered |= self.ranges.holds_codes(grid, row_lengths)
        coded = shape_codes(self.density)
        if coded is not None:  # each row's shape as a code by one compiled pass (no names spelt a row)
            at = self._density_shapes(*coded, grid, row_lengths)
        else:
            at = self._density_codes(skels, grid, owner, reading, pos, rows, was, now)
        bounds = np.append(starts, len(grid))
        return [
            (Neighbours(s), registered[bounds[i] : bounds[i + 1]], at[bounds[i] : bounds[i + 1]])
            for i, s in enumerate(skels)
        ]

    def _contains_codes(self, grid: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """``SerialIndex.contains`` of rows of one-byte codes (NUL padded) with their lengths."""
        forward = self.index.forward
        keys, packer, width = forward.keys, forward.packer, forward.width
        fits = lengths < width
        found = np.zeros(len(grid), dtype=bool)
        if not len(keys) or not len(grid):
            return found
        loops = search_kernels.loaded() if packer is not None and len(grid) <= search_kernels.SMALL else None
        if loops is not None:  # a search's few rows: one loop, no sort
            assert packer is not None
            return loops.packed_contains(keys, grid, lengths, packer.ranks, packer.bits, width)  # type: ignore[no-any-return]
        if grid.shape[1] >= width:
            cut = np.ascontiguousarray(grid[:, :width])
        else:
            cut = np.zeros((len(grid), width), dtype=np.uint8)
            cut[:, : grid.shape[1]] = grid
        if packer is not None:
            needles, ok = packer.pack(cut)
            fits &= ok  # a byte no key holds: no key
        else:
            needles = cut.view(f"S{width}").ravel()
        order = np.argsort(needles, kind="stable")
        ordered = needles[order]
        at = np.minimum(np.searchsorted(keys, ordered, "left"), len(keys) - 1)
        found[order] = keys[at] == ordered
        return fits & found

    def _density_shapes(
        self, loops: SimpleNamespace, shapes: ShapeCodes, grid: np.ndarray, lengths: np.ndarray
    ) -> np.ndarray:
        """``_density_codes`` by ``ShapeCodes``: each row cut and its shape looked up by one compiled pass, the
        rows grouped by shape code (the same groups, numbers and densities)."""
        codes, numbers = shapes.codes(loops, grid, lengths, _NUMBER_DIGITS)
        at = np.zeros(len(grid))
        if len(grid) < _FEW_ROWS:  # a search's rows: one compiled loop, no groups
            shapes.densities(self.density, codes, numbers, at)
            return at
        known = np.flatnonzero(codes >= 0)
        if not len(known):
            return at
        order = known[np.argsort(codes[known], kind="stable")]
        ordered = codes[order]
        cut = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
        bounds = [0, *cut.tolist(), len(order)]
        names = shapes.names
        groups = [(names[int(ordered[a])], order[a:b]) for a, b in itertools.pairwise(bounds)]
        self.density.shapes_density(groups, numbers, at)
        return at

    def _density_codes(
        self,
        skels: list[str],
        grid: np.ndarray,
        owner: np.ndarray,
        reading: np.ndarray,
        pos: np.ndarray,
        rows: np.ndarray,
        was: np.ndarray,
        now: np.ndarray,
    ) -> np.ndarray:
        """``Density.at`` of the readings' rows: a reading's shape is read once, and its neighbours share
        it but those with a digit before the number's run changed (the head: another shape, spelt for
        those only); a changed digit in the last 18 of the run moves the number by a power of ten."""
        density = self.density
        names: dict[str, int] = {}  # the shapes the registry has a series of, numbered

        def code(name: str) -> int:
            found = names.get(name)
            if found is None:
                known = density.known(name)
                head, digits, tail = name.split("\x1f")
                found = names[name] = (
                    len(names) if known or (not tail and (head, int(digits)) in density.ranges.groups) else -1
                )
            return found

        n = len(skels)
        own = np.full(n, -1, dtype=np.int64)
        number = np.zeros(n, dtype=np.int64)
        run_lo = np.full(n, len(grid[0]) if len(grid) else 0, dtype=np.int64)
        run_hi = np.full(n, -1, dtype=np.int64)
        parts: list[tuple[str, str]] = [("", "")] * n  # (head, rest of the shape name)
        for i, skel in enumerate(skels):
            m = _SHAPE.match(skel)
            if m is None or not m.group(2):
                continue
            head, digits, tail = m.groups()
            parts[i] = (head, f"\x1f{len(digits)}\x1f{tail}")
            own[i] = code(head + parts[i][1])
            number[i] = int(digits[-_NUMBER_DIGITS:])
            run_lo[i], run_hi[i] = len(head), len(head) + len(digits) - 1
        row_shape = own[owner]
        in_head = pos < run_lo[reading]
        heads = np.flatnonzero(in_head).tolist()
        for j in heads:
            head, rest = parts[int(reading[j])]
            p = int(pos[j])
            row_shape[rows[j]] = [code(head[:p] + str(int(d)) + head[p + 1 :] + rest) for d in now[j].tolist()]
        at = np.zeros(len(grid))
        if not any(c >= 0 for c in names.values()):
            return at
        numbers = number[owner]
        place = run_hi[reading] - pos  # the changed digit's power of ten in the number (if in its run)
        moves = ~in_head & (place >= 0) & (place < _NUMBER_DIGITS)
        step = _POW10[np.where(moves, place, 0)]
        numbers[rows] += np.where(moves[:, None], (now - was[:, None]) * step[:, None], 0)
        if n == 1 and not heads:  # a search's reading: every row is of its one shape (what the sort finds)
            groups = [(name, np.arange(len(grid))) for name, c in names.items() if c >= 0]
        else:
            order = np.argsort(row_shape, kind="stable")
            cut = np.searchsorted(row_shape[order], np.arange(-1, len(names) + 1))
            groups = [(name, order[cut[c + 1] : cut[c + 2]]) for name, c in names.items() if c >= 0]
        density.shapes_density(groups, numbers, at)
        return at

    def registered(self, skels: list[str]) -> np.ndarray:
        """Whether each skeleton is a registry serial (a single record's, or inside a range record)."""
        found = self.index.contains(skels)
        if self.ranges.groups:
            found |= self.ranges.holds(skels)
        return found


class Neighbours(Sequence[str]):
    """A literal reading's skeleton, then its one-digit neighbours (``lookup_serials``'s list), spelt
    only when asked for: ``look_up_readings`` looks them up as codes."""

    def __init__(self, skel: str):
        self.skel = skel
        self._digits = [i for i, c in enumerate(skel) if c.isdigit()]

    def __len__(self) -> int:
        return 1 + 9 * len(self._digits)

    @overload
    def __getitem__(self, k: int) -> str: ...
    @overload
    def __getitem__(self, k: slice) -> list[str]: ...
    def __getitem__(self, k: int | slice) -> str | list[str]:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        if k == 0:
            return self.skel
        i = self._digits[(k - 1) // 9]
        d = (k - 1) % 9
        d += d >= int(self.skel[i])
        return self.skel[:i] + str(d) + self.skel[i + 1 :]

    def __iter__(self) -> Iterator[str]:
        return iter(self[0 : len(self)])


def near_positions(skel: str) -> range:
    """Where in a skeleton a near miss may differ from a registry serial: the last ``NEAR_DIGITS`` digits
    of its number (its last run of digits, as ``Density.at`` cuts it)."""
    m = _SHAPE.match(skel)
    if m is None or not m.group(2):
        return range(0)
    end = m.end(2)
    return range(max(m.start(2), end - NEAR_DIGITS), end)


def near_rows(skel: str) -> np.ndarray:
    """Which of a literal reading's one-digit neighbours (``lookup_serials``'s, after the reading itself:
    each digit changed to each other digit) change a digit in ``near_positions``."""
    near = near_positions(skel)
    return np.repeat(np.array([i in near for i, c in enumerate(skel) if c.isdigit()], dtype=bool), 9)


def neighbour_reads_so(reading: str, serial: str) -> bool:
    """Whether an unrecorded neighbour of a registry serial's series can carry a literal reading (both
    skeletons): the same length, differing at most in the reading's ``near_positions``."""
    return len(reading) == len(serial) and _near_change(reading, serial)


def _near_change(a: str, b: str) -> bool:
    """Whether skeletons of one length differ only in ``near_positions`` of ``a``."""
    near = near_positions(a)
    return all(i in near for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)


def _one_digit_apart(a: str, b: str) -> bool:
    """Whether two skeletons differ in exactly one position, a digit in both."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and diff[0][0].isdigit() and diff[0][1].isdigit()


def lookup_serials(query: Query, alphabet: Sequence[bytes], background: Background | None) -> list[str] | None:
    """The serials whose registry status and density decide a reading's absent-weapon terms (a reading
    without ``*``): a literal reading's skeleton, then its one-digit neighbours; a wildcard reading's fills
    (None when there are over ``MAX_FILLS``). An unknown character stands for what registry serials of its
    length carry there (``background``): "?N4977?84" is not 36 series of which 35 the registry has never
    seen (that made P(not in this registry) 0.997 for a reading whose only candidate was right)."""
    if query.is_literal:
        skel = skeleton(query.literal)
        digits = [i for i, c in enumerate(skel) if c.isdigit()]
        return [skel, *(skel[:i] + d + skel[i + 1 :] for i in digits for d in _DIGITS if d != skel[i])]
    elements = skeleton_elements(query.elements)
    positions = background.positions(len(elements)) if background is not None else None
    return _fills(elements, list(alphabet), MAX_FILLS, positions)


def _options(e: Element, there: str | None = None) -> int:
    if e is ANY:
        return max(1, len(there)) if there is not None else 36
    return len(e) if isinstance(e, frozenset) else 1


def _fills(
    elements: list[Element], alphabet: list[bytes], cap: int, positions: list[str] | None = None
) -> list[str] | None:
    """Every skeleton a wildcard reading (no ``*``) can stand for, or None when there are over ``cap``;
    ``positions``: the characters each position can hold (``Background.positions``), else any."""
    any_chars = [decode_codes(c) for c in alphabet]  # OTHER_CODE as U+FFFD, which char_codes maps back
    out = [""]
    for i, e in enumerate(elements):
        if e is ANY:
            chars = list(positions[i]) if positions is not None and positions[i] else any_chars
        else:
            chars = [e] if isinstance(e, str) else sorted(e)  # type: ignore[arg-type]
        if len(out) * len(chars) > cap:
            return None
        out = [f + c for f in out for c in chars]
    return out
