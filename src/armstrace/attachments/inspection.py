"""What an uploaded file really is, checked before anything is stored.

The content decides the type (magic bytes), never the name or the browser's claim: a name whose
extension says another type, a file that is not an image where an image is claimed (a photo of a
marking), a file above the size limit, and an image that would decode to more pixels than the limit
(a decompression bomb: Pillow's DecompressionBombWarning is treated as an error) are all refused with
one line that names the file and the reason. For a photo the EXIF time and GPS position are read and a
JPEG thumbnail made; the original bytes are never changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from armstrace.exceptions import InputError
from armstrace.settings import DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_IMAGE_PIXELS

__all__ = ["IMAGE_SHOWS", "IMAGE_TYPES", "SHOWS", "THUMBNAIL_SIZE", "Inspected", "inspect_file", "sniff"]

#: what an attachment shows; the first six are photos, so the file must be an image
SHOWS = ("marking", "serial", "packaging", "label", "scene", "item", "document", "other")
IMAGE_SHOWS = frozenset(SHOWS[:6])
IMAGE_TYPES = {
    "image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP", "image/tiff": "TIFF",
}  # fmt: skip
#: extension → the type the content must have
EXTENSIONS = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".jpe": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
    ".webp": "image/webp", ".tif": "image/tiff", ".tiff": "image/tiff", ".pdf": "application/pdf",
    ".txt": "text/plain", ".csv": "text/plain", ".md": "text/plain",
}  # fmt: skip
_NAMES = {
    "image/jpeg": "a JPEG image", "image/png": "a PNG image", "image/gif": "a GIF image",
    "image/webp": "a WebP image", "image/tiff": "a TIFF image", "application/pdf": "a PDF document",
    "text/plain": "plain text",
}  # fmt: skip
THUMBNAIL_SIZE = (320, 320)
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATETIME_ORIGINAL, _DATETIME, _MAKE, _MODEL = 36867, 306, 271, 272


@dataclass
class Inspected:
    """A file that passed the checks: its real type and, for a photo, what its EXIF says and a thumbnail."""

    media_type: str
    taken_at: dt.datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    image: dict[str, Any] | None = None
    thumbnail: bytes | None = None
    notes: list[str] = field(default_factory=list)  # EXIF fields present but unreadable


def sniff(data: bytes) -> str | None:
    """The media type the content shows (magic bytes), or None for a type armstrace does not keep."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if b"\x00" not in data[:65536]:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


def inspect_file(
    data: bytes,
    file_name: str | None,
    shows: str,
    *,
    max_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
    max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
) -> Inspected:
    """Check ``data`` (named ``file_name``, said to show ``shows``); raise InputError with the reason."""
    name = file_name or "the file"
    if shows not in SHOWS:
        raise InputError(f"shows: {shows!r} is not one of {', '.join(SHOWS)}")
    if not data:
        raise InputError(f"{name}: the file is empty")
    if len(data) > max_bytes:
        limit = f"{max_bytes:,} (ARMSTRACE_MAX_ATTACHMENT_MB)"
        raise InputError(f"{name}: {len(data):,} bytes is over the limit of {limit}")
    media_type = sniff(data)
    suffix = PurePath(file_name).suffix.lower() if file_name else ""
    if suffix and suffix not in EXTENSIONS:
        raise InputError(
            f"{name}: files of type {suffix} are not kept (photos as JPEG, PNG, WebP, GIF or TIFF; "
            "documents as PDF or text)"
        )
    if media_type is None:
        raise InputError(f"{name}: the content is not a photo (JPEG, PNG, WebP, GIF, TIFF), a PDF or text")
    if suffix and EXTENSIONS[suffix] != media_type:
        raise InputError(f"{name}: the name says {_NAMES[EXTENSIONS[suffix]]} but the content is {_NAMES[media_type]}")
    if shows in IMAGE_SHOWS and media_type not in IMAGE_TYPES:
        raise InputError(f"{name}: a photo of the {shows} must be an image, but the content is {_NAMES[media_type]}")
    if media_type not in IMAGE_TYPES:
        return Inspected(media_type)
    return _inspect_image(data, name, media_type, max_pixels)


_STRICT = threading.Lock()


@contextlib.contextmanager
def _strict_decoding() -> Iterator[None]:
    """Pillow's truncated-file tolerance off while a file is checked: WeasyPrint turns it on for the whole process
    when it is imported (to render reports), and a truncated photo would then decode padded instead of failing."""
    with _STRICT:
        tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _inspect_image(data: bytes, name: str, media_type: str, max_pixels: int) -> Inspected:
    bomb = f"{name}: refused as a possible decompression bomb (it would decode to more than {max_pixels:,} pixels)"
    try:
        with warnings.catch_warnings(), _strict_decoding():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.format != IMAGE_TYPES[media_type]:
                    raise InputError(f"{name}: the content is not a readable {IMAGE_TYPES[media_type]} image")
                width, height = img.size
                if width * height > max_pixels:
                    raise InputError(bomb)
                img.verify()  # structure and checksums, without decoding
            with Image.open(io.BytesIO(data)) as img:
                img.load()  # the whole picture decodes: a truncated file fails here
                exif = img.getexif()
                thumb = ImageOps.exif_transpose(img)
                thumb.thumbnail(THUMBNAIL_SIZE)
                if thumb.mode not in ("RGB", "L"):
                    thumb = thumb.convert("RGBA").convert("RGB") if "A" in thumb.mode else thumb.convert("RGB")
                out = io.BytesIO()
                thumb.save(out, "JPEG", quality=80)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(bomb) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError(f"{name}: not a readable {IMAGE_TYPES[media_type]} image ({exc})") from None
    found = Inspected(media_type, thumbnail=out.getvalue())
    found.image = {"width": width, "height": height, "format": IMAGE_TYPES[media_type]}
    _read_exif(exif, found)
    return found


def _read_exif(exif: Image.Exif, found: Inspected) -> None:
    """EXIF time (DateTimeOriginal, else DateTime) and GPS position, when present and sane."""
    camera = " ".join(str(exif.get(t, "")).strip("\x00 ") for t in (_MAKE, _MODEL)).strip()
    if camera and found.image is not None:
        found.image["camera"] = camera
    stamp = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if stamp:
        try:
            found.taken_at = dt.datetime.strptime(str(stamp).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
        except ValueError:
            found.notes.append(f"EXIF time {stamp!r} is not a date")
    gps = exif.get_ifd(_GPS_IFD)
    if 2 in gps and 4 in gps:
        try:
            lat = _degrees(gps[2], gps.get(1, "N"), "S")
            lon = _degrees(gps[4], gps.get(3, "E"), "W")
        except (TypeError, ValueError, ZeroDivisionError):
            found.notes.append("EXIF GPS position is unreadable")
            return
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            found.latitude, found.longitude = round(lat, 6), round(lon, 6)
        else:
            found.notes.append("EXIF GPS position is out of range")


def _degrees(value: Any, ref: Any, negative: str) -> float:
    parts = [float(v) for v in (value if isinstance(value, tuple | list) else (value,))]
    degrees: float = sum(p / 60**i for i, p in enumerate(parts[:3]))
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    return -degrees if str(ref).strip("\x00 ").upper() == negative else degrees
