"""Checking an inventory without seeing it: the four PSI files, what they find and what they must not hold."""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from armstrace.cli import run
from armstrace.exceptions import ConflictError, InputError, PermissionDeniedError
from armstrace.serials import normalise, skeleton
from armstrace.sharing import psi_answer, psi_ask, psi_offer, psi_result
from armstrace.sharing.keys import slots
from armstrace.store import Workspace

REGISTRY = {"R1": "W1004340", "R2": "AK-556781", "R3": "ZB998877", "R4": "MX77123409", "R5": "F4410293"}
READINGS = {
    "X1": "w 100-4340",  # exact after normalising
    "X2": "2B998877",  # lookalike: Z read as 2 (same skeleton)
    "X3": "AK556T81",  # one substitution (7 -> T)
    "X4": "AK55678",  # one character lost
    "X5": "MX771234009",  # one character added
    "X6": "F4140293",  # two neighbours swapped
    "X7": "QQ123456",  # absent
    "X8": "W10?4340",  # partial reading: not asked
    "X9": "KP77311802",  # absent
}


def _csv(path: Path, head: str, rows: dict[str, str]) -> Path:
    path.write_text(head + "\n" + "".join(f"{k},{v}\n" for k, v in rows.items()), encoding="utf-8")
    return path


def _run_files(tmp_path: Path, near: bool, max_queries: int = 100) -> dict[str, str]:
    reg = _csv(tmp_path / "reg.csv", "record_id,serial", REGISTRY)
    rec = _csv(tmp_path / "rec.csv", "recovery_id,serial", READINGS)
    psi_offer(reg, tmp_path / "key.json", tmp_path / "offer", near=near, max_queries=max_queries)
    psi_ask(rec, tmp_path / "state.json", tmp_path / "ask", near=near)
    psi_answer(tmp_path / "key.json", tmp_path / "ask", tmp_path / "answer")
    psi_result(tmp_path / "offer", tmp_path / "answer", tmp_path / "state.json", tmp_path / "hits.csv")
    with (tmp_path / "hits.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all(r["serial"] == READINGS[r["recovery_id"]] for r in rows)
    return {r["recovery_id"]: r["hit"] for r in rows}


def test_exact_mode_finds_exact_and_lookalike_readings_only(tmp_path: Path) -> None:
    assert _run_files(tmp_path, near=False) == {"X1": "exact", "X2": "exact"}


def test_near_mode_adds_readings_one_edit_away(tmp_path: Path) -> None:
    hits = _run_files(tmp_path, near=True)
    assert hits == {"X1": "exact", "X2": "exact", "X3": "near", "X4": "near", "X5": "near", "X6": "near"}


def _forms(serial: str) -> list[bytes]:
    texts = {serial, normalise(serial), skeleton(normalise(serial))}
    texts |= {p + t for t in set(texts) for p in ("S", "D")}
    out: list[bytes] = []
    for t in texts:
        raw = t.encode()
        out += [raw, raw.lower()]
        for name in ("md5", "sha1", "sha256", "sha512", "blake2b", "sha3_256"):
            digest = hashlib.new(name, raw)
            out += [digest.digest(), digest.hexdigest().encode(), digest.hexdigest().upper().encode()]
    return out


@pytest.mark.parametrize("near", [False, True])
def test_files_exchanged_hold_no_serial_nor_its_plain_hash(tmp_path: Path, near: bool) -> None:
    _run_files(tmp_path, near=near)
    serials = [*REGISTRY.values(), *READINGS.values()]
    for name in ("offer", "ask", "answer"):
        data = (tmp_path / name).read_bytes()
        for serial in serials:
            leaked = [form for form in _forms(serial) if len(form) >= 6 and form in data]
            assert not leaked, f"{name} holds {serial} as {leaked[0]!r}"
    # the requester's own state does keep its readings (it never leaves the requester)
    assert "AK556T81" in (tmp_path / "state.json").read_text(encoding="utf-8")


def test_ask_reveals_only_the_number_of_readings(tmp_path: Path) -> None:
    short = _csv(tmp_path / "a.csv", "recovery_id,serial", {"A": "ABCDE", "B": "ABCDF"})
    long = _csv(tmp_path / "b.csv", "recovery_id,serial", {"A": "ABCDEFGHIJKLMN", "B": "AB12345678"})
    sizes = []
    for src in (short, long):
        s = psi_ask(src, tmp_path / "s.json", tmp_path / "ask", near=True)
        sizes.append((s.elements, s.bytes))
    assert sizes[0][0] == sizes[1][0] == 2 * slots(near=True)
    assert abs(sizes[0][1] - sizes[1][1]) < 40  # the header differs (ids, time), the elements do not


def test_holder_caps_and_logs_queries(tmp_path: Path) -> None:
    reg = _csv(tmp_path / "reg.csv", "record_id,serial", REGISTRY)
    rec = _csv(tmp_path / "rec.csv", "recovery_id,serial", READINGS)  # 8 readings asked
    key = tmp_path / "key.json"
    psi_offer(reg, key, tmp_path / "offer", max_queries=10)
    psi_ask(rec, tmp_path / "s1.json", tmp_path / "ask1")
    psi_answer(key, tmp_path / "ask1", tmp_path / "answer1")
    with pytest.raises(ConflictError, match="already answered"):
        psi_answer(key, tmp_path / "ask1", tmp_path / "answer1b")
    psi_ask(rec, tmp_path / "s2.json", tmp_path / "ask2")
    with pytest.raises(PermissionDeniedError, match="only 2 of the offer's 10 remain"):
        psi_answer(key, tmp_path / "ask2", tmp_path / "answer2")
    psi_ask(rec, tmp_path / "s3.json", tmp_path / "ask3", near=True)
    with pytest.raises(InputError, match="ask again without --near"):
        psi_answer(key, tmp_path / "ask3", tmp_path / "answer3")
    log = json.loads(key.read_text(encoding="utf-8"))["log"]
    assert [e["event"] for e in log] == ["offer", "answer", "refused", "refused", "refused"]
    assert [e.get("readings") for e in log[1:]] == [8, 8, 8, 8]
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    # a new offer rotates the key and the budget, keeps the log, and old answers no longer fit it
    psi_offer(reg, key, tmp_path / "offer2", max_queries=10)
    psi_answer(key, tmp_path / "ask2", tmp_path / "answer2")
    assert len(json.loads(key.read_text(encoding="utf-8"))["log"]) == 7
    with pytest.raises(InputError, match="another key"):
        psi_result(tmp_path / "offer2", tmp_path / "answer1", tmp_path / "s1.json", tmp_path / "h.csv")


def test_tampered_ask_is_refused(tmp_path: Path) -> None:
    reg = _csv(tmp_path / "reg.csv", "record_id,serial", REGISTRY)
    rec = _csv(tmp_path / "rec.csv", "recovery_id,serial", READINGS)
    psi_offer(reg, tmp_path / "key.json", tmp_path / "offer")
    psi_ask(rec, tmp_path / "s.json", tmp_path / "ask")
    data = (tmp_path / "ask").read_bytes().replace(b'"readings": 8', b'"readings": 2')
    (tmp_path / "ask").write_bytes(data)
    with pytest.raises(InputError, match="not 1 for each of its 2 readings"):
        psi_answer(tmp_path / "key.json", tmp_path / "ask", tmp_path / "answer")


def test_cli_file_form_and_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reg = _csv(tmp_path / "reg.csv", "record_id,serial", REGISTRY)
    rec = _csv(tmp_path / "rec.csv", "recovery_id,serial", READINGS)
    t = str(tmp_path)
    assert run(["psi", "offer", "--registry", str(reg), "--key", f"{t}/KEY", "--out", f"{t}/OFFER", "--near",
                "--max-queries", "50"]) == 0  # fmt: skip
    assert run(["psi", "ask", "--recoveries", str(rec), "--state", f"{t}/STATE", "--out", f"{t}/ASK", "--near"]) == 0
    assert run(["psi", "answer", "--key", f"{t}/KEY", "--ask", f"{t}/ASK", "--out", f"{t}/ANSWER"]) == 0
    assert run(["psi", "result", "--offer", f"{t}/OFFER", "--answer", f"{t}/ANSWER", "--state", f"{t}/STATE",
                "--out", f"{t}/HITS.csv", "--json"]) == 0  # fmt: skip
    head = (tmp_path / "HITS.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head == "recovery_id,serial,hit"
    capsys.readouterr()
    code = run(["psi", "answer", "--key", f"{t}/KEY", "--ask", f"{t}/missing", "--out", f"{t}/A2"])
    err = capsys.readouterr().err
    assert code == 2 and "ask file not found" in err and "Traceback" not in err
    code = run(["psi", "result", "--offer", str(reg), "--answer", f"{t}/ANSWER", "--state", f"{t}/STATE",
                "--out", f"{t}/H2.csv"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "not an armstrace PSI offer file" in err


def test_range_rows_are_offered_serial_by_serial(tmp_path: Path) -> None:
    reg = tmp_path / "reg.csv"
    reg.write_text("record_id,serial,serial_end\nRNG,W1005000,W1005099\nBIG,A0000000,A0999999\nR1,ZB998877,\n",
                   encoding="utf-8")  # fmt: skip
    rec = _csv(tmp_path / "rec.csv", "recovery_id,serial", {"X1": "W1005042", "X2": "W1005100", "X3": "A0000000",
                                                            "X4": "A0000001"})  # fmt: skip
    offer = psi_offer(reg, tmp_path / "key.json", tmp_path / "offer")
    assert offer.items == 100 + 1 + 1 and [r for r, _ in offer.skipped] == ["BIG"]
    psi_ask(rec, tmp_path / "state.json", tmp_path / "ask")
    psi_answer(tmp_path / "key.json", tmp_path / "ask", tmp_path / "answer")
    psi_result(tmp_path / "offer", tmp_path / "answer", tmp_path / "state.json", tmp_path / "hits.csv")
    hits = (tmp_path / "hits.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert hits == ["X1,W1005042,exact", "X3,A0000000,exact"]  # a range too large is offered by its start only


def test_psi_over_the_api_answers_partners_within_the_budget(tmp_path: Path, sqlite_workspace: Workspace) -> None:
    from armstrace.web import create_app

    from .webkit import TestClient, build_world

    world = build_world(sqlite_workspace)
    reg = _csv(tmp_path / "reg.csv", "record_id,serial", REGISTRY)
    rec = _csv(tmp_path / "rec.csv", "recovery_id,serial", READINGS)
    psi_offer(reg, tmp_path / "KEY", tmp_path / "OFFER", max_queries=10)
    settings = replace(sqlite_workspace.settings, agency="A", psi_key=tmp_path / "KEY", psi_offer=tmp_path / "OFFER")
    app = create_app(settings, workspace=sqlite_workspace)
    b = TestClient(app, headers={"authorization": f"Bearer {world.tokens['b_analyst']}"})
    offer = b.get("/api/v1/psi/offer")
    assert offer.status_code == 200 and offer.content == (tmp_path / "OFFER").read_bytes()
    (tmp_path / "got-offer").write_bytes(offer.content)
    psi_ask(rec, tmp_path / "STATE", tmp_path / "ASK")
    r = b.post("/api/v1/psi/answer", content=(tmp_path / "ASK").read_bytes(),
               headers={"content-type": "application/octet-stream"})  # fmt: skip
    assert r.status_code == 200
    (tmp_path / "ANSWER").write_bytes(r.content)
    psi_result(tmp_path / "got-offer", tmp_path / "ANSWER", tmp_path / "STATE", tmp_path / "HITS.csv")
    assert (tmp_path / "HITS.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "X1,w 100-4340,exact", "X2,2B998877,exact"]  # fmt: skip
    psi_ask(rec, tmp_path / "STATE2", tmp_path / "ASK2")
    r = b.post("/api/v1/psi/answer", content=(tmp_path / "ASK2").read_bytes())
    assert r.status_code == 403 and "only 2 of the offer's 10 remain" in r.json()["error"]["message"]
    log = json.loads((tmp_path / "KEY").read_text(encoding="utf-8"))["log"]
    assert [(e["event"], e.get("requester")) for e in log[1:]] == [("answer", "B"), ("refused", "B")]
    viewer = TestClient(app, headers={"authorization": f"Bearer {world.tokens['a_viewer']}"})
    assert viewer.post("/api/v1/psi/answer", content=b"x").status_code == 403
