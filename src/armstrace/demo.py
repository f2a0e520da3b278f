"""The worked case: a synthetic Jaffar Express investigation, from recovered rifles to the report.

Two agencies share one workspace, as they would on an agency server:

* ``PK-CTD`` — the investigators who recovered the weapons (synthetic stand-in for a counter-terrorism
  department in Balochistan). They record the incident and the recovered items, match the serials against
  the registry the supplying state shares, and send trace requests.
* ``US-NTC`` — the supplying state's tracing desk (synthetic). It shares its registry of serials with
  partners, keeps its transfer records private, and answers trace requests with the custody chain.

Every record the demo writes is synthetic and every report says so on every page.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from armstrace import analysis, attachments, auth, records, tracing
from armstrace.ammunition import lots_across_incidents, match_recovered_lot, record_ammunition
from armstrace.analysis import custody_chain
from armstrace.exceptions import InputError
from armstrace.explosives import KIND, match_recovered_component, record_component
from armstrace.ingest import import_file
from armstrace.linkage.workspace import xref_workspace
from armstrace.model import Agency, Incident, Match, Recovery, Source, Transfer, User
from armstrace.records import add_incident
from armstrace.report import incident_report, overview_report
from armstrace.settings import Settings, database_url
from armstrace.store import Workspace
from armstrace.sync import sync
from armstrace.synth import generate
from armstrace.synth.components import RECOVERED, SUPPLY
from armstrace.synth.drawings import marking_drawing
from armstrace.tracing.lifecycle import actor_for
from armstrace.web import create_app
from armstrace.web.loopback import served

__all__ = ["DemoResult", "run_demo", "sync_field_laptop"]

INVESTIGATORS = ("PK-CTD", "Counter-Terrorism Department, Balochistan (synthetic)", "PK")
SUPPLIER = ("US-NTC", "Supplying state's tracing desk (synthetic)", "US")
CASE = "JE25"  # the Jaffar Express incident in the synthetic scenario
REGISTRY_SOURCE = "US-supplied weapons to Afghan forces 2002-2021 (synthetic)"
TRANSFERS_SOURCE = "Transfer records of US-supplied weapons 2002-2021 (synthetic)"

Step = Callable[[str], None]


@dataclass
class DemoResult:
    out_dir: Path
    database: Path
    reports: list[Path] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def run_demo(
    out_dir: str | Path = "armstrace-demo", *, items: int = 20_000, seed: int = 2025, step: Step | None = None
) -> DemoResult:
    """Build a fresh workspace in ``out_dir`` from the synthetic scenario and run the investigation."""
    say = step or (lambda _message: None)
    started = time.perf_counter()
    out = Path(out_dir)
    if items < 1000:
        raise InputError("--items must be at least 1000 for the scenario to hold its incidents")
    scenario_dir, db_path = out / "scenario", out / "armstrace.db"
    if out.exists():
        shutil.rmtree(scenario_dir, ignore_errors=True)
        for path in out.glob("armstrace.db*"):
            path.unlink()
    out.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out, db_path)

    say(f"writing the synthetic scenario ({items:,} registry items)")
    generate(scenario_dir, items=items, seed=seed)

    base = Settings(database_url=database_url(db_path), agency=INVESTIGATORS[0], user="demo")
    pk = Workspace.create(base, agency_name=INVESTIGATORS[1])
    us = Workspace.create(replace(base, agency=SUPPLIER[0], user="demo-tracing-desk"), agency_name=SUPPLIER[1])
    _set_countries(pk)
    try:
        _import(pk, us, scenario_dir, say, result)
        _match(pk, say, result)
        _trace(pk, us, say, result)
        _photograph(pk, say, result)
        _ammunition(pk, us, say, result)
        _explosives(pk, say, result)
        say("syncing a field laptop's workspace to the agency server on loopback (twice: the second changes nothing)")
        result.figures["sync"] = sync_field_laptop(pk, out / "field-laptop.db")
        _analyse(pk, say, result)
        _report(pk, out, say, result)
    finally:
        pk.close()
        us.close()
    result.seconds = time.perf_counter() - started
    return result


def _set_countries(ws: Workspace) -> None:

    with ws.session() as s:
        for code, _name, country in (INVESTIGATORS, SUPPLIER):
            agency = s.scalar(select(Agency).where(Agency.code == code))
            if agency is not None:
                agency.country = country
                agency.kind = "tracing_desk" if code == SUPPLIER[0] else "law_enforcement"


def _import(pk: Workspace, us: Workspace, scenario: Path, say: Step, result: DemoResult) -> None:

    quarantine = scenario / "quarantine"
    say("importing the supplying state's registry (shared with partners) and transfers (kept private)")
    reg = import_file(us, "registry", scenario / "registry.csv", source=REGISTRY_SOURCE, visibility="public",
                      provenance="armstrace synth: shaped by SIGAR 14-84 and DoD figures; not real records",
                      quarantine=quarantine / "registry.csv")  # fmt: skip
    tr = import_file(us, "transfers", scenario / "transfers.csv", source=TRANSFERS_SOURCE,
                     quarantine=quarantine / "transfers.csv")  # fmt: skip
    say("recording the incidents and the recovered weapons (markings identified on import)")
    inc = import_file(pk, "incidents", scenario / "incidents.csv", quarantine=quarantine / "incidents.csv")
    rec = import_file(pk, "recoveries", scenario / "recoveries.csv", quarantine=quarantine / "recoveries.csv")
    result.figures["imported"] = {
        "registry": reg.inserted, "transfers": tr.inserted, "incidents": inc.inserted, "recoveries": rec.inserted,
        "quarantined": reg.quarantined + tr.quarantined + inc.quarantined + rec.quarantined,
    }  # fmt: skip


def _match(pk: Workspace, say: Step, result: DemoResult) -> None:

    say("matching every recovered serial against the registry")
    summary = xref_workspace(pk)
    result.figures["matching"] = summary


def _trace(pk: Workspace, us: Workspace, say: Step, result: DemoResult) -> None:

    with pk.session() as s:
        rows = s.execute(
            select(Recovery.recovery_code, Match.probability)
            .join(Incident, Incident.id == Recovery.incident_id)
            .join(Match, Match.recovery_id == Recovery.id)
            .where(Incident.code == CASE, Match.rank == 1, Match.probability >= 0.5)
            .order_by(Recovery.recovery_code)
        ).all()
    codes = [code for code, _p in rows]
    if not codes:
        say("no recovered weapon of the case matched the registry: no trace request to send")
        return
    say(f"sending a trace request for {len(codes)} matched weapon(s) of the Jaffar Express case to {SUPPLIER[0]}")
    request = tracing.create_from_recoveries(
        pk, codes, to=SUPPLIER[0], priority="urgent",
        priority_reason="weapons used in a terrorist attack on a passenger train; suspects at large",
        illicit_reason="recovered from attackers after the attack; no lawful possession",
        intended_use="criminal investigation and prosecution; report to the UN monitoring team",
    )  # fmt: skip
    reference = request.reference
    tracing.send(pk, reference)
    say("the tracing desk acknowledges and answers from its transfer records")
    tracing.acknowledge(us, reference)
    answers = []
    view = tracing.get(us, reference)
    for item in view.items:
        description = item.description or {}
        key = str(description.get("key"))
        matches = description.get("registry_matches") or []
        if not matches:
            answers.append(tracing.ItemAnswer(key, [], None, False, note="no record of this serial"))
            continue
        # the desk looks the record up in its own books; inside a range record, the weapon with the serial read
        chain = custody_chain(us, matches[0]["record_id"], kind="item", serial=description.get("serial_read"))
        answers.append(_desk_answer(key, chain))
    tracing.answer(us, reference, items=answers,
                   text="Synthetic answer: custody from the supplying state's transfer records.")  # fmt: skip
    result.figures["trace_request"] = {"reference": reference, "items": len(codes)}


def _desk_answer(key: str, chain: Any) -> Any:
    """The desk's answer about one item from its chain of the record: holders in order (a loss or theft as an
    illicit step), and the last legal custodian the analysis finds (never the maker when a unit is known)."""

    entries: list[Any] = []
    moved = {(e.from_holder, e.date) for e in chain.events if e.kind == "illicit_transfer"}
    for e in chain.events:
        if e.kind.startswith("reported_"):
            if (e.from_holder, e.date) in moved:
                continue  # the loss is already on record as the illicit transfer out of that holder's hands
            how = "lost by" if e.kind == "reported_lost" else "stolen from"
            holder, country = f"{how} {e.from_holder or 'its holder'}", e.from_country
        elif e.kind in ("manufacture", "transfer", "illicit_transfer", "registry") and e.holder:
            holder, country = e.holder, e.country
        else:
            continue
        if entries and (entries[-1].holder, entries[-1].legal) == (holder, e.legal):
            continue  # the registry repeating the last transfer's receiver
        entries.append(tracing.CustodyEntry(holder, country, e.date, e.document_ref, e.legal))
    last = chain.last_legal
    custodian = (
        tracing.CustodyEntry(last.holder, last.country, last.date, last.document_ref) if last and last.holder else None
    )
    note = None
    if chain.item is not None and chain.item.serial_end and not chain.item.matched_serial:
        note = "the serial as read fits several weapons of this consignment line: custody they all share"
    return tracing.ItemAnswer(key, entries, custodian, True, note=note)


def _photograph(pk: Workspace, say: Step, result: DemoResult, most: int = 8) -> None:
    """Drawings of the case's markings (never photographs), attached as a field team would attach photos."""

    say("attaching drawings of the markings (synthetic, with EXIF time and GPS) to the case's items")
    with pk.session() as s:
        actor = actor_for(s, pk.agency(), pk.settings.user)
        inc = s.scalar(select(Incident).where(Incident.code == CASE, Incident.agency_id == actor.agency_id))
        if inc is None:
            return
        when = dt.datetime.combine(inc.date or dt.date(2025, 3, 11), dt.time(9, 30))
        where = {"latitude": inc.latitude, "longitude": inc.longitude}
        scene = [inc.title or inc.code, inc.place or "", f"{len(inc.recoveries)} items recovered"]
        attachments.add(
            s,
            actor,
            "incident",
            inc.id,
            marking_drawing(scene, title="scene", taken=when, **where),
            file_name=f"{CASE}-scene.jpg",
            shows="scene",
            caption="the scene (synthetic drawing)",
        )
        recs = s.scalars(select(Recovery).where(Recovery.incident_id == inc.id).order_by(Recovery.recovery_code))
        added = 1
        for i, r in enumerate(list(recs)[:most]):
            lines = [x for x in (r.manufacturer, r.model, r.calibre, r.serial_read or "(serial obliterated)") if x]
            photo = marking_drawing(
                lines,
                title=f"item {r.recovery_code}: receiver markings",
                taken=when + dt.timedelta(minutes=5 * (i + 1)),
                **where,
            )
            attachments.add(
                s,
                actor,
                "recovery",
                r.id,
                photo,
                file_name=f"{CASE}-{r.recovery_code}-marking.jpg",
                shows="marking",
                caption="receiver, left side (synthetic drawing)",
            )
            added += 1
    result.figures["photos"] = added


