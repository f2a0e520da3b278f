"""`armstrace search`: find the registry records a serial reading can be."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from .app import JsonOption, app, console, print_json, state
from .tables import fitted_table


@app.command()
def search(
    ctx: typer.Context,
    query: str = typer.Argument(
        ..., help="The serial as read. `?` one unknown character, `*` any run, `[38]` one of: W10?43[0O]*"
    ),
    registry: Path | None = typer.Option(
        None, "--registry", "-r", help="Registry file (CSV or Parquet). Default: the workspace's items."
    ),
    manufacturer: str | None = typer.Option(None, "--manufacturer", help="Manufacturer as read (evidence)."),
    model: str | None = typer.Option(None, "--model", help="Model as read (evidence)."),
    calibre: str | None = typer.Option(None, "--calibre", help="Calibre as read (evidence)."),
    weapon_type: str | None = typer.Option(None, "--weapon-type", help="Weapon type (evidence)."),
    country: str | None = typer.Option(None, "--country", help="Country of manufacture, ISO alpha-2."),
    year: str | None = typer.Option(None, "--year", help="Year of manufacture (evidence)."),
    limit: int = typer.Option(10, "--limit", min=1, help="Most candidates to show."),
    max_edits: int = typer.Option(2, "--max-edits", min=0, max=2, help="Misread characters tolerated."),
    ignore_embedded_letters: bool = typer.Option(
        False, "--ignore-embedded-letters", help="Ignore letters between digits (369J257 matches 369257)."
    ),
    model_file: Path | None = typer.Option(
        None,
        "--model-file",
        help="Score with the estimates a batch wrote (OUT.model.json beside xref's OUT.csv), so a search gives "
        "the batch's numbers. Default: a workspace's last estimates, else the documented prior.",
    ),
    as_json: JsonOption = False,
) -> None:
    """Search a registry for a serial number as read, with a probability and an explanation per candidate.

    Descriptive options are evidence, not filters: a candidate whose make disagrees is ranked lower,
    never hidden. A weapon recorded twice (the same serial and make) is listed once per record, each row with
    that weapon's probability and every row after its first marked "same weapon as #N" (`same_as` in --json).
    Counting each weapon once, the probabilities of one search sum to at most 1; the rest is "not in this
    registry".
    """
    from armstrace.identify.vocabulary import use_cache
    from armstrace.linkage import Matcher
    from armstrace.linkage.scoring import ScoringModel
    from armstrace.serials import parse_query

    parse_query(query)  # a query that does not parse is the first thing to say, before any registry is read
    use_cache(state(ctx).settings.cache_dir)  # the registry's makes and calibres named as last time
    options: dict[str, Any] = {"ignore_embedded_letters": ignore_embedded_letters}
    estimates = None
    if model_file is not None:  # a file that is not a model is refused before any registry is read
        estimates = ScoringModel.from_file(model_file)
        options["model"] = ScoringModel()  # the batch scores its readings under the prior, weighs them with these
    if registry is not None:
        matcher = Matcher.from_file(registry, max_range_items=state(ctx).settings.max_range_items, **options)
        source = f"the estimates in {model_file}" if model_file is not None else "the default prior (no --model-file)"
    else:
        from armstrace.linkage.workspace import workspace_matcher

        cli = state(ctx)
        matcher = workspace_matcher(cli.workspace(), cli.settings.agency, **options)
        workspace_model = "the workspace's last estimates" if matcher.model.source == "em" else "the default prior"
        source = f"the estimates in {model_file}" if model_file is not None else workspace_model
    found = matcher.search(
        query,
        manufacturer=manufacturer,
        model=model,
        calibre=calibre,
        weapon_type=weapon_type,
        country=country,
        year=year,
        limit=limit,
        max_edits=max_edits,
        estimates=estimates,
    )
    prior = f"Scored with {source}: P(in this registry) = {(estimates or matcher.model).prior_in_registry:.2f}"
    if as_json:
        print_json(
            {"query": query, "records": len(matcher), "scoring": prior, "candidates": [c.as_dict() for c in found]}
        )
        return
    if not found:
        console.print(f"No registry record fits {query!r} ({len(matcher):,} records searched). {prior}.")
        return
    whys, shared = _explanations(found)
    rows = []
    for c, why in zip(found, whys, strict=True):
        serial = c.matched_serial if c.serial_end is None else f"{c.matched_serial} (in {c.serial}–{c.serial_end})"
        probability = f"{c.probability:.3f}" + (f" (same weapon as #{c.same_as})" if c.same_as else "")
        rows.append((c.rank, c.record_id, serial, probability, why or "as for every candidate, below"))
    table = fitted_table(("#", "record", "serial", "probability", "why"), rows, keys=("record", "serial"),
                         console=console, title=f"Candidates for {query!r} ({len(matcher):,} records)",
                         show_lines=True)  # fmt: skip
    console.print(table)
    if shared:
        console.print(f"For every candidate: {'; '.join(shared)}")
    rest = 1.0 - sum(c.probability for c in found if not c.same_as)  # a weapon recorded twice counts once
    console.print(f"P(not among these) = {max(rest, 0.0):.3f}")
    console.print(f"{prior}.")


def _explanations(found: list[Any]) -> tuple[list[str], list[str]]:
    """Each candidate's own evidence, and the evidence they all share (said once, not once per row).

    Dense consignments make many candidates fit a reading equally well; their explanations then differ only in
    the registry serial, which the table's serial column already shows.
    """
    parts = []
    for c in found:
        texts = []
        for ev in c.explanation:
            if ev.name == "prior":
                continue
            text = ev.text
            if ev.name == "serial" and ": " in text:  # the serial column shows the record's serial as recorded
                head, text = text.split(": ", 1)
                if "(compared as " in head:  # and the form compared, which the notes' positions count in
                    text = head[head.index("(compared as ") + 1 : -1] + ": " + text
            texts.append(text if ev.name == "alternatives" else f"{text} ({ev.lr_words})")
        parts.append(texts)
    shared = [t for t in parts[0] if all(t in p for p in parts[1:])] if len(parts) > 1 else []
    return ["; ".join(t for t in p if t not in shared) for p in parts], shared
