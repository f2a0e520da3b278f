"""How the CLI prints a trace request and a chain of custody: the two views several commands show.

`trace create/show/send/…` print a request; `custody` prints the chain of a recovered weapon or a registry
item. Both are kept here, beside each other, so a custody step reads the same in a request's answer and in a
chain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from .app import console
from .tables import fitted_table

if TYPE_CHECKING:  # the library loads when a command runs, not when the CLI starts
    from armstrace.analysis import CustodyChain
    from armstrace.tracing import TraceRequestView

__all__ = ["print_custody", "print_trace"]


def print_trace(view: TraceRequestView, verb: str | None = None) -> None:
    """A trace request: one line saying what was done to it (``verb``), else its parties, items, answer and messages."""
    if verb:
        console.print(f"{view.reference}: {verb} (status [bold]{view.status}[/])")
        return
    overdue = " [bold red]OVERDUE[/]" if view.is_overdue() else ""
    console.print(f"[bold]{view.reference}[/]  {view.status}{overdue}  priority {view.priority}")
    to = view.recipient_name or view.recipient or "—"
    console.print(
        f"from {view.requester_name} ({view.requester}) to {to}"
        f"{f' ({view.recipient_country})' if view.recipient_country else ''}; due {view.due_date or '—'}",
    )
    if view.priority_reason:
        console.print(f"priority reason: {view.priority_reason}")
    for key in ("illicit_reason", "intended_use", "notes"):
        if view.fields.get(key):
            console.print(f"{key.replace('_', ' ')}: {view.fields[key]}")
    rows = []
    for item in view.items:
        d = item.description
        serial = (d.get("serial_read") or "—") + (" (obliterated)" if d.get("obliterated") else "")
        rows.append((item.key, serial, d.get("weapon_type"), d.get("manufacturer"), d.get("model"), d.get("calibre"),
                     d.get("country_of_manufacture"), d.get("country_of_last_import"), len(item.photos)))  # fmt: skip
    table = fitted_table(
        ("item", "serial as read", "type", "maker", "model", "calibre", "origin", "last import", "photos"),
        rows,
        keys=("item", "serial as read"),
        drop=("photos", "last import", "calibre", "type", "origin"),
        console=console,
        box=None,
        title="items",
    )
    console.print(table)
    for item in view.items:
        for p in item.photos:
            console.print(
                f"file for {item.key}: {p.get('file_name') or '?'} ({p.get('media_type') or '?'}, "
                f"{p.get('size') or 0:,} bytes, sha256 {str(p.get('sha256'))[:12]}…)"
                f"{': ' + p['caption'] if p.get('caption') else ''}",
            )
    if view.answer:
        by = view.answer.get("answered_by") or {}
        who = by.get("name") or by.get("agency")
        line = "answer" + (f" from {who}" if who else "")
        line += f" on {view.answered_at:%Y-%m-%d}" if view.answered_at else ""
        line += f" (recorded by {by['recorded_by']})" if by.get("recorded_by") else ""
        console.print(line)
        for entry in view.answer.get("items", []):
            console.print(
                f"answer for {entry.get('item') or 'all items'}"
                f"{'' if entry.get('found', True) else ': no record found'}",
            )
            for step in entry.get("custody_chain") or []:
                doc = f"  doc {step['document_ref']}" if step.get("document_ref") else ""
                note = f"  — {step['note']}" if step.get("note") else ""
                console.print(
                    f"  {step.get('date') or '?':10}  {step['holder']} ({step.get('country') or '?'})"
                    f"{'' if step.get('legal', True) else '  [red]illicit[/]'}{doc}{note}",
                )
            last = entry.get("last_legal_custodian")
            if last:
                console.print(
                    f"  last legal custodian: {last['holder']} ({last.get('country') or '?'}) "
                    f"since {last.get('date') or '?'}",
                )
            if entry.get("note"):
                console.print(f"  note: {entry['note']}")
        if view.answer.get("text"):
            console.print(f"  {view.answer['text']}")
    for m in view.messages:
        console.print(f"[dim]{m.created_at:%Y-%m-%d %H:%M}[/] {m.author or '?'} ({m.agency or '?'}): {m.body}")


def print_custody(chain: CustodyChain) -> None:
    """A chain of custody: the recovery, the registry record, each event, the last legal custodian, the diversion."""
    if chain.recovery is not None:
        r = chain.recovery
        console.print(
            f"[bold]{r.label}[/]  serial as read {r.serial_read or '—'}"
            f"{' (obliterated)' if r.obliterated else ''}  recovered {r.incident_date or '?'} in "
            f"{', '.join(p for p in (r.place, r.admin1, r.country) if p) or '?'}",
        )
    if chain.item is None:
        console.print(
            "no registry record is linked to it: run `armstrace search` or `armstrace xref`, and confirm a match",
        )
    else:
        i = chain.item
        prob = f", p = {i.probability:.2f}" if i.probability is not None else ""
        console.print(
            f"registry record {i.record_id} ({i.source}): {i.manufacturer or '?'} {i.model or ''} "
            f"serial {i.serial}{'–' + i.serial_end if i.serial_end else ''}  [{i.evidence}{prob}]",
        )
        if i.serial_end:
            if i.matched_serial:
                where = f"the weapon with serial {i.matched_serial} of this range"
            elif i.in_range:
                where = (
                    f"{i.in_range} serials of this range fit the reading ({i.in_range_first} … {i.in_range_last}): "
                    "only the custody they all share"
                )
            else:
                where = "no single weapon of this range: only the custody of the whole consignment"
            console.print(f"chain of {where}")
    table = Table(box=None)
    for col in ("date", "event", "from", "to", "legal", "reference"):
        table.add_column(col)
    for e in chain.events:
        src = f"{e.from_holder} ({e.from_country or '?'})" if e.from_holder else ""
        dst = f"{e.holder} ({e.country or '?'})" if e.holder else (e.note or e.country or "")
        table.add_row(
            str(e.date or ""), e.kind, src, dst, "yes" if e.legal else "[red]no[/]", e.reference or e.document_ref or ""
        )
    console.print(table)
    if chain.last_legal is not None:
        ll = chain.last_legal
        console.print(
            f"last legal custodian: [bold]{ll.holder or 'not recorded'}[/] ({ll.country or '?'}) "
            f"since {ll.date or '?'} "
            f"[dim](from {chain.last_legal_basis})[/]",
        )
    if chain.diversion is not None:
        d = chain.diversion
        how = "documented" if d.documented else "not documented: first seen at the recovery"
        console.print(
            f"diversion: {d.holder or 'holder not recorded'} → {d.first_illicit.kind} "
            f"on {d.first_illicit.date or '?'} ({how})",
        )
    if chain.time_to_recovery is not None:
        t = chain.time_to_recovery
        flag = "  [bold red]≤ 3 years: trafficking indicator[/]" if t.trafficking_indicator else ""
        console.print(f"time to recovery: {t.days} days ({t.years} years){flag}")
