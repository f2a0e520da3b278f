"""`armstrace attach` and `armstrace files`: photos and files on recoveries, incidents and registry records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from .app import JsonOption, app, console, print_json, state

_ON = typer.Option(None, "--on", help="What RECORD is: recovery (default), incident or item (a registry record).")
_RECORD = typer.Argument(
    ..., help="INCIDENT/RECOVERY or a recovery number; incident:CODE; item:RECORD_ID (or use --on).",
    metavar="RECORD",
)  # fmt: skip


def _line(f: dict[str, Any]) -> str:
    where = f" at {f['latitude']:.5f},{f['longitude']:.5f}" if f.get("latitude") is not None else ""
    when = f", taken {f['taken_at']:%Y-%m-%d %H:%M}" if f.get("taken_at") else ""
    return (f"file {f['id']}: {f['file_name'] or '(no name)'} ({f['media_type']}, {f['size']:,} bytes, "
            f"shows {f['shows']}{when}{where}) sha256 {f['sha256']}")  # fmt: skip


@app.command()
def attach(
    ctx: typer.Context,
    record: str = _RECORD,
    file: Path = typer.Argument(..., help="The photo (JPEG, PNG, WebP, GIF, TIFF) or document (PDF, text)."),
    shows: str = typer.Option(
        "item", "--shows", help="What it shows: marking, serial, packaging, label, scene, item, document or other."
    ),
    caption: str | None = typer.Option(None, "--caption", help="A line about the photo."),
    on: str | None = _ON,
    as_json: JsonOption = False,
) -> None:
    """Attach a photo or file to a record: kept byte for byte by SHA-256, EXIF time and GPS read, a thumbnail made.

    A file that is not what it claims (not an image for a photo, wrong extension, too large, a decompression
    bomb) is refused and nothing is kept. The same file twice on one record is kept once.
    """
    from armstrace.attachments import attach_file

    found = attach_file(state(ctx).workspace(), record, file, entity=on, shows=shows, caption=caption)
    if as_json:
        print_json(found)
        return
    console.print(("attached " if found["added"] else "already attached: ") + _line(found))
    for note in found.get("notes") or ():
        console.print(f"  note: {note}")


@app.command()
def files(
    ctx: typer.Context,
    record: str = _RECORD,
    on: str | None = _ON,
    save: int | None = typer.Option(None, "--save", help="Write this file's original bytes (see --out)."),
    out: Path = typer.Option(Path("."), "--out", help="With --save: the file or folder to write to."),
    as_json: JsonOption = False,
) -> None:
    """List the photos and files on a record (or save one's original with --save ID)."""
    from armstrace.attachments import files_of, save_original

    ws = state(ctx).workspace()
    listed = files_of(ws, record, entity=on)
    if save is not None:
        if save not in {f["id"] for f in listed}:
            from armstrace.exceptions import NotFoundError

            raise NotFoundError(f"{record} has no file {save}")
        saved = save_original(ws, save, out)
        if as_json:
            print_json(saved)
        else:
            console.print(f"file {save} written to {saved['saved_to']}")
        return
    if as_json:
        print_json(listed)
        return
    if not listed:
        console.print(f"{record}: no files")
        return
    table = Table("id", "file", "shows", "type", "bytes", "taken", "GPS", "sha256")
    for f in listed:
        gps = f"{f['latitude']:.5f},{f['longitude']:.5f}" if f.get("latitude") is not None else ""
        taken = f"{f['taken_at']:%Y-%m-%d %H:%M}" if f.get("taken_at") else ""
        table.add_row(str(f["id"]), f["file_name"] or "", f["shows"] or "", f["media_type"] or "",
                      f"{f['size']:,}", taken, gps, f["sha256"][:16] + "…")  # fmt: skip
    console.print(table)
