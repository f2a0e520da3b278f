"""Descriptive evidence: manufacturer, model, calibre, weapon type, country and year.

``standardise(field, value)`` speaks identification's vocabulary: a maker, model, calibre or country that
the reference tables know becomes its canonical name (``identify.canonical``: "COLT'S MFG CO" → Colt,
9 mm Luger = 9x19mm Parabellum), so a description identified from a marking and one typed in a registry
meet on the same words; other values get a simple normalisation (case, punctuation, company suffixes, "mm").
The registry side is encoded once per column (a dictionary of distinct standardised values and an int32
code per record), so comparing a candidate costs two array lookups, and the frequency of each value is its
u-probability.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from armstrace.identify.vocabulary import FIELDS as _CANONICAL
from armstrace.identify.vocabulary import canonical, fingerprint
from armstrace.reference import Manufacturer, load_reference

__all__ = [
    "LOG_PARTIAL_MAX",
    "FieldCodes",
    "agreement_u",
    "compare",
    "maker_group",
    "maker_set",
    "prime",
    "standardise",
]

_COMPANY = re.compile(
    r"\b(?:MFG|MANUFACTURING|CO|COMPANY|CORP|CORPORATION|INC|LTD|LIMITED|LLC|GMBH|AG|SA|SPA|AB|AS|PLC|"
    r"ARMS|FIREARMS|INDUSTRIES|WORKS|FACTORY|PLANT|JSC|OJSC|NV|KG|AND|&)\b"
)
_PUNCT = re.compile(r"[^0-9A-Z.X ]+")
_SPACES = re.compile(r"\s+")


_PRIMING = threading.Lock()


def prime() -> None:
    """Load what standardising and comparing values reads (the reference tables, their fingerprint, the maker
    phrases and groups) now: in a thread beside a registry file's read (``files.xref_files``), and before a
    batch's workers fork, which then inherit them instead of each working them out. Under a lock, which
    ``FieldCodes.build`` waits for rather than work the same tables out a second time beside it."""
    with _PRIMING:
        fingerprint(load_reference())
        _ambiguous_phrases()
        _calibre_by_key()
        _model_by_key()
        _maker_by_spelling()
        _model_families()
        _maker_groups()
        _maker_sets()


@lru_cache(maxsize=200_000)
def standardise(field: str, value: str | None) -> str | None:
    """The comparison form of a descriptive value, or None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    if not text or text.upper() in ("NA", "N/A", "NONE", "NULL", "UNKNOWN", "-", "?"):
        return None
    if field == "manufacturer" and _phrase_key(text) in _ambiguous_phrases():
        pass  # a name two makers answer to (IZh, MIC) stays as written: ``maker_set`` knows whom it names
    elif field in _CANONICAL:
        named = canonical(field, text)
        if not named and field == "calibre":
            named = _calibre_by_key().get(_calibre_key(text))
        elif not named and field == "model":
            named = _model_by_key().get(_WORDS.sub("", text.upper()))
        elif not named and field == "manufacturer":
            named = _maker_by_spelling().get(_spelling(field, text) or "")
        if named:
            text = named
    return _spelling(field, text)


def _spelling(field: str, text: str) -> str | None:
    """The comparison form of a value as written (case, punctuation, company suffixes, "mm")."""
    # accents folded, not dropped: "Uzina Mecanică Cugir" read "UZINA MECANIC CUGIR"
    up = _fold(text).upper().replace("'S ", " ").replace("’S ", " ")
    if field == "year":
        m = re.search(r"\d{4}", up)
        return m.group(0) if m else None
    if field == "country":
        return up[:2] if len(up) >= 2 else None
    if field == "manufacturer":
        up = _COMPANY.sub(" ", _PUNCT.sub(" ", up).replace(".", " "))
    elif field == "calibre":
        up = up.replace("MM", "").replace(" X ", "X").replace("×", "X")
        up = re.sub(r"[^0-9A-Z.X]+", "", up)
    else:
        up = _PUNCT.sub(" ", up)
    up = _SPACES.sub(" ", up).strip()
    if field in ("model", "weapon_type"):
        up = up.replace(" ", "").replace("-", "")
    return up or None


def _calibre_key(text: str) -> str:
    """A calibre with its spelling taken out: no "mm", "cal", dots, commas or spaces (762X39 = 7,62 x 39 mm)."""
    up = text.upper().replace("×", "X").replace("CALIBRE", "").replace("CALIBER", "").replace("CAL", "")
    return re.sub(r"[^0-9A-Z]+", "", up.replace("MM", ""))


