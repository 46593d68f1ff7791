"""FieldCipher (AES-GCM, key in keyring) and protect_field: never a plaintext fallback."""

from __future__ import annotations

import base64

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringLocked

from assist.core.privacy.crypto import (
    NO_KEYRING_NOTICE,
    SERVICE,
    USERNAME,
    DataKeyInvalid,
    DecryptError,
    FieldCipher,
    NoKeyringAvailable,
    protect_field,
)

PHONE = "13912345678"  # not real: used only as an opaque value here


class DictKeyring(KeyringBackend):
    """In-memory backend for these tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username))


class LockedKeyring(DictKeyring):
    def get_password(self, service, username):
        raise KeyringLocked("locked")


@pytest.fixture
def kr() -> DictKeyring:
    return DictKeyring()


def test_key_created_once_in_keyring_and_round_trip(kr):
    c1 = FieldCipher.from_keyring(kr)
    stored = kr.store[(SERVICE, USERNAME)]
    assert len(base64.b64decode(stored)) == 32
    token = c1.encrypt(PHONE, "callback_phone")
    assert token.startswith("v1:") and PHONE not in token
    c2 = FieldCipher.from_keyring(kr)  # same key read back
    assert kr.store[(SERVICE, USERNAME)] == stored
    assert c2.decrypt(token, "callback_phone") == PHONE
    assert c1.encrypt(PHONE, "callback_phone") != token  # random nonce
    assert "key" in repr(c1) and stored not in repr(c1)


def test_field_name_is_bound_and_tampering_detected(kr):
    c = FieldCipher.from_keyring(kr)
    token = c.encrypt("张三 110", "name")
    with pytest.raises(DecryptError):
        c.decrypt(token, "other_field")
    raw = bytearray(base64.urlsafe_b64decode(token[3:]))
    raw[-1] ^= 1
    with pytest.raises(DecryptError):
        c.decrypt("v1:" + base64.urlsafe_b64encode(bytes(raw)).decode(), "name")
    for bad in ("v2:" + token[3:], "nonsense", "v1:@@@", "v1:AAAA"):
        with pytest.raises(DecryptError):
            c.decrypt(bad, "name")
    with pytest.raises(DecryptError):
        FieldCipher.generate().decrypt(token, "name")


def test_fail_backend_raises_clear_error_and_no_key_written():
    with pytest.raises(NoKeyringAvailable, match="no keyring backend"):
        FieldCipher.from_keyring(fail.Keyring())
    assert FieldCipher.maybe_from_keyring(fail.Keyring()) is None


def test_keyring_module_is_accepted(monkeypatch):
    backend = DictKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    assert FieldCipher.from_keyring(keyring).decrypt(FieldCipher.from_keyring(backend).encrypt("x", "f"), "f") == "x"
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    with pytest.raises(NoKeyringAvailable):
        FieldCipher.from_keyring(keyring)


def test_locked_or_plaintext_or_invalid_keyring(kr):
    with pytest.raises(NoKeyringAvailable, match="unusable"):
        FieldCipher.from_keyring(LockedKeyring())
    plaintext = type("PlaintextKeyring", (DictKeyring,), {})()
    with pytest.raises(NoKeyringAvailable, match="plaintext"):
        FieldCipher.from_keyring(plaintext)
    with pytest.raises(NoKeyringAvailable):
        FieldCipher.from_keyring(kr, create=False)
    kr.store[(SERVICE, USERNAME)] = base64.b64encode(b"short").decode()
    with pytest.raises(DataKeyInvalid):
        FieldCipher.from_keyring(kr)
    assert kr.store[(SERVICE, USERNAME)] == base64.b64encode(b"short").decode()  # never overwritten


def test_protect_field_with_and_without_cipher(kr):
    cipher = FieldCipher.from_keyring(kr)
    masked, token, notice = protect_field(PHONE, cipher, "callback_phone")
    assert masked == "139****5678" and notice is None
    assert token is not None and PHONE not in token
    assert cipher.decrypt(token, "callback_phone") == PHONE

    masked, token, notice = protect_field(PHONE, FieldCipher.maybe_from_keyring(fail.Keyring()), "callback_phone")
    assert (masked, token) == ("139****5678", None)
    assert notice == NO_KEYRING_NOTICE and "密钥环" in notice and "keyring" in notice


def test_protect_field_masks_unrecognised_values_too():
    assert protect_field("A1234567", None, "ref").masked == "******67"
    assert protect_field("abc", None, "ref").masked == "***"
    assert protect_field("", None, "ref") == ("", None, None)
