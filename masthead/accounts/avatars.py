"""Avatars: uploads decoded and re-encoded by Pillow, and a generated default.

Re-encoding from pixels is what makes an upload safe to serve: metadata (EXIF, GPS, comments),
trailing data and anything a polyglot hides are simply not copied. We still refuse files that
carry markup, so nobody can park an HTML or script payload under our name even briefly.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from typing import IO

from django.conf import settings
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
# Markup or code inside an image is the mark of a polyglot file.
_POLYGLOT = re.compile(
    rb"<\s*(script|html|svg|body|iframe|object|embed|\?php|!doctype)|javascript:", re.IGNORECASE
)


class AvatarError(ValueError):
    pass


def normalise(upload: IO[bytes], *, size: int | None = None) -> bytes:
    """A square PNG of AVATAR_SIZE pixels from an uploaded image, or AvatarError."""
    size = size or settings.AVATAR_SIZE
    data = upload.read(settings.AVATAR_MAX_UPLOAD_BYTES + 1)
    if len(data) > settings.AVATAR_MAX_UPLOAD_BYTES:
        limit = settings.AVATAR_MAX_UPLOAD_BYTES // 1024
        raise AvatarError(_("The picture is too large: the limit is %(kb)d KB.") % {"kb": limit})
    if not data:
        raise AvatarError(_("The file is empty."))
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) or b"<svg" in head:
        raise AvatarError(_("SVG pictures are not accepted; please upload a JPEG, PNG or WebP."))
    if _POLYGLOT.search(data):
        raise AvatarError(_("This file contains something other than a picture."))
    try:
        with warnings.catch_warnings():
            # Pillow warns before it errors on big images; we want the error only.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise AvatarError(_("Please upload a JPEG, PNG, GIF or WebP picture."))
                width, height = probe.size
                # Checked before decoding: a few kilobytes can declare gigapixels.
                if width * height > settings.AVATAR_MAX_PIXELS:
                    raise AvatarError(_("The picture has too many pixels."))
                probe.verify()
            with Image.open(io.BytesIO(data)) as opened:
                opened.seek(0)
                opened.load()
                image: Image.Image = ImageOps.exif_transpose(opened)
                if image.mode in {"RGBA", "LA", "P"}:
                    image = image.convert("RGBA")
                elif image.mode != "RGB":
                    image = image.convert("RGB")
                square = ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)
    except AvatarError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AvatarError(_("The picture has too many pixels.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise AvatarError(_("This file is not a picture we can read.")) from None
    out = io.BytesIO()
    # A fresh image object: nothing of the original file's metadata comes along.
    clean = Image.new(square.mode, square.size)
    clean.paste(square)
    clean.save(out, "PNG", optimize=True)
    return out.getvalue()


PALETTE = ["#1f6f8b", "#99582a", "#6a4c93", "#2d6a4f", "#9d0208", "#3a5a40", "#5f0f40", "#005f73"]


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s._\-@]+", name) if w]
    letters = "".join(w[0] for w in words[:2]).upper()
    return letters or "?"


def default_svg(user_id: int, name: str) -> str:
    """Initials on a colour derived from the user id: stable, and never a third-party call."""
    digest = hashlib.sha256(f"avatar:{user_id}".encode()).digest()
    colour = PALETTE[digest[0] % len(PALETTE)]
    text = escape(initials(name))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
        f'<rect width="64" height="64" rx="32" fill="{colour}"/>'
        '<text x="32" y="40" text-anchor="middle" font-family="sans-serif" font-size="24"'
        f' fill="#ffffff">{text}</text></svg>'
    )