@lru_cache(maxsize=1)
def _calibre_by_key() -> dict[str, str]:
    """Every calibre name and alias of the reference, by ``_calibre_key``: what identification's phrase
    lookup misses when a field report drops the dot ("762X39") or the "mm" ("9 PARABELLUM"). A key two
    calibres share (".38" of .38 Special and .380 ACP would not, "9" might) names neither."""
    found: dict[str, set[str]] = {}
    for cal in load_reference().calibres:
        for spelling in (cal.calibre, *cal.aliases):
            key = _calibre_key(spelling)
            if key:
                found.setdefault(key, set()).add(cal.calibre)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


_WORDS = re.compile(r"[^0-9A-Z]+")
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def _model_by_key() -> dict[str, str]:
    """Every model name and alias of the reference by its letters and digits alone: what identification's
    phrase lookup misses when a report drops a hyphen or a space ("MP5T" for MP5-T). A key two models share
    names neither; a key under three characters is too short to name one."""
    found: dict[str, set[str]] = {}
    for row in load_reference().models:
        for spelling in (row.model, *row.aliases):
            key = _WORDS.sub("", spelling.upper())
            if len(key) >= 3:
                found.setdefault(key, set()).add(row.model)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


@lru_cache(maxsize=1)
def _maker_by_spelling() -> dict[str, str]:
    """Every maker name, alias and variant of the reference by its comparison spelling (company words such as
    CORP, CO, LTD taken out): what the phrase lookup misses when a report shortens a company word ("Mechanical
    and Chemical Industry Corp" for MKE's "... Corporation"). A spelling two makers share names neither."""
    found: dict[str, set[str]] = {}
    for row in load_reference().manufacturers:
        for spelling in (row.name, *row.aliases, *row.variants):
            key = _spelling("manufacturer", spelling)
            if key and len(key) >= 4:
                found.setdefault(key, set()).add(row.name)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


@lru_cache(maxsize=1)
def _model_families() -> dict[str, str]:
    """Standardised model → its family in the reference (AK-47, Type 56, AKM, Zastava M70: AK-pattern; FN FAL
    and L1A1: FAL): models of one family agree in part. How much that weighs follows from the share of the
    registry in the family (``agreement_u``), so a wide family weighs little."""
    out: dict[str, str] = {}
    for row in load_reference().models:
        std = _spelling("model", row.model) if row.family else None
        if std:
            out.setdefault(std, row.family)
    return out


@lru_cache(maxsize=1)
def _maker_groups() -> dict[str, str]:
    """Standardised maker → the standardised maker whose name it trades under, from the reference: a
    maker one of whose aliases names another maker ("Norinco Factory 66": State Factory 66 exports
    through Norinco; "FN Herstal USA": FN America). Read once from ``reference/manufacturers.csv``."""
    rows = load_reference().manufacturers
    by_words: dict[str, list[int]] = {}  # a name's words one space apart ("NORINCO FACTORY 66") → its rows
    for i, m in enumerate(rows):
        name = _WORDS.sub(" ", m.name.upper()).strip()
        if len(name) >= 4:
            by_words.setdefault(name, []).append(i)
    out: dict[str, str] = {}
    for i, m in enumerate(rows):
        for alias in m.aliases:
            # a name is in an alias exactly when it is one of the alias's runs of whole words: each run is one
            # look-up, instead of a test of every maker's name; the makers named are taken in the table's order
            words = _WORDS.sub(" ", alias.upper()).strip().split(" ")
            runs = (" ".join(words[s:e]) for s in range(len(words)) for e in range(s + 1, len(words) + 1))
            for j in sorted({j for run in runs for j in by_words.get(run, ()) if j != i}):
                a, b = standardise("manufacturer", m.name), standardise("manufacturer", rows[j].name)
                if a and b and a != b:
                    out.setdefault(a, b)
    return out


def _phrase_key(text: str) -> str:
    """A maker phrase or place with its spelling taken out: accents, case, spaces and punctuation."""
    return _NOT_WORD.sub("", _fold(text).upper())


