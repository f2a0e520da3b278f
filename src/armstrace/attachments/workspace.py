"""The attachment operations over a Workspace, acting for its agency and user: what the CLI and the demo call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from armstrace.exceptions import InputError
from armstrace.store import Workspace
from armstrace.tracing.lifecycle import actor_for

from . import records

__all__ = ["attach_file", "files_of", "save_original"]


def _parse(ref: str, entity: str | None) -> tuple[str, str]:
    """``recovery:JAFFAR-2025/R-3``, ``incident:JAFFAR-2025``, ``item:REG-1`` or a bare reference (a recovery)."""
    head, sep, tail = ref.partition(":")
    if sep and head in records.ENTITIES:
        if entity and entity != head:
            raise InputError(f"{ref}: names a {head}, but --on says {entity}")
        return head, tail
    return entity or "recovery", ref


def attach_file(
    ws: Workspace, ref: str, path: Path, *, entity: str | None = None, shows: str = "other", caption: str | None = None
) -> dict[str, Any]:
    """Check and keep the file at ``path`` on the record ``ref`` names (see ``records.add``)."""
    kind, key = _parse(ref, entity)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    agency = ws.agency()
    with ws.session() as s:
        actor = actor_for(s, agency, ws.settings.user)
        return records.add(
            s,
            actor,
            kind,
            key,
            data,
            file_name=path.name,
            shows=shows,
            caption=caption,
            max_bytes=ws.settings.max_attachment_bytes,
            max_pixels=ws.settings.max_image_pixels,
        )


def files_of(ws: Workspace, ref: str, *, entity: str | None = None) -> list[dict[str, Any]]:
    kind, key = _parse(ref, entity)
    agency = ws.agency()
    with ws.session() as s:
        return records.list_for(s, actor_for(s, agency, ws.settings.user), kind, key)


def save_original(ws: Workspace, attachment_id: int, out: Path) -> dict[str, Any]:
    """Write a file's original bytes to ``out`` (a folder: under its own name) and return its description."""
    agency = ws.agency()
    with ws.session() as s:
        row = records.find(s, actor_for(s, agency, ws.settings.user), attachment_id)
        target = out / (row.file_name or f"{row.sha256[:16]}") if out.is_dir() else out
        try:
            target.write_bytes(row.data)
        except OSError as exc:
            raise InputError(f"{target}: cannot write: {exc.strerror}") from exc
        return records.attachment_dict(row) | {"saved_to": str(target)}
