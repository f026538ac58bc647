"""Opaque, tamper-evident list cursors: a keyset position signed with the store's secret."""

from __future__ import annotations

import hashlib
import hmac
import struct

from .validation import ValidationError

_POSITION = struct.Struct(">qq")
_MAC_BYTES = 16


class CursorCodec:
    """Encodes a (created_us, id) position as hex and refuses any cursor it did not sign."""

    def __init__(self, store_secret: bytes) -> None:
        # A key of its own, so the store secret is never used for two purposes.
        self._key = hmac.new(store_secret, b"meetings-list-cursor", hashlib.sha256).digest()

    def __repr__(self) -> str:
        return "CursorCodec()"

    def encode(self, position: tuple[int, int]) -> str:
        """The cursor text for a position."""
        payload = _POSITION.pack(*position)
        return (payload + self._mac(payload)).hex()

    def decode(self, cursor: str) -> tuple[int, int]:
        """The position in a cursor; ValidationError when it is garbled or forged."""
        try:
            raw = bytes.fromhex(cursor)
        except ValueError:
            raw = b""
        payload, mac = raw[: _POSITION.size], raw[_POSITION.size :]
        if len(raw) != _POSITION.size + _MAC_BYTES or not hmac.compare_digest(
            mac, self._mac(payload)
        ):
            raise ValidationError("cursor is not valid: use the cursor of a previous response.")
        created_us, meeting_id = _POSITION.unpack(payload)
        return created_us, meeting_id

    def _mac(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()[:_MAC_BYTES]
