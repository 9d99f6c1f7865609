"""QR codes (SVG and PNG) that open an animal's public profile; pure Python, no imaging library."""

from __future__ import annotations

import io
import uuid

import qrcode
import qrcode.constants
from qrcode.image.pure import PyPNGImage
from qrcode.image.svg import SvgFillImage

from reptidex_common.settings import get_settings

SVG_MEDIA_TYPE = "image/svg+xml"
PNG_MEDIA_TYPE = "image/png"
# The four-module quiet zone the QR standard asks for; without it many phone readers fail.
QUIET_ZONE = 4
PNG_MODULE_PIXELS = 10


def profile_url(animal_id: uuid.UUID) -> str:
    return f"{get_settings().public_web_url.rstrip('/')}/animals/{animal_id}"


def _code(data: str) -> qrcode.QRCode:
    # Level M survives a scuffed label or a tub lid's glare and keeps the code small.
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=QUIET_ZONE,
        box_size=PNG_MODULE_PIXELS,
    )
    code.add_data(data)
    code.make(fit=True)
    return code


def svg(data: str) -> bytes:
    """One `rect` per dark module on a white background: crisp at any print size."""
    image = _code(data).make_image(image_factory=SvgFillImage)
    result: bytes = image.to_string()
    return result


def png(data: str) -> bytes:
    buffer = io.BytesIO()
    _code(data).make_image(image_factory=PyPNGImage).save(buffer)
    return buffer.getvalue()


def modules(data: str) -> list[list[bool]]:
    """The module matrix (quiet zone included), for checking what an image encodes."""
    matrix: list[list[bool]] = _code(data).get_matrix()
    return matrix
