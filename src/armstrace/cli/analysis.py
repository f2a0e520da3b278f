"""`armstrace custody` and `armstrace analyse`: chains of custody, diversion points, patterns across incidents."""

from __future__ import annotations

import typer
from rich.table import Table

from .app import JsonOption, app, console, print_json, state
from .rendering import print_custody

__all__ = ["analyse", "custody"]


@app.command()
def custody(
    ctx: typer.Context,
    ref: str = typer.Argument(
        ...,
        help="A recovery (number, INCIDENT/RECOVERY or code) or a registry record_id.",
        metavar="RECOVERY_OR_RECORD",
    ),
    item: bool = typer.Option(False, "--item", help="Read REF as a registry item (record_id or number)."),
    serial: str | None = typer.Option(
        None, "--serial", help="For a range record: the chain of the weapon with this serial, not the consignment's."
    ),
    confirmed_only: bool = typer.Option(
        False, "--confirmed-only", help="Use confirmed matches only, not the best candidate or an exact serial."
    ),
    as_json: JsonOption = False,
) -> None:
    """The chain of custody of a recovered weapon or a registry item: maker → transfers → last legal custodian →
    diversion → recovery, and the time from the last legal transfer to the recovery (≤ 3 years: a trafficking
    indicator)."""
    from armstrace import analysis

    chain = analysis.custody_chain(
        state(ctx).workspace(), ref, kind="item" if item else None, use_candidates=not confirmed_only, serial=serial
    )
    if as_json:
        print_json(chain.to_dict())
        return
    print_custody(chain)


@app.command()
def analyse(
    ctx: typer.Context,
    confirmed_only: bool = typer.Option(False, "--confirmed-only", help="Use confirmed matches only."),
    gap: int = typer.Option(50, "--gap", help="Serials at most this far apart count as one consignment."),
    top: int = typer.Option(15, "--top", help="Rows to show per table."),
    with_chains: bool = typer.Option(False, "--chains", help="With --json: include every chain of custody."),
    as_json: JsonOption = False,
) -> None:
    """Across all visible incidents: flows origin → last legal custodian → place of recovery, consignments
    (consecutive serials or one range record), time-to-recovery distribution, counts, and how much of each
    registry has turned up where."""
    from armstrace import analysis

    s = analysis.summary(state(ctx).workspace(), use_candidates=not confirmed_only, max_gap=gap)
    if as_json:
        print_json(s.to_dict(with_chains=with_chains))
        return
    console.print(
        f"{s.recoveries} recoveries, {s.linked} linked to a registry record ({s.confirmed} confirmed), "
        f"{s.with_last_legal} with a last legal custodian",
    )
    flows = Table(title="flows: origin → last legal custodian → recovery", box=None)
    for col in ("origin", "last legal custodian", "country", "recovered in", "province", "n"):
        flows.add_column(col, justify="right" if col == "n" else "left")
    for f in s.flows[:top]:
        flows.add_row(f.origin, f.recipient, f.recipient_country, f.recovery_country, f.recovery_admin1, str(f.count))
    console.print(flows)
    cons = Table(title="consignments (recoveries that left the stockpile together)", box=None)
    for col in ("basis", "maker", "serials", "span", "n", "incidents", "countries"):
        cons.add_column(col)
    for c in s.consignments[:top]:
        cons.add_row(
            c.basis,
            c.manufacturer or "",
            f"{c.first_serial}–{c.last_serial}",
            str(c.span),
            str(c.size),
            ", ".join(c.incidents[:4]) + ("…" if len(c.incidents) > 4 else ""),
            ", ".join(c.countries),
        )
    console.print(cons if s.consignments else "no consignments found")
    t = s.time_to_recovery
    if t.count:
        console.print(
            f"time to recovery over {t.count} chains: median {t.median_days:.0f} days "
            f"(IQR {t.p25_days:.0f}–{t.p75_days:.0f}); {t.within_3_years} "
            f"({t.share_within_3_years:.0%}) within 3 years"
            + (
                f"; {t.inconsistent} recovered before their last legal transfer (check the data)"
                if t.inconsistent
                else ""
            ),
        )
        console.print("  " + "   ".join(f"{k}: {v}" for k, v in t.buckets.items()))
    counts = Table(title="counts", box=None)
    counts.add_column("by")
    counts.add_column("top values")
    for name, values in s.counts.to_dict().items():
        counts.add_row(name.replace("by_", ""), ", ".join(f"{k} {v}" for k, v in list(values.items())[:6]))
    console.print(counts)
    shares = Table(title="registry recovered", box=None)
    for col in ("registry", "items", "recovered", "confirmed", "share", "where"):
        shares.add_column(col)
    for r in s.registry_shares:
        shares.add_row(
            r.source,
            f"{r.items:,}",
            str(r.recovered),
            str(r.confirmed),
            f"{r.share:.3%}",
            ", ".join(f"{k} {v}" for k, v in list(r.by_country.items())[:5]),
        )
    console.print(shares)