#: synthetic lot transfers of the supplying state: (lot, calibre, year, rounds, to, date)
LOTS = (
    ("LC-12-E-045", "5.56x45mm NATO", 2012, 480_000, "Afghan National Army", "2013-05-02"),
    ("LC-12-E-046", "5.56x45mm NATO", 2012, 480_000, "Afghan National Army", "2013-05-02"),
    ("LC-12-E-112", "5.56x45mm NATO", 2012, 240_000, "Afghan National Police", "2013-09-17"),
    ("WCC-14-B-007", "7.62x51mm NATO", 2014, 96_000, "Afghan National Army", "2015-03-30"),
)


def _ammunition(pk: Workspace, us: Workspace, say: Step, result: DemoResult) -> None:
    """Lot transfers shared by the supplying state; boxes recovered at two incidents matched to one lot."""

    say("recording recovered ammunition (lot, headstamp) and matching it to the shared lot transfers")
    with us.session() as s:
        src = Source(
            agency_id=us.agency().id,
            visibility="public",
            kind="transfers",
            synthetic=True,
            name="Ammunition lot transfers 2013-2015 (synthetic)",
            provenance="armstrace demo: invented lots shaped like Lake City and Winchester lot numbers",
        )
        s.add(src)
        s.flush()
        for i, (lot, calibre, year, rounds, to, date) in enumerate(LOTS):
            s.add(
                Transfer(
                    agency_id=src.agency_id,
                    visibility="public",
                    source_id=src.id,
                    transfer_id=f"AMMO-{i}",
                    weapon_type="ammunition",
                    quantity=rounds,
                    manufacturer=None,
                    from_holder="US Army",
                    from_country="US",
                    to_holder=to,
                    to_country="AF",
                    date=dt.date.fromisoformat(date),
                    document_ref=f"DD1149-{2013 + i}-{i:04d}",
                    synthetic=True,
                    row_hash=secrets.randbits(62),
                    attributes={"lot": lot, "calibre": calibre, "year": str(year)},
                )
            )
    with pk.session() as s:
        actor = actor_for(s, pk.agency(), pk.settings.user)
        codes = list(
            s.scalars(select(Incident.code).where(Incident.agency_id == actor.agency_id).order_by(Incident.date))
        )
        other = next((c for c in codes if c != CASE), None)
        record_ammunition(
            s,
            actor,
            CASE,
            "AMMO-1",
            lot="LC12EO45",
            headstamp="LC 12",
            quantity=420,
            packaging="CTG 5.56MM BALL M855 LOT LC12EO45 (label torn)",
        )
        if other:
            record_ammunition(
                s, actor, other, "AMMO-1", lot="LC-12-E-045", headstamp="LC 12", calibre="5.56x45mm NATO", quantity=60
            )
        best = match_recovered_lot(s, actor, f"{CASE}/AMMO-1").candidates[0]
        result.figures["ammunition"] = {
            "lot": best.record.lot,
            "probability": round(best.probability, 3),
            "lots_across_incidents": len([g for g in lots_across_incidents(s, actor) if len(g["incidents"]) > 1]),
        }


