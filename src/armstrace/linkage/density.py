"""How densely the registry fills the serial space around a serial: the "absent neighbour" model.

Serials are numbered consecutively, so a weapon that is *not* in the registry very often carries a
serial next to ones that are (the rest of a consignment, a later delivery, an unrecorded item). A
reading one digit away from a registry serial is then weak evidence: the dense series predicts that an
absent weapon of the same series would also be one digit away. This module estimates, for a serial,
the probability that an absent weapon "of the registry's series" carries it: a kernel density over the
registry's numbers, per serial shape (skeleton prefix, number of digits, skeleton suffix), with box
kernels of half-widths 10, 300 and 10,000 averaged (so a consignment, a delivery and a production
run all count). Every registry item spreads 1/N of probability over its window, so the estimate sums
to about one over all serials.

Storage: the number (int64) per single-serial record, sorted by shape code and number, and where each
shape's run starts (8 bytes a record); range records are counted from the range index (overlap of the
window with each range).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import kernels, search_kernels
from .keys import decode_codes, keyed_text
from .ranges import RangeIndex, _Group
from .shape_codes import shape_codes
from .sorted_keys import COMPILED_KEYS

__all__ = ["Density"]

_WINDOWS: tuple[int | None, ...] = (10, 300, 10_000, None)  # None: the whole series (every number of the shape)
_MAX_DIGITS = 18
# a shape asked about this many times in a batch is worked out on its own (``shape_density``: NumPy's searches
# of sorted needles beat a binary search each); those asked less, all together (``window_density``)
_SHAPE_ALONE = 256
_FEW_CODED = 256  # ``_at_codes`` of up to this many serials by shape codes (``shape_codes``), in one loop
_FEW_SERIALS = 128  # ``_at_codes`` groups up to this many serials by shape in a dict, more with one sort


_SHAPE = re.compile(r"^(.*?)([0-9]*)([^0-9]*)$")  # as _parse: head, number, tail


def _parse(skeletons: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray]:
    """Shape, number and digit count of each skeleton key, and the indices of those with digits."""
    if isinstance(skeletons, pa.ChunkedArray):
        skeletons = skeletons.combine_chunks()
    parts = pc.extract_regex(pc.fill_null(skeletons, ""), pattern=r"^(?P<h>.*?)(?P<n>[0-9]*)(?P<t>[^0-9]*)$")
    head, num, tail = parts.field("h"), parts.field("n"), parts.field("t")
    length = pc.utf8_length(num)
    shape = pc.binary_join_element_wise(head, pc.cast(length, pa.string()), tail, "\x1f")
    digits = pc.utf8_slice_codeunits(num, -_MAX_DIGITS, 2**31 - 1)
    numbers = pc.cast(pc.if_else(pc.greater(length, 0), digits, "0"), pa.int64()).to_numpy(zero_copy_only=False)
    width = length.to_numpy(zero_copy_only=False)
    return shape, numbers, width, np.flatnonzero(width > 0)


_MARK = 0x01  # stands for a digit of the number in a key's shape (keys hold no control characters)


def _parse_codes(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``_parse`` of NUL-padded keys with NumPy, for the keys with digits: the code of each one's shape
    (numbered in order of first appearance, as ``dictionary_encode`` numbers them), its number, and the
    shape names. The number is the last run of digits (what ``^(.*?)([0-9]*)([^0-9]*)$`` reads): each key's
    shape is the key with that run's digits replaced by a mark, so equal shapes are equal bytes. One pass
    over the key's characters, column by column, finds the run and reads its last 18 digits."""
    n, width = len(keys), keys.dtype.itemsize
    if n >= COMPILED_KEYS:
        try:
            loop = _compiled_runs()
        except ImportError:
            loop = None
        if loop is not None:
            grid = np.ascontiguousarray(keys.view(np.uint8).reshape(n, width))
            last, numbers, masked = loop(grid, _MARK, 10 ** (_MAX_DIGITS - 1) if width > _MAX_DIGITS else 0)
            keep = np.flatnonzero(last >= 0)
            return _shapes(masked[keep] if len(keep) < n else masked, numbers[keep], width)
    columns = np.ascontiguousarray(keys.view(np.uint8).reshape(n, width).T)
    value = columns - np.uint8(0x30)
    digit = value < 10
    first = np.zeros(n, dtype=np.int64)  # where the last run of digits so far begins
    last = np.full(n, -1, dtype=np.int64)  # and its last digit
    numbers = np.zeros(n, dtype=np.int64)  # its last 18 digits
    previous = np.zeros(n, dtype=bool)
    wide = width > _MAX_DIGITS
    for j in range(width):
        d = digit[j]
        begins = d & ~previous
        first[begins] = j
        last[d] = j
        carried = np.where(begins, 0, numbers % 10 ** (_MAX_DIGITS - 1) if wide else numbers)
        numbers = np.where(d, carried * 10 + value[j], numbers)
        previous = d
    keep = np.flatnonzero(last >= 0)
    if len(keep) < n:
        columns, first, last, numbers = columns[:, keep], first[keep], last[keep], numbers[keep]
    at = np.arange(width)[:, None]
    masked = np.where((at >= first) & (at <= last), np.uint8(_MARK), columns).T
    return _shapes(np.ascontiguousarray(masked), numbers, width)


