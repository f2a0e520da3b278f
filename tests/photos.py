"""Test pictures drawn with Pillow (text on a plain ground, EXIF set through Pillow's Exif API), never photographs."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw


def drawing(
    text: str = "COLT M4A1 W1004340",
    *,
    fmt: str = "JPEG",
    size: tuple[int, int] = (480, 240),
    taken: str | None = "2025:03:11 09:15:00",
    gps: tuple[float, float] | None = (29.6, -67.91),
) -> bytes:
    """A drawing of a marking (text on grey), with EXIF time and GPS when asked."""
    img = Image.new("RGB", size, (200, 200, 200))
    ImageDraw.Draw(img).text((12, size[1] // 2), text, fill=(0, 0, 0))
    exif = Image.Exif()
    exif[271], exif[272] = "armstrace tests", "drawing"
    if taken:
        exif.get_ifd(0x8769)[36867] = taken
    if gps:
        lat, lon = gps
        ifd = exif.get_ifd(0x8825)
        ifd[1], ifd[2] = ("N" if lat >= 0 else "S"), _dms(abs(lat))
        ifd[3], ifd[4] = ("E" if lon >= 0 else "W"), _dms(abs(lon))
    out = io.BytesIO()
    img.save(out, fmt, exif=exif)
    return out.getvalue()


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return (float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4))


def png_header_bomb(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels: it would decode to gigabytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body
