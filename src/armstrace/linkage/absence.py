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
* near miss: a registry serial with one digit changed (another lot, a re-used number), read
  correctly: the density at the best candidate, for a free literal reading one digit from a registry
  serial (the best candidate or, when that differs otherwise, e.g. by a swap, the densest one). Any
  other difference (a transposition, an extra or missing character, a letter) needs a misread on top
  of the near miss, far less likely than the same misread of the registry serial itself.

Readings with ``*`` have neither (their candidates are exact pattern matches).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from armstrace.serials import ANY, Element, Query, skeleton

from .density import Density
from .index import SerialIndex
from .keys import decode_codes, skeleton_elements
from .ranges import RangeIndex
from .scoring import Background, ScoringModel

__all__ = ["MAX_FILLS", "Absence", "Ask", "Looked", "absent_weight", "lookup_serials"]

MAX_FILLS = 1024  # most serials a wildcard reading is expanded into for the neighbour sum
_DIGITS = "0123456789"

Looked = tuple[list[str] | None, np.ndarray, np.ndarray]  # serials, whether each is registered, density at each
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
                # a near miss is a registry serial with one digit changed, read correctly: only a reading one
                # digit from a registry serial can be one (anything else needs a misread on top of it); the
                # density is the best candidate's, or the densest such registry serial's when it is not one
                miss = 0.0
                if not taken and registered[1:].any():
                    if _one_digit_apart(skel, best):
                        later.append((k, best, correct, True))
                    else:
                        miss = float(at[1:][registered[1:]].max())
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

    def registered(self, skels: list[str]) -> np.ndarray:
        """Whether each skeleton is a registry serial (a single record's, or inside a range record)."""
        found = self.index.contains(skels)
        if self.ranges.groups:
            found |= self.ranges.holds(skels)
        return found


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