def _explosives(pk: Workspace, say: Step, result: DemoResult) -> None:
    """Supply records of explosives and IED components (invented); the case's components traced to them."""

    say("recording the case's explosive components (marks, date-shift codes) and tracing them to supply records")
    with pk.session() as s:
        actor = actor_for(s, pk.agency(), pk.settings.user)
        src = Source(agency_id=actor.agency_id, visibility="private", kind="transfers", synthetic=True,
                     name="Explosives supply records from makers' and distributors' answers (synthetic)",
                     provenance="armstrace demo: invented makers, distributors and codes, shaped by CAR's "
                                "component-tracing reports (docs/synthetic.md)")  # fmt: skip
        s.add(src)
        s.flush()
        for i, line in enumerate(SUPPLY):
            s.add(Transfer(
                agency_id=src.agency_id, visibility="private", source_id=src.id, transfer_id=f"EXP-{i}",
                weapon_type=KIND, quantity=line.quantity, manufacturer=line.manufacturer,
                from_holder=line.from_holder, to_holder=line.to_holder, to_country=line.to_country,
                date=dt.date.fromisoformat(line.date), document_ref=line.document_ref, synthetic=True,
                row_hash=secrets.randbits(62),
                attributes={"component": line.component, "lot": line.code, "year": str(line.year)},
            ))  # fmt: skip
        traced = {}
        for r in RECOVERED:
            rec = record_component(s, actor, CASE, r.code, component=r.component, manufacturer=r.manufacturer,
                                   marks=r.marks, lot=r.lot, date_shift=r.date_shift, quantity=r.quantity,
                                   packaging=r.packaging)  # fmt: skip
            rec.synthetic = True
            found = match_recovered_component(s, actor, rec.id, limit=5).candidates
            # a code moved twice (maker to distributor to user) is one code: its records' chances add up
            traced[r.code] = round(sum(c.probability for c in found if c.record.lot == found[0].record.lot), 3)
        result.figures["explosives"] = {"components": len(RECOVERED), "supply_records": len(SUPPLY),
                                        "best_probability": traced}  # fmt: skip


