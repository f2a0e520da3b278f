"""Photos and files on recovered items, incidents and registry records: checked, kept by hash, audited.

``inspection`` decides what a file is (and refuses bad ones); ``records`` keeps and finds files for an
actor with the visibility and permission rules; ``workspace`` does the same for the command line.
"""

from __future__ import annotations

from .inspection import IMAGE_SHOWS, SHOWS, Inspected, inspect_file, sniff
from .records import (
    ENTITIES,
    add,
    attachment_dict,
    describe,
    find,
    list_for,
    list_for_record,
    resolve_record,
    visible_attachments,
)
from .workspace import attach_file, files_of, save_original

__all__ = [
    "ENTITIES",
    "IMAGE_SHOWS",
    "SHOWS",
    "Inspected",
    "add",
    "attach_file",
    "attachment_dict",
    "describe",
    "files_of",
    "find",
    "inspect_file",
    "list_for",
    "list_for_record",
    "resolve_record",
    "save_original",
    "sniff",
    "visible_attachments",
]
