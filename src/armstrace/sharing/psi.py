"""Checking an inventory without seeing it: private set intersection as four files (OpenMined's ECDH PSI).

    holder     offer   REG  -> OFFER (+ KEY, kept)     the inventory's skeletons, blinded and compressed
    requester  ask     REC  -> ASK   (+ STATE, kept)   the readings' skeletons, blinded by the requester
    holder     answer  ASK  -> ANSWER                  the readings blinded again, under the holder's cap
    requester  result  OFFER + ANSWER + STATE -> HITS.csv (recovery_id, serial, hit)

An element is hashed to the curve and raised to a private key, so OFFER, ASK and ANSWER hold only curve
points (or a Golomb-compressed set of their hashes): nothing a dictionary of serials can be run against
without a key that never leaves its owner. The holder learns how many readings were asked (every reading
is padded to the same number of elements); the requester learns which of its readings meet the
inventory, and the inventory's size. A dense serial series can be enumerated by asking, so the holder caps
the readings answered per offer (``--max-queries``) and logs every answer and refusal in its KEY file.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.compute as pc
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth import Actor
from armstrace.exceptions import ConflictError, InputError, PermissionDeniedError
from armstrace.linkage.keys import normalise_column, skeleton_column
from armstrace.linkage.matcher import REGISTRY_REQUIRED
from armstrace.linkage.range_rows import split_range
from armstrace.linkage.tables import read_table
from armstrace.linkage.xref import RECOVERY_REQUIRED
from armstrace.serials import normalise, skeleton

from .keys import DUMMY, EXACT, holder_elements, reading_elements, slots

__all__ = ["DEFAULT_MAX_QUERIES", "FALSE_POSITIVE_RATE", "HITS_COLUMNS", "MAX_RANGE", "PsiSummary", "check_asker",
           "psi_answer", "psi_ask", "psi_offer", "psi_result", "reading_keys", "record_served",
           "registry_keys"]  # fmt: skip

#: Readings a holder answers per offer unless it says otherwise.
DEFAULT_MAX_QUERIES = 10_000
#: Chance that a whole ask of --max-queries readings meets one element by accident (sizes the filter).
FALSE_POSITIVE_RATE = 1e-6
HITS_COLUMNS = ("recovery_id", "serial", "hit")
_MAGIC = b"armstrace-psi/1 "
#: Range rows up to this many serials are offered serial by serial (a consignment); larger ones by their start.
MAX_RANGE = 100_000
_WILDCARDS = frozenset("?*[]")
_Refusal = tuple[type[Exception], str]


@dataclass
class PsiSummary:
    """What one step did: counts for the user, sizes and seconds for the benchmark."""

    step: str
    out: str
    items: int = 0
    elements: int = 0
    bytes: int = 0
    seconds: float = 0.0
    hits: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "skipped": len(self.skipped)}


def _psi() -> Any:
    import private_set_intersection.python as psi

    return psi


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# -- files -------------------------------------------------------------------------------------------
def _write_message(path: Path, kind: str, header: dict[str, Any], payload: bytes) -> int:
    data = _MAGIC + kind.encode() + b"\n" + json.dumps(header, sort_keys=True).encode() + b"\n" + payload
    _check_dir(path)
    path.write_bytes(data)
    return len(data)


def _read_message(path: Path, kind: str) -> tuple[dict[str, Any], bytes]:
    if not path.is_file():
        raise InputError(f"{kind.lower()} file not found: {path}")
    data = path.read_bytes()
    first, _, rest = data.partition(b"\n")
    if first != _MAGIC + kind.encode():
        raise InputError(f"{path}: not an armstrace PSI {kind.lower()} file")
    head, _, payload = rest.partition(b"\n")
    try:
        header = json.loads(head)
    except ValueError as exc:
        raise InputError(f"{path}: damaged header ({exc})") from exc
    return header, payload


def _check_dir(path: Path) -> None:
    if not path.parent.exists():
        raise InputError(f"output directory does not exist: {path.parent}")


def _write_private(path: Path, content: dict[str, Any]) -> None:
    """A file only its owner may read (a key, or the requester's own readings), replaced atomically."""
    _check_dir(path)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(content, fh)
    os.replace(tmp, path)


def _read_private(path: Path, kind: str) -> dict[str, Any]:
    if not path.is_file():
        raise InputError(f"{kind} file not found: {path}")
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not an armstrace PSI {kind} file ({exc})") from exc
    if not isinstance(content, dict) or content.get("kind") != kind:
        raise InputError(f"{path}: not an armstrace PSI {kind} file")
    return content


# -- holder ------------------------------------------------------------------------------------------
def registry_keys(registry: str | Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Distinct skeletons of a registry file (read as ``armstrace xref`` reads it), every serial of its range
    rows (``serial`` … ``serial_end``) included, and the rows left out with the reason."""
    table = read_table(registry, REGISTRY_REQUIRED, "registry")
    normal = normalise_column(table.column("serial"))
    keys = skeleton_column(normal)
    out = set(pc.unique(keys).to_pylist())
    skipped = [("", "registry row without a serial")] * int(pc.sum(pc.equal(keys, "")).as_py() or 0)
    if "serial_end" in table.column_names:
        ends = normalise_column(table.column("serial_end"))
        has_end = pc.not_equal(ends, "")
        ids = table.column("record_id").filter(has_end).to_pylist()
        for rid, start, end in zip(ids, normal.filter(has_end).to_pylist(), ends.filter(has_end).to_pylist(),
                                   strict=True):  # fmt: skip
            parts = split_range(start, end)
            if parts is None or parts[2] - parts[1] >= MAX_RANGE:
                skipped.append((rid or "", f"range {start}..{end} offered by its first serial only"))
                continue
            prefix, lo, hi, width = parts
            out.update(skeleton(prefix + str(n).zfill(width)) for n in range(lo, hi + 1))
    out.discard("")
    return sorted(out), skipped


def psi_offer(
    registry: str | Path,
    key: str | Path,
    out: str | Path,
    *,
    near: bool = False,
    max_queries: int = DEFAULT_MAX_QUERIES,
) -> PsiSummary:
    """Blind the registry's skeletons under a new key (kept in KEY) and write OFFER for the requester.

    An existing KEY is rotated: a new key and budget, its log kept, so old answers cannot be joined to new.
    """
    if max_queries < 1:
        raise InputError("--max-queries must be at least 1")
    started = time.perf_counter()
    key_path, out_path = Path(key), Path(out)
    keys, skipped = registry_keys(registry)
    elements = list(dict.fromkeys(e for k in keys for e in holder_elements(k, near)))
    psi = _psi()
    server = psi.server.CreateWithNewKey(True)
    setup = server.CreateSetupMessage(FALSE_POSITIVE_RATE, max_queries * slots(near), elements)
    offer_id = secrets.token_hex(8)
    log = _read_private(key_path, "key").get("log", []) if key_path.exists() else []
    log.append({"at": _now(), "event": "offer", "offer_id": offer_id, "near": near, "max_queries": max_queries})
    _write_private(key_path, {
        "kind": "key", "key": base64.b64encode(server.GetPrivateKeyBytes()).decode(), "offer_id": offer_id,
        "near": near, "max_queries": max_queries, "log": log,
    })  # fmt: skip
    header = {"offer_id": offer_id, "near": near, "max_queries": max_queries, "created": _now()}
    size = _write_message(out_path, "OFFER", header, setup.SerializeToString())
    return PsiSummary("offer", str(out_path), len(keys), len(elements), size, time.perf_counter() - started,
                      skipped=skipped)  # fmt: skip


def psi_answer(key: str | Path, ask: str | Path, out: str | Path, *, requester: str | None = None) -> PsiSummary:
    """Blind an ask again under the holder's key, within the offer's budget; log the answer or refusal.

    ``requester`` is who asked when the server knows it (the authenticated agency); otherwise the ask's word."""
    started = time.perf_counter()
    key_path, out_path = Path(key), Path(out)
    held = _read_private(key_path, "key")
    header, payload = _read_message(Path(ask), "ASK")
    readings, near, ask_id = int(header.get("readings", -1)), bool(header.get("near")), str(header.get("ask_id"))
    psi = _psi()
    try:
        request = psi.Request.FromString(payload)
    except Exception as exc:  # the protobuf decoder raises its own DecodeError
        raise InputError(f"{ask}: damaged ask ({type(exc).__name__})") from exc
    answered = [e for e in held["log"] if e["event"] == "answer" and e.get("offer_id") == held["offer_id"]]
    used = sum(e["readings"] for e in answered)
    refusal: _Refusal | None = None
    if near != held["near"]:
        refusal = (
            InputError,
            f"the ask is {'near' if near else 'exact'} but the offer is "
            f"{'near' if held['near'] else 'exact'}: ask again with{'' if held['near'] else 'out'} --near",
        )
    elif readings < 0 or len(request.encrypted_elements) != readings * slots(near):
        refusal = (
            InputError,
            f"{ask}: the ask holds {len(request.encrypted_elements)} elements, not "
            f"{slots(near)} for each of its {readings} readings",
        )
    elif any(e.get("ask_id") == ask_id for e in answered):
        refusal = (ConflictError, f"ask {ask_id} was already answered")
    elif used + readings > held["max_queries"]:
        refusal = (
            PermissionDeniedError,
            f"the ask has {readings} readings but only {held['max_queries'] - used}"
            f" of the offer's {held['max_queries']} remain; make a new offer to reset the budget",
        )
    entry = {"at": _now(), "offer_id": held["offer_id"], "ask_id": ask_id, "readings": readings,
             "requester": requester or str(header.get("requester") or "")}  # fmt: skip
    if refusal is not None:
        held["log"].append({**entry, "event": "refused", "reason": refusal[1]})
        _write_private(key_path, held)
        raise refusal[0](refusal[1])
    server = psi.server.CreateFromKey(base64.b64decode(held["key"]), True)
    response = server.ProcessRequest(request)
    held["log"].append({**entry, "event": "answer"})
    _write_private(key_path, held)
    answer_header = {"offer_id": held["offer_id"], "ask_id": ask_id, "readings": readings}
    size = _write_message(out_path, "ANSWER", answer_header, response.SerializeToString())
    return PsiSummary("answer", str(out_path), readings, len(request.encrypted_elements), size,
                      time.perf_counter() - started)  # fmt: skip


def check_asker(actor: Actor) -> None:
    """A partner asking this server over HTTP must be an analyst or above (viewers only read)."""
    if not actor.at_least("analyst"):
        raise PermissionDeniedError(f"your role ({actor.role}) may not ask for a private set intersection")


def record_served(session: Session, actor: Actor, step: str, readings: int | None = None) -> None:
    """Audit what this server handed a partner over HTTP (``psi.offer``, ``psi.answer``) in the partner's log."""
    detail = None if readings is None else {"readings": readings}
    audit.record(session, actor=actor.username, action=f"psi.{step}", agency_id=actor.agency_id, detail=detail)


# -- requester ---------------------------------------------------------------------------------------
def reading_keys(recoveries: str | Path) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(recovery_id, serial as read, skeleton) of a recoveries file read as ``armstrace xref`` reads it,
    and the rows that cannot be asked privately with the reason."""
    table = read_table(recoveries, RECOVERY_REQUIRED, "recoveries")
    rows, skipped = [], []
    for rid, serial in zip(table.column("recovery_id").to_pylist(), table.column("serial").to_pylist(), strict=True):
        rid, serial = rid or "", serial or ""
        if _WILDCARDS & set(serial):
            skipped.append((rid, "a partial reading (?, *, [..]) cannot be asked privately; use a trace request"))
        elif not (key := skeleton(normalise(serial))):
            skipped.append((rid, "no serial"))
        else:
            rows.append((rid, serial, key))
    return rows, skipped


def psi_ask(
    recoveries: str | Path, state: str | Path, out: str | Path, *, near: bool = False, requester: str = ""
) -> PsiSummary:
    """Blind the readings' skeletons under a new requester key (kept in STATE) and write ASK."""
    started = time.perf_counter()
    rows, skipped = reading_keys(recoveries)
    if not rows:
        raise InputError(f"{recoveries}: no reading to ask")
    elements, owner, kinds = [], [], []
    for i, (_rid, _serial, key) in enumerate(rows):
        for element, kind in reading_elements(key, near):
            elements.append(element)
            owner.append(i)
            kinds.append(kind)
    psi = _psi()
    client = psi.client.CreateWithNewKey(True)
    request = client.CreateRequest(elements)
    ask_id = secrets.token_hex(8)
    _write_private(Path(state), {
        "kind": "state", "key": base64.b64encode(client.GetPrivateKeyBytes()).decode(), "ask_id": ask_id,
        "near": near, "rows": [[r, s] for r, s, _ in rows], "owner": owner, "kinds": kinds,
    })  # fmt: skip
    header = {"ask_id": ask_id, "near": near, "readings": len(rows), "requester": requester, "created": _now()}
    size = _write_message(Path(out), "ASK", header, request.SerializeToString())
    return PsiSummary("ask", str(out), len(rows), len(elements), size, time.perf_counter() - started,
                      skipped=skipped)  # fmt: skip


def psi_result(offer: str | Path, answer: str | Path, state: str | Path, out: str | Path) -> PsiSummary:
    """Unblind the answer, meet it with the offer and write HITS.csv (exact: same skeleton; near: one edit)."""
    started = time.perf_counter()
    mine = _read_private(Path(state), "state")
    offer_header, offer_payload = _read_message(Path(offer), "OFFER")
    answer_header, answer_payload = _read_message(Path(answer), "ANSWER")
    if answer_header.get("ask_id") != mine["ask_id"]:
        raise InputError(f"{answer}: answers another ask than the one in {state}")
    if answer_header.get("offer_id") != offer_header.get("offer_id"):
        raise InputError(f"{answer}: made with another key than {offer} (the holder has made a new offer)")
    psi = _psi()
    client = psi.client.CreateFromKey(base64.b64decode(mine["key"]), True)
    try:
        setup = psi.ServerSetup.FromString(offer_payload)
        response = psi.Response.FromString(answer_payload)
    except Exception as exc:  # the protobuf decoder raises its own DecodeError
        raise InputError(f"damaged offer or answer ({type(exc).__name__})") from exc
    found = np.asarray(client.GetIntersection(setup, response), dtype=np.int64)
    owner, kinds = np.asarray(mine["owner"]), np.asarray(mine["kinds"])
    best: dict[int, str] = {}
    for i in found.tolist():
        if kinds[i] == DUMMY:
            continue
        hit = "exact" if kinds[i] == EXACT else "near"
        if best.get(int(owner[i])) != "exact":
            best[int(owner[i])] = hit
    _check_dir(Path(out))
    with Path(out).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HITS_COLUMNS)
        for i in sorted(best):
            rid, serial = mine["rows"][i]
            writer.writerow([rid, serial, best[i]])
    counts = {"exact": sum(v == "exact" for v in best.values()), "near": sum(v == "near" for v in best.values())}
    return PsiSummary("result", str(out), len(mine["rows"]), len(found), Path(out).stat().st_size,
                      time.perf_counter() - started, hits=counts)  # fmt: skip
