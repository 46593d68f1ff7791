"""Wiring sync from settings, paths and the keyring (used by the CLI and the panel).

The device token lives only in the keyring (service ``assist``, user ``sync-token``);
it is never written to settings, logs or the database.

Panel use (on a worker thread, never the GUI thread)::

    svc = SyncService.from_settings(ctx.settings, ctx.paths, db_call=lane.call)
    report = svc.run_round()                    # network on this thread, DB on the lane
    st = lane.call(read_status, configured=svc.configured)
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
from keyring.errors import KeyringError

from assist.core.sync.backoff import Backoff
from assist.core.sync.client import RoundReport, SyncClient
from assist.core.sync.status import SyncStatus, read_status
from assist.core.sync.transport import HttpTransport, SyncError, Timeouts

KEYRING_SERVICE = "assist"
KEYRING_USER = "sync-token"


def get_token() -> str | None:
    """The device token, from a keyring that does not store plaintext (else ``no_token``)."""
    from assist.core.privacy.crypto import NoKeyringAvailable, require_secure_keyring

    try:
        require_secure_keyring()
        return keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
    except NoKeyringAvailable as exc:
        raise SyncError("no_token", str(exc)) from None
    except KeyringError as exc:
        raise SyncError("no_token", f"keyring unavailable: {type(exc).__name__}") from None


def set_token(token: str) -> None:
    """Store the token printed by ``assist-hq device add``. Raises if there is no keyring or it
    stores plaintext (``NoKeyringAvailable``): never a plaintext fallback, as for the data key."""
    from assist.core.privacy.crypto import require_secure_keyring

    require_secure_keyring()
    keyring.set_password(KEYRING_SERVICE, KEYRING_USER, token.strip())


def delete_token() -> None:
    try:
        keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
    except KeyringError:
        pass


@dataclass
class SyncService:
    url: str
    branch: str
    db_call: Callable[..., Any]
    ca_bundle: str = ""
    proxy: str = ""
    kb_store: Path | None = None
    trusted_keys: list[str] = field(default_factory=list)
    timeouts: Timeouts = field(default_factory=Timeouts)
    backoff: Backoff = field(default_factory=lambda: Backoff(rng=random.Random()))
    batch_size: int = 200

    @classmethod
    def from_settings(cls, settings: Any, paths: Any, *, db_call: Callable[..., Any], **kw: Any) -> SyncService:
        return cls(url=settings.get("sync.url"), branch=settings.get("org.branch_code"), db_call=db_call,
                   ca_bundle=settings.get("sync.ca_bundle"), proxy=settings.get("sync.proxy"),
                   kb_store=paths.kb_store_dir, trusted_keys=settings.get("kb.trusted_keys"), **kw)

    @property
    def configured(self) -> bool:
        return bool(self.url)

    def transport(self) -> HttpTransport:
        return HttpTransport(self.url, get_token() or "", ca_bundle=self.ca_bundle, proxy=self.proxy, timeouts=self.timeouts)

    def client(self) -> SyncClient:
        return SyncClient(self.transport, self.db_call, self.branch, batch_size=self.batch_size, backoff=self.backoff,
                          kb_store=self.kb_store, trusted_keys=self.trusted_keys)

    def run_round(self) -> RoundReport:
        return self.client().run_round()

    def status(self) -> SyncStatus:
        out: SyncStatus = self.db_call(read_status, configured=self.configured)
        return out
