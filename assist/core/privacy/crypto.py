"""Field encryption for the few full values the bank must keep (e.g. a callback number).

AES-256-GCM (``cryptography``) under one data key kept in the OS keyring
(service ``assist``, username ``data-key``, base64). Tokens look like
``v1:<urlsafe-base64(nonce12 || ciphertext+tag)>``; the field name is the
associated data, so a token copied into another field does not decrypt.

There is NEVER a plaintext fallback: with no usable keyring ``from_keyring`` raises
``NoKeyringAvailable`` (``maybe_from_keyring`` returns None) and ``protect_field``
keeps only the masked value, with a notice the agent can read. Plaintext keyrings
(``keyrings.alt``) count as unusable. The keyring is injected: pass the ``keyring``
module or a backend instance (tests use an in-memory backend).
"""

from __future__ import annotations

import base64
import binascii
import os
from typing import Any, NamedTuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from assist.core.privacy.masking import MaskPolicy, mask

SERVICE = "assist"
USERNAME = "data-key"
VERSION = "v1"
_NONCE = 12


class NoKeyringAvailable(RuntimeError):
    """No usable (non-plaintext) keyring backend: full values cannot be stored."""


class DataKeyInvalid(RuntimeError):
    """The keyring holds something that is not a 256-bit data key (never overwritten)."""


class DecryptError(ValueError):
    """A token is malformed, for another field, or was made with another key."""


NO_KEYRING_NOTICE = (
    "系统密钥环不可用，完整值未保存，仅保存脱敏值。/ "
    "No system keyring is available, so the full value was not stored; only the masked form is kept."
)


def _backend(kr: Any) -> Any:
    """A keyring backend from the ``keyring`` module or a backend instance."""
    get = getattr(kr, "get_keyring", None)
    return get() if callable(get) else kr


def _check_usable(backend: Any) -> None:
    from keyring.backends import fail

    cls = type(backend)
    name = f"{cls.__module__}.{cls.__qualname__}"
    if isinstance(backend, fail.Keyring):
        raise NoKeyringAvailable(f"no keyring backend available ({name})")
    if cls.__module__.startswith("keyrings.alt") or "plaintext" in name.lower():
        raise NoKeyringAvailable(f"refusing plaintext keyring backend {name}")


def require_secure_keyring() -> Any:
    """The active keyring backend, or ``NoKeyringAvailable`` if it is none or stores plaintext
    (the data key and the sync token both need this)."""
    import keyring

    backend = _backend(keyring)
    _check_usable(backend)
    return backend


class FieldCipher:
    """Encrypts and decrypts single text fields with AES-GCM."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("data key must be 32 bytes (AES-256)")
        self._aead = AESGCM(key)

    def __repr__(self) -> str:  # never show key material
        return "FieldCipher(<key hidden>)"

    @classmethod
    def generate(cls) -> FieldCipher:
        return cls(AESGCM.generate_key(bit_length=256))

    @classmethod
    def from_keyring(cls, kr: Any, *, create: bool = True) -> FieldCipher:
        """The cipher for the data key in ``kr``; creates the key if missing and ``create``.

        Raises ``NoKeyringAvailable`` (no backend, fail backend, plaintext backend, any
        keyring error, or no key and ``create`` false) and ``DataKeyInvalid``.
        """
        from keyring.errors import KeyringError

        backend = _backend(kr)
        _check_usable(backend)
        try:
            stored = backend.get_password(SERVICE, USERNAME)
            if stored is None:
                if not create:
                    raise NoKeyringAvailable("no data key in the keyring")
                key = AESGCM.generate_key(bit_length=256)
                backend.set_password(SERVICE, USERNAME, base64.b64encode(key).decode("ascii"))
                return cls(key)
        except KeyringError as exc:
            raise NoKeyringAvailable(f"keyring unusable: {exc}") from exc
        try:
            key = base64.b64decode(stored, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise DataKeyInvalid("the keyring entry assist/data-key is not base64") from exc
        if len(key) != 32:
            raise DataKeyInvalid("the keyring entry assist/data-key is not a 256-bit key")
        return cls(key)

    @classmethod
    def maybe_from_keyring(cls, kr: Any) -> FieldCipher | None:
        """Like ``from_keyring`` but None when no keyring is usable."""
        try:
            return cls.from_keyring(kr)
        except NoKeyringAvailable:
            return None

    @staticmethod
    def _aad(field: str) -> bytes:
        return f"assist/{VERSION}/{field}".encode()

    def encrypt(self, value: str, field: str = "") -> str:
        nonce = os.urandom(_NONCE)
        ct = self._aead.encrypt(nonce, value.encode("utf-8"), self._aad(field))
        return f"{VERSION}:" + base64.urlsafe_b64encode(nonce + ct).decode("ascii")

    def decrypt(self, token: str, field: str = "") -> str:
        prefix, sep, body = token.partition(":")
        if not sep or prefix != VERSION:
            raise DecryptError(f"unknown token version {prefix!r}")
        try:
            raw = base64.urlsafe_b64decode(body.encode("ascii"))
        except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
            raise DecryptError("token is not base64") from exc
        if len(raw) < _NONCE + 16:
            raise DecryptError("token too short")
        try:
            plain = self._aead.decrypt(raw[:_NONCE], raw[_NONCE:], self._aad(field))
        except InvalidTag as exc:
            raise DecryptError("token does not decrypt (wrong key or field)") from exc
        return plain.decode("utf-8")


class ProtectedField(NamedTuple):
    masked: str
    ciphertext: str | None
    notice: str | None


def _mask_value(value: str, policy: MaskPolicy | None) -> str:
    masked = mask(value, policy)
    if masked != value or not value:
        return masked
    # nothing recognised: still never show the full value of a protected field
    ch = (policy or MaskPolicy()).mask_char
    return ch * len(value) if len(value) < 6 else ch * (len(value) - 2) + value[-2:]


def protect_field(
    value: str, cipher: FieldCipher | None, field: str, policy: MaskPolicy | None = None
) -> ProtectedField:
    """``(masked, ciphertext_or_None, notice)`` for a value whose full form must be kept.

    With a cipher the full value is encrypted (associated data = ``field``) and the
    notice is None. Without one only the masked form survives and the notice (Chinese
    + English) says why. Never returns the plaintext.
    """
    masked = _mask_value(value, policy)
    if not value:
        return ProtectedField(masked, None, None)
    if cipher is None:
        return ProtectedField(masked, None, NO_KEYRING_NOTICE)
    return ProtectedField(masked, cipher.encrypt(value, field), None)
