"""Generated pictures for the synthetic case: drawings of markings and scenes, never photographs of weapons.

Each picture is a plain card with the marking's text and a banner that says it is a synthetic drawing, so
nobody mistakes it for evidence. EXIF carries the time and GPS position a field camera would have written
(the incident's), so the demo shows what armstrace reads from real field photos.
"""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image, ImageDraw, ImageFont

__all__ = ["BANNER", "marking_drawing"]

BANNER = "SYNTHETIC DRAWING - NOT A PHOTOGRAPH"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSansMono-Bold.ttf", "DejaVuSansMono.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return (float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 3))


def marking_drawing(
    lines: list[str],
    *,
    title: str = "marking",
    taken: dt.datetime | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
) -> bytes:
    """A JPEG card: a banner, a title and the marking's lines as stamped text (with EXIF time and GPS)."""
    width, height = 960, 540
    img = Image.new("RGB", (width, height), (214, 214, 206))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, width, 56), fill=(150, 30, 30))
    draw.text((18, 12), BANNER, fill=(255, 255, 255), font=_font(28))
    draw.text((18, 76), title.upper(), fill=(60, 60, 60), font=_font(24))
    draw.rounded_rectangle((40, 130, width - 40, height - 40), radius=24, fill=(92, 96, 100), outline=(40, 40, 40),
                           width=4)  # fmt: skip
    font = _font(44)
    for i, line in enumerate(lines[:6]):
        draw.text((80, 170 + i * 62), line, fill=(232, 232, 225), font=font)
    exif = Image.Exif()
    exif[271], exif[272] = "armstrace synth", "drawing"
    exif[270] = BANNER
    if taken is not None:
        exif.get_ifd(0x8769)[36867] = taken.strftime("%Y:%m:%d %H:%M:%S")
    if latitude is not None and longitude is not None:
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = ("N" if latitude >= 0 else "S"), _dms(latitude)
        gps[3], gps[4] = ("E" if longitude >= 0 else "W"), _dms(longitude)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()
