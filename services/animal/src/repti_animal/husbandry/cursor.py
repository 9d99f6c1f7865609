"""Opaque cursors for keyset pages whose order is not the id alone.

Binary and short (the shared page parameters cap cursors at 64 characters): a time as
microseconds since the epoch, or a flag byte, followed by the row's 16-byte id.
"""

from __future__ import annotations

import base64
import binascii
import struct
import uuid
from datetime import UTC, datetime, timedelta

from reptidex_common.errors import UnprocessableEntity

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_TIME = struct.Struct(">q")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _raw(cursor: str, size: int) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except (ValueError, binascii.Error) as exc:
        raise invalid_cursor() from exc
    if len(raw) != size:
        raise invalid_cursor()
    return raw


def encode_time_id(moment: datetime, row_id: uuid.UUID) -> str:
    micros = (moment - EPOCH) // timedelta(microseconds=1)
    return _b64(_TIME.pack(micros) + row_id.bytes)


def decode_time_id(cursor: str) -> tuple[datetime, uuid.UUID]:
    raw = _raw(cursor, _TIME.size + 16)
    (micros,) = _TIME.unpack(raw[: _TIME.size])
    try:
        moment = EPOCH + timedelta(microseconds=micros)
    except OverflowError as exc:
        raise invalid_cursor() from exc
    return moment, uuid.UUID(bytes=raw[_TIME.size :])


def encode_flag_id(flag: bool, row_id: uuid.UUID) -> str:
    return _b64(bytes([int(flag)]) + row_id.bytes)


def decode_flag_id(cursor: str) -> tuple[bool, uuid.UUID]:
    raw = _raw(cursor, 17)
    if raw[0] not in (0, 1):
        raise invalid_cursor()
    return bool(raw[0]), uuid.UUID(bytes=raw[1:])


def invalid_cursor() -> UnprocessableEntity:
    return UnprocessableEntity("The cursor is not valid; start again from the first page.")