def _shapes(masked: np.ndarray, numbers: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``_parse_codes``' result from the keys with their number's digits marked (rows of ``masked``)."""
    flat = pa.FixedSizeBinaryArray.from_buffers(pa.binary(max(width, 1)), len(masked), [None, pa.py_buffer(masked)])
    encoded = pc.dictionary_encode(flat)
    names = []
    for raw in encoded.dictionary.to_pylist():
        text = raw.rstrip(b"\x00")
        head, tail = text.index(_MARK), text.rindex(_MARK) + 1
        name = [text[:head], str(tail - head).encode(), text[tail:]]
        joined = b"\x1f".join(name)
        names.append(joined.decode() if joined.isascii() else decode_codes(joined))  # as ``keyed_text`` spells it
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    return codes, numbers, names


_RUNS: Any = None


def _compiled_runs() -> Any:
    """``_number_runs`` compiled (numba imported) on first use."""
    global _RUNS
    if _RUNS is None:
        _RUNS = kernels.compile_loop(_number_runs)
    return _RUNS


def _number_runs(grid: np.ndarray, mark: int, modulus: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``_parse_codes``' pass in one loop over each key's bytes: where its last run of digits ends (-1: none),
    the run's number (its last 18 digits: kept below ``modulus`` before each digit, when not 0) and the key
    with the run's digits replaced by ``mark``."""
    n, width = grid.shape
    last = np.full(n, -1, dtype=np.int64)
    numbers = np.zeros(n, dtype=np.int64)
    masked = grid.copy()
    for i in range(n):
        first, end, number, previous = 0, -1, 0, False
        for j in range(width):
            byte = grid[i, j]
            digit = 0x30 <= byte <= 0x39
            if digit:
                if not previous:
                    first, number = j, 0
                elif modulus:
                    number %= modulus
                number = number * 10 + (byte - 0x30)
                end = j
            previous = digit
        last[i] = end
        numbers[i] = number
        for j in range(first, end + 1):
            masked[i, j] = mark
    return last, numbers, masked


class Density:
    """Registry items per serial shape and number, for windowed counts."""

    #: every shape ``known`` answers for is one of its own rows, so shapes may be looked up by integer codes; a
    #: subclass (a shard's) may count shapes its own way, so it is not coded unless it says so
    holds_its_shapes = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.holds_its_shapes = bool(cls.__dict__.get("holds_its_shapes", False))

    def __init__(self, skeletons: pa.Array | np.ndarray, ranges: RangeIndex, n_items: int):
        """``skeletons``: the skeleton key of each single-serial record, as an Arrow string column or as
        one-byte codes in a NUL-padded numpy ``S`` array (``keys.skeleton_codes``; parsed without text)."""
        self.ranges = ranges
        self.n_items = max(n_items, 1)
        if isinstance(skeletons, np.ndarray):
            codes, numbers, names = _parse_codes(skeletons)
        else:
            shape, numbers, _, keep = _parse(skeletons)
            encoded = pc.dictionary_encode(shape.take(pa.array(keep)))
            if isinstance(encoded, pa.ChunkedArray):
                encoded = encoded.combine_chunks()
            codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
            numbers, names = numbers[keep], encoded.dictionary.to_pylist()
        order = np.lexsort((numbers, codes))
        self.numbers = numbers[order]
        self.shapes = {s: i for i, s in enumerate(names)}
        # where each shape's numbers start in the sorted arrays (shape i: offsets[i]..offsets[i + 1]); the
        # sorted codes themselves are not kept: the offsets say all they do
        self.offsets = np.searchsorted(codes[order], np.arange(len(self.shapes) + 1, dtype=np.int32))

    @property
    def codes(self) -> np.ndarray:
        """The shape code of each of ``numbers`` (rebuilt from the offsets)."""
        return np.repeat(np.arange(len(self.offsets) - 1, dtype=np.int32), np.diff(self.offsets))

    @property
    def nbytes(self) -> int:
        return int(self.numbers.nbytes + self.offsets.nbytes)

    def at(self, skels: Sequence[str]) -> np.ndarray:
        """P(an absent weapon of the registry's series carries each serial), for many serials (skeleton
        keys): the mean over the windows of registry items per number in the window, over N items.

        The serials are cut into shape and number by Arrow for the whole batch (a batch asks for ~180,000:
        a regular-expression match per serial in Python cost more than the densities); each value is the
        one ``_at_each`` gives the serial alone."""
        out = np.zeros(len(skels))
        if not len(skels):
            return out
        loops = search_kernels.loaded() if len(skels) <= search_kernels.SMALL else None
        if loops is not None:
            joined = "".join(skels)
            if joined.isascii() and joined.isprintable():  # a search's few serials: cut by one compiled loop
                self._at_codes(loops, skels, out)
                return out
        column = pa.array(skels, type=pa.string())
        if pc.any(pc.match_substring(column, "\n")).as_py():
            return self._at_each(skels)  # Python's ``$`` and RE2's differ before a line break
        shape, numbers, width, _ = _parse(column)
        encoded = pc.dictionary_encode(shape)
        codes = encoded.indices.to_numpy(zero_copy_only=False)
        order = np.argsort(codes, kind="stable")
        cut = np.searchsorted(codes[order], np.arange(len(encoded.dictionary) + 1))
        groups: list[tuple[str, np.ndarray]] = []
        for c, name in enumerate(encoded.dictionary.to_pylist()):
            members = order[cut[c] : cut[c + 1]]
            if not len(members) or not width[members[0]]:
                continue
            head, digits, tail = name.split("\x1f")
            if self.known(name) or (not tail and (head, int(digits)) in self.ranges.groups):
                groups.append((name, members))
        self.shapes_density(groups, numbers, out)
        return out

    def _at_codes(self, loops: Any, skels: Sequence[str], out: np.ndarray) -> None:
        """``at`` of printable ASCII serials: each cut into head, number and tail by one loop over their bytes
        (``search_kernels.serial_numbers``), the shapes named once each; the same groups, the same numbers."""
        lengths = np.fromiter(map(len, skels), dtype=np.int64, count=len(skels))
        width = max(int(lengths.max()), 1)
        grid = np.array(skels, dtype=f"S{width}").view(np.uint8).reshape(len(skels), width)
        coded = shape_codes(self) if len(skels) < _FEW_CODED else None
        if coded is not None:  # each serial's shape as a code, the densities by one window loop
            codes, numbers = coded[1].codes(coded[0], grid, lengths, _MAX_DIGITS)
            coded[1].densities(self, codes, numbers, out)
            return
        first, last, numbers = loops.serial_numbers(grid, lengths, _MAX_DIGITS)
        has = np.flatnonzero(last >= 0)
        shapes: list[tuple[int, np.ndarray]] = []  # (a serial of the shape, the serials of it)
        if len(has) <= _FEW_SERIALS:
            by_shape: dict[tuple[str, int, str], list[int]] = {}
            for i, a, b in zip(has.tolist(), first[has].tolist(), (last[has] + 1).tolist(), strict=True):
                by_shape.setdefault((skels[i][:a], b - a, skels[i][b:]), []).append(i)
            shapes = [(m[0], np.array(m, dtype=np.int64)) for m in by_shape.values()]
        else:  # each serial's bytes with its number's marked: equal shapes, equal bytes
            at = np.arange(width)
            masked = np.where((at >= first[has, None]) & (at <= last[has, None]), np.uint8(_MARK), grid[has])
            _, one, which = np.unique(masked.view(f"V{width}").ravel(), return_index=True, return_inverse=True)
            order = np.argsort(which, kind="stable")
            cut = np.searchsorted(which[order], np.arange(len(one) + 1))
            shapes = [(int(has[i]), has[order[cut[s] : cut[s + 1]]]) for s, i in enumerate(one.tolist())]
        groups: list[tuple[str, np.ndarray]] = []
        for i, members in shapes:
            a, b = int(first[i]), int(last[i]) + 1
            head, digits, tail = skels[i][:a], b - a, skels[i][b:]
            name = f"{head}\x1f{digits}\x1f{tail}"
            if self.known(name) or (not tail and (head, digits) in self.ranges.groups):
                groups.append((name, members))
        self.shapes_density(groups, numbers, out)

    def _at_each(self, skels: Sequence[str]) -> np.ndarray:
        """``at`` serial by serial (Python's regular expressions)."""
        out = np.zeros(len(skels))
        by_shape: dict[str, list[tuple[int, int]]] = {}
        for i, skel in enumerate(skels):
            m = _SHAPE.match(skel)
            if m is None or not m.group(2):
                continue
            head, digits, tail = m.groups()
            shape = f"{head}\x1f{len(digits)}\x1f{tail}"
            if self.known(shape) or (not tail and (head, len(digits)) in self.ranges.groups):
                by_shape.setdefault(shape, []).append((i, int(digits[-_MAX_DIGITS:])))
        for shape, members in by_shape.items():
            idx = np.array([i for i, _ in members], dtype=np.int64)
            number = np.array([n for _, n in members], dtype=np.int64)
            out[idx] = self.shape_density(shape, number, int(shape.split("\x1f")[1]))
        return out

    def shape_density(self, shape: str, number: np.ndarray, digits: int) -> np.ndarray:
        top = 10**digits - 1 if digits < _MAX_DIGITS else 2**62
        code = self.shapes.get(keyed_text(shape))
        nums = self.numbers[self.offsets[code] : self.offsets[code + 1]] if code is not None else self.numbers[:0]
        head, width, tail = shape.split("\x1f")
        group = self.ranges.groups.get((head, int(width))) if not tail and self.ranges.groups else None
        n = len(number)
        # the bounded windows of every number at once (one search of the numbers, one of the ranges); the
        # whole series' window is the same for every number: worked out once. Each count is the one a
        # window alone gives (element by element; a range sum adds its ranges in the same order), and the
        # windows are added in their order
        sizes = [w for w in _WINDOWS if w is not None]
        lo = np.concatenate([np.maximum(0, number - w) for w in sizes])
        hi = np.concatenate([np.minimum(top, number + w) for w in sizes])
        count = (np.searchsorted(nums, hi, "right") - np.searchsorted(nums, lo, "left")).astype(np.float64)
        whole = np.full(1, float(self._series_size(shape, nums)))
        if group is not None:
            count += _range_counts(group, lo, hi)
            whole += _range_counts(group, np.zeros(1, dtype=number.dtype), np.full(1, top, dtype=number.dtype))
        share = count / (hi - lo + 1)
        dens = np.zeros(n)
        at = 0
        for w in _WINDOWS:
            if w is None:
                dens += np.full(n, whole[0]) / (np.full_like(number, top) - np.zeros_like(number) + 1)
            else:
                dens += share[at : at + n]
                at += n
        return dens / len(_WINDOWS) / self.n_items

    def shapes_density(self, groups: Sequence[tuple[str, np.ndarray]], numbers: np.ndarray, out: np.ndarray) -> None:
        """``out[members] = shape_density(name, numbers[members], digits)`` for every (shape name, members)
        of ``groups``. Where numba's loops are loaded already (a large batch's: ``kernels.loaded``), the shapes
        asked about less than ``_SHAPE_ALONE`` times run in one compiled pass (``window_density``: the same
        operations in the same order, so the same numbers to the last bit; the counts of range records worked
        out first, as ``shape_density`` does); the others, and all without numba, shape by shape."""
        kernel = _kernel()
        alone = groups if kernel is None else [(n, m) for n, m in groups if len(m) >= _SHAPE_ALONE]
        for name, members in alone:
            out[members] = self.shape_density(name, numbers[members], int(name.split("\x1f")[1]))
        groups = [(n, m) for n, m in groups if len(m) < _SHAPE_ALONE]
        if kernel is None or not groups:
            return
        members = np.concatenate([m for _, m in groups]) if groups else np.zeros(0, dtype=np.int64)
        number = numbers[members]
        seg = np.zeros((len(groups), 2), dtype=np.int64)
        top = np.zeros(len(groups), dtype=np.int64)
        whole = np.zeros(len(groups))
        ranged = np.zeros((len(members), len(_WINDOWS) - 1))  # each bounded window's numbers in range records
        at = 0
        for g, (name, group_members) in enumerate(groups):
            n = len(group_members)
            lo, hi, highest, whole[g], ranges = self._series(name, number.dtype)
            seg[g] = lo, hi
            top[g] = highest
            if ranges is not None:
                x = number[at : at + n]
                sizes = [w for w in _WINDOWS if w is not None]
                counts = _range_counts(
                    ranges,
                    np.concatenate([np.maximum(0, x - w) for w in sizes]),
                    np.concatenate([np.minimum(highest, x + w) for w in sizes]),
                )
                ranged[at : at + n] = counts.reshape(len(sizes), n).T
            at += n
        group = np.repeat(np.arange(len(groups)), [len(m) for _, m in groups])
        values = np.empty(len(members))
        kernel(self.numbers, seg, top, whole, ranged, number, group, self.n_items, values)
        out[members] = values

    def _series(self, name: str, dtype: np.dtype[Any]) -> tuple[int, int, int, float, _Group | None]:
        """What ``shapes_density`` reads of a shape's series: where its numbers lie in ``numbers``, its largest
        number, its records (range records' numbers added) and its range records. Worked out once a shape for
        this class (a search asks about the same few shapes again and again); a subclass counts series its own
        way (``_series_size``, ``known``) and works them out each time."""
        cache = self.__dict__.setdefault("_series_cache", {}) if type(self) is Density else None
        found = cache.get((name, dtype)) if cache is not None else None
        if found is not None:
            return found  # type: ignore[no-any-return]
        head, width, tail = name.split("\x1f")
        digits = int(width)
        code = self.shapes.get(keyed_text(name))
        lo, hi = (int(self.offsets[code]), int(self.offsets[code + 1])) if code is not None else (0, 0)
        highest = 10**digits - 1 if digits < _MAX_DIGITS else 2**62
        size = np.full(1, float(self._series_size(name, self.numbers[lo:hi])))
        ranges = self.ranges.groups.get((head, digits)) if not tail and self.ranges.groups else None
        if ranges is not None:
            size += _range_counts(ranges, np.zeros(1, dtype=dtype), np.full(1, highest, dtype=dtype))
        found = (lo, hi, highest, float(size[0]), ranges)
        if cache is not None:
            cache[(name, dtype)] = found
        return found

    def known(self, shape: str) -> bool:
        """Whether the registry has a series of this shape (a sharded registry knows more than it holds)."""
        return keyed_text(shape) in self.shapes  # the shapes are named from codes (``_parse_codes``)

    def _series_size(self, shape: str, nums: np.ndarray) -> int:
        """Records of the series (the widest window): those held here, unless the series is counted elsewhere."""
        return len(nums)


def _range_counts(group: _Group, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Numbers of the group's ranges inside each window [lo_i, hi_i] (overlaps added in range order; a
    search's few windows in one compiled loop when loaded: ``search_kernels.range_counts``)."""
    loops = search_kernels.loaded() if len(lo) <= search_kernels.SMALL else None
    if loops is not None:
        return loops.range_counts(group.starts, group.maxend, group.ends, lo, hi)  # type: ignore[no-any-return]
    which, j = group.overlapping_many(lo, hi)
    inside = np.minimum(hi[which], group.ends[j]) - np.maximum(lo[which], group.starts[j]) + 1
    return np.bincount(which, weights=inside, minlength=len(lo))


def window_density(
    numbers: np.ndarray,
    seg: np.ndarray,
    top: np.ndarray,
    whole: np.ndarray,
    ranged: np.ndarray,
    number: np.ndarray,
    group: np.ndarray,
    n_items: int,
    out: np.ndarray,
) -> None:
    """``Density.shape_density`` of each ``number[i]`` of shape ``group[i]`` (numbers ``seg[g, 0]`` to
    ``seg[g, 1]`` of the sorted ``numbers``, largest number ``top[g]``, ``whole[g]`` records in the series,
    ``ranged[i, k]`` numbers of range records in its ``k``-th bounded window), as loops for numba: each
    window's count by two binary searches (``searchsorted`` left and right), its share and the mean over the
    windows added in ``shape_density``'s order, so each value is NumPy's."""
    for i in range(len(number)):
        g = group[i]
        x = number[i]
        t = top[g]
        dens = 0.0
        for k in range(3):  # _WINDOWS' bounded windows, in their order
            w = 10 if k == 0 else (300 if k == 1 else 10_000)
            lo = max(0, x - w)
            hi = min(t, x + w)
            a, b = seg[g, 0], seg[g, 1]
            while a < b:  # first number > hi
                m = (a + b) // 2
                if numbers[m] <= hi:
                    a = m + 1
                else:
                    b = m
            right = a
            a, b = seg[g, 0], seg[g, 1]
            while a < b:  # first number >= lo
                m = (a + b) // 2
                if numbers[m] < lo:
                    a = m + 1
                else:
                    b = m
            count = float(right - a) + ranged[i, k]
            dens += count / float(hi - lo + 1)
        dens += whole[g] / float(t - 0 + 1)
        out[i] = dens / 4 / n_items


_KERNEL: list[Callable[..., Any]] = []


def _kernel() -> Callable[..., Any] | None:
    """``window_density`` compiled, once numba's loops are loaded in this process (``kernels.loaded``: a
    batch large enough to pay numba's import has paid it), else None (``shape_density`` shape by shape)."""
    if kernels.loaded() is None:
        return None
    if not _KERNEL:
        _KERNEL.append(kernels.compile_loop(window_density))
    return _KERNEL[0]
