"""Photo uploads: checked, then resized with Pillow into renditions for `srcset`."""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from masthead.newsroom.models import Photo

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 60_000_000  # a 60-megapixel camera frame; anything larger is treated as a bomb


def validate_photo_upload(upload: UploadedFile) -> None:
    """Refuse what is not a raster photo we can decode, before anything is stored."""
    if upload.size is not None and upload.size > settings.PHOTO_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.")
            % {"limit": settings.PHOTO_MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF picture."))
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The picture has too many pixels."))
            probe.verify()
    except ValidationError:
        raise
    except (OSError, SyntaxError, Image.DecompressionBombError, ValueError):
        raise ValidationError(_("The file is not a picture we can read.")) from None
    finally:
        upload.seek(0)


def make_renditions(photo: Photo) -> None:
    """Write a JPEG per configured width (never upscaled), metadata stripped by re-encoding."""
    photo.image.open("rb")
    try:
        with Image.open(photo.image) as original:
            image = ImageOps.exif_transpose(original).convert("RGB")
    finally:
        photo.image.close()
    stem = PurePosixPath(photo.image.name or "photo").stem
    renditions = []
    widths = sorted(
        {w for w in settings.PHOTO_RENDITION_WIDTHS if w < image.width}
        | {min(image.width, max(settings.PHOTO_RENDITION_WIDTHS))}
    )
    for width in widths:
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
        name = default_storage.save(
            f"photos/renditions/{photo.pk}/{stem}-{width}.jpg", ContentFile(buffer.getvalue())
        )
        renditions.append({"width": width, "height": height, "name": name})
    for old in photo.renditions:
        if old["name"] not in {r["name"] for r in renditions}:
            default_storage.delete(old["name"])
    photo.renditions = renditions
    # Recorded here as well: Django's width_field is not always filled for a file saved in code.
    photo.width, photo.height = image.width, image.height
    photo.save(update_fields=["renditions", "width", "height"])