def sync_field_laptop(pk: Workspace, laptop_path: Path) -> dict[str, Any]:
    """A field laptop's workspace at ``laptop_path`` (a second site of the case, a photo, an ammunition lot)
    synced to the agency server — ``pk`` served on loopback — then synced again, which changes nothing."""
    laptop_path.unlink(missing_ok=True)
    user = "field-officer"
    with pk.session() as s:
        if s.scalar(select(User).where(User.username == user)) is None:
            auth.create_user(s, user, agency_code=pk.settings.agency, role="analyst", actor="demo")
        token = auth.create_token(s, user, name="field laptop", actor="demo")[1]
    laptop = Workspace.create(replace(pk.settings, database_url=database_url(laptop_path), user=user))
    try:
        add_incident(laptop, f"{CASE}-F1", synthetic=True, date="2025-03-12", country="PK", place="Mashkaf tunnel",
                            latitude=29.55, longitude=67.45,
                            title="Jaffar Express: second site (synthetic)")  # fmt: skip
        with laptop.session() as s:
            actor = actor_for(s, laptop.agency(), user, "analyst")
            incident = s.scalars(select(Incident)).one()
            rifle = records.create_recovery(s, actor, incident, {"recovery_code": "F1-1", "serial_read": "W10043?0",
                                                                 "manufacturer": "Colt", "model": "M4A1",
                                                                 "synthetic": True})  # fmt: skip
            photo = marking_drawing(["Colt M4A1", "W10043?0 (one digit worn)"], title="item F1-1: receiver markings")
            attachments.add(s, actor, "recovery", rifle.id, photo, file_name="F1-1-marking.jpg", shows="marking",
                            caption="receiver, left side (synthetic drawing)")  # fmt: skip
            record_ammunition(s, actor, incident.id, "F1-A1", lot="LC-12-E-045", headstamp="L C 12", quantity=60,
                              packaging="CTG 5.56MM BALL M855 (synthetic)")  # fmt: skip
        app = create_app(replace(pk.settings, secret_key=secrets.token_hex(32)), workspace=pk)
        with served(app) as url:
            first = sync(laptop, url, token)
            again = sync(laptop, url, token)
    finally:
        laptop.close()
    return {"laptop": str(laptop_path), "pushed": first.pushed, "files": first.files_uploaded,
            "pulled": first.pulled, "conflicts": len(first.conflicts),
            "second_sync_changes": again.pushed + again.pulled + again.files_uploaded}  # fmt: skip


def _analyse(pk: Workspace, say: Step, result: DemoResult) -> None:

    say("rebuilding custody chains and looking for patterns across incidents")
    found = analysis.summary(pk)
    result.figures["analysis"] = {
        "recoveries": found.recoveries,
        "linked": found.linked,
        "with_last_legal": found.with_last_legal,
        "consignments": len(found.consignments),
        "median_days_to_recovery": found.time_to_recovery.median_days,
    }


def _report(pk: Workspace, out: Path, say: Step, result: DemoResult) -> None:

    say("writing the investigation report (HTML and PDF) and the overview")
    agency_id = pk.agency().id
    result.reports += incident_report(pk, CASE, out / "reports", agency_id=agency_id)
    result.reports += overview_report(pk, out / "reports", agency_id=agency_id)