def _fold(text: str) -> str:
    """``text`` with its accents folded ("Mecanică" → "Mecanica"); ASCII, which has none, as it is."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _ambiguous_phrases() -> dict[str, tuple[str, frozenset[str]]]:
    """Phrase key → (the phrase, the reference's maker ids it names) for a name or a place that names more
    than one maker: an alias or variant two rows share (``IZh``, the prefix both Izhevsk plants used;
    ``MIC``, Saudi and Sudanese Military Industries), or a place where several makers are (Hartford Conn,
    Izhevsk), a maker being there when the place is one of its locations or its name or a variant begins with
    the place (Izhevsk Mechanical Plant). A maker's own name is never ambiguous: it names that maker; nor
    is a phrase whose makers are written alike once standardised."""
    rows = load_reference().manufacturers
    spelling = {m.manufacturer_id: _spelling("manufacturer", m.name) for m in rows}  # = standardise(m.name)
    own = set(spelling.values())
    named: dict[str, tuple[str, set[str]]] = {}
    for m in rows:
        for phrase in (m.name, *m.variants, *m.aliases):
            if key := _phrase_key(phrase):
                named.setdefault(key, (phrase, set()))[1].add(m.manufacturer_id)
    places: dict[str, tuple[str, set[str]]] = {}
    for m in rows:
        for place in m.locations:
            if (key := _phrase_key(place)) and key not in named:
                places.setdefault(key, (place, set()))[1].add(m.manufacturer_id)
    leading = _leading_words(rows)
    for phrase, ids in places.values():
        words = " " + _WORDS.sub(" ", phrase.upper()).strip() + " "
        if len(words) > 5:  # a maker named after its town: IZHEVSK MECHANICAL PLANT
            ids.update(leading.get(words, ()))
    return {
        key: (phrase, frozenset(ids))
        for key, (phrase, ids) in (named | places).items()
        if len({spelling[i] for i in ids}) > 1 and _spelling("manufacturer", phrase) not in own
    }


def _leading_words(rows: Sequence[Manufacturer]) -> dict[str, set[str]]:
    """Maker ids by every leading run of words of their name or a variant, spaced as " IZHEVSK MECHANICAL ":
    a name begins with a place's words (" IZHEVSK ") exactly when one of its leading runs is them, so each
    place costs one look-up instead of a test of every maker's every name."""
    out: dict[str, set[str]] = {}
    for m in rows:
        for name in (m.name, *m.variants):
            tokens = _WORDS.sub(" ", name.upper()).strip().split(" ")
            for k in range(1, len(tokens) + 1):
                out.setdefault(" " + " ".join(tokens[:k]) + " ", set()).add(m.manufacturer_id)
    return out


@lru_cache(maxsize=1)
def _maker_sets() -> dict[str, frozenset[str]]:
    """Standardised ambiguous maker name → the standardised makers it may be (``_ambiguous_phrases``)."""
    rows = {m.manufacturer_id: m.name for m in load_reference().manufacturers}
    out: dict[str, frozenset[str]] = {}
    for phrase, ids in _ambiguous_phrases().values():
        value = standardise("manufacturer", phrase)
        makers = frozenset(s for i in ids if (s := standardise("manufacturer", rows[i])))
        if value:
            out[value] = out.get(value, frozenset()) | makers
    return out


def maker_set(value: str) -> frozenset[str] | None:
    """The standardised makers an ambiguous standardised maker name may be (IZH: both Izhevsk plants), or
    None when the name is not ambiguous."""
    return _maker_sets().get(value)


def maker_group(value: str) -> str | None:
    """The maker a standardised maker trades under (``_maker_groups``), or None."""
    return _maker_groups().get(value)


def _with_groups(makers: frozenset[str] | set[str]) -> set[str]:
    return set(makers) | {g for m in makers if (g := maker_group(m)) is not None}


@dataclass
class FieldCodes:
    """One registry column, standardised and dictionary-encoded."""

    field: str
    codes: np.ndarray  # int32 per record, -1 where empty
    values: list[str]  # standardised value of each code
    counts: np.ndarray  # records per code
    present: int  # records with a value

    @classmethod
    def build(cls, field: str, column: pa.ChunkedArray | pa.Array) -> FieldCodes:
        # an empty value (null) is encoded as a value of its own: standardised, it is None, as "" is
        with _PRIMING:  # a thread priming (``prime``) ends first
            pass
        encoded = pc.dictionary_encode(column.cast(pa.string()), null_encoding="encode")
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.combine_chunks()
        raw_values = encoded.dictionary.to_pylist()
        std = [standardise(field, v) for v in raw_values]
        values = sorted({s for s in std if s is not None})
        lookup = {v: i for i, v in enumerate(values)}
        remap = np.array([lookup[s] if s is not None else -1 for s in std] + [-1], dtype=np.int32)
        codes = remap[encoded.indices.to_numpy(zero_copy_only=False)]
        counts = np.bincount(codes + 1, minlength=len(values) + 1)[1:]  # -1 (no value) counted apart
        return cls(field, codes, values, counts, int(counts.sum()))

    def u(self, value: str) -> float:
        """Frequency of a standardised value among records that have one (smoothed)."""
        i = self._index.get(value)
        count = self.counts[i] if i is not None else 0
        return (count + 0.5) / (self.present + 0.5 * (len(self.values) + 1))

    def index_of(self, value: str) -> int | None:
        """The code of a standardised value, or None when no record has it."""
        return self._index.get(value)

    @property
    def _index(self) -> dict[str, int]:
        cached = getattr(self, "_cache", None)
        if cached is None:
            cached = {v: i for i, v in enumerate(self.values)}
            self._cache = cached
        return cached


def compare(field: str, observed: str, expected: str | None) -> str:
    """Agreement level of two standardised values: agree, partial, disagree or missing."""
    if expected is None:
        return "missing"
    if observed == expected:
        return "agree"
    if field == "manufacturer":
        group_o, group_e = maker_group(observed), maker_group(expected)
        if group_o == expected or group_e == observed:
            return "agree"  # a state factory and the group it exports through: one maker, named two ways
        if group_o is not None and group_o == group_e:
            return "partial"  # two factories of one group
        set_o, set_e = maker_set(observed), maker_set(expected)
        if set_o is not None or set_e is not None:
            # a name two makers answer to (IZH, MIC, Hartford Conn) is either of them, in part: partial
            # when the makers it may be meet, directly or through the group a maker trades under
            either_o, either_e = _with_groups(set_o or {observed}), _with_groups(set_e or {expected})
            return "partial" if either_o & either_e else "disagree"
    if field == "model" and (family := _model_families().get(observed)) and family == _model_families().get(expected):
        return "partial"  # two models of one family: a variant, a licence or a copy of one design
    if field == "year":
        try:
            return "partial" if abs(int(observed) - int(expected)) <= 1 else "disagree"
        except ValueError:
            return "disagree"
    if (
        field in ("model", "calibre", "manufacturer")
        and min(len(observed), len(expected)) >= 2
        and (observed in expected or expected in observed)
    ):
        return "partial"
    return "disagree"


#: Most a partial agreement (M4 ~ M4A1, COLT HARTFORD CONN ~ COLT) may weigh, whatever its u: nothing measures
#: how often a partial agreement of one weapon's records is a true one; 10 is a documented bound. A partial
#: agreement never weighs more than a full agreement of the same reading would (``log_lr``).
LOG_PARTIAL_MAX = math.log(10.0)


def agreement_u(codes: FieldCodes, observed: str) -> tuple[float, float]:
    """u of an agreement and of a partial agreement with the value as read: the share of the registry's records
    (with a value) whose value agrees with it (its aliases and its maker's group included), and the share that
    agree in part, smoothed as ``FieldCodes.u``. A likelihood ratio divides by how often a record that is not
    the weapon would agree; the read spelling's own frequency is not that ("Factory 66", in no record, agreed
    with Norinco's tenth of a registry at 350,000 : 1)."""
    levels = level_codes(codes, observed)[:-1]
    denominator = codes.present + 0.5 * (len(codes.values) + 1)
    agree = float(codes.counts[levels == _LEVEL_CODE["agree"]].sum())
    partial = float(codes.counts[levels == _LEVEL_CODE["partial"]].sum())
    return (agree + 0.5) / denominator, (partial + 0.5) / denominator


def log_lr(level: str, m: float, u: float, u_partial: float) -> float:
    """Natural-log likelihood ratio of one field's agreement level (Fellegi–Sunter; ``u``, ``u_partial``: the
    shares of the registry that agree and that agree in part, ``agreement_u``)."""
    if level == "agree":
        return math.log((m + (1.0 - m) * u) / u)
    if level == "partial":
        partial = math.log((0.3 * m + (1.0 - m) * u_partial) / u_partial)
        return min(partial, log_lr("agree", m, u, u_partial), LOG_PARTIAL_MAX)
    if level == "disagree":
        return math.log(1.0 - m)
    return 0.0


_LEVEL_CODE = {"missing": 0, "agree": 1, "partial": 2, "disagree": 3}
LEVELS = ("missing", "agree", "partial", "disagree")


def level_codes(codes: FieldCodes, observed: str) -> np.ndarray:
    """Agreement level (0 missing, 1 agree, 2 partial, 3 disagree) of ``observed`` with every value of
    the column's dictionary, plus a last entry (index -1) for records without a value. Cached per value."""
    cache: dict[str, np.ndarray] | None = getattr(codes, "_levels", None)
    if cache is None:
        cache = {}
        codes._levels = cache  # type: ignore[attr-defined]
    out = cache.get(observed)
    if out is None:
        out = np.array([_LEVEL_CODE[compare(codes.field, observed, v)] for v in codes.values] + [0], dtype=np.int8)
        if len(cache) < 10_000:
            cache[observed] = out
    return out


def log_lr_levels(levels: np.ndarray, m: float, u: float, u_partial: float) -> np.ndarray:
    """``log_lr`` over an array of level codes; a missing value borrows the candidates' mean ratio.

    A record without the value is most like its serial neighbours (one consignment shares a make, a
    model, often a year): so its likelihood ratio is the average over the candidates that have one,
    and a record must not win over an exactly read neighbour merely because its year is blank.
    """
    table = np.array([0.0, *(log_lr(lv, m, u, u_partial) for lv in LEVELS[1:])], dtype=np.float64)
    out: np.ndarray = table[levels]
    missing = levels == 0
    if missing.any() and not missing.all():
        out[missing] = math.log(float(np.exp(out[~missing]).mean()))
    return out
