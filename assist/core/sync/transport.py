"""HTTPS transport to the head-office receiver (httpx).

TLS is always verified: against ``ca_bundle`` (a PEM file with the bank's CA) when set,
else the system CAs. Every failure becomes a :class:`SyncError` with a stable ``code``
(see :mod:`assist.core.sync.messages` for the words) and whether retrying can help.
"""

from __future__ import annotations

import hashlib
import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assist.core.sync import protocol
from assist.core.sync.backoff import parse_retry_after

if TYPE_CHECKING:
    import httpx

# httpx (with what it pulls in, ~18 MB resident) is imported when the first transport is made,
# not when the panel starts: most panels start offline or sync minutes later.


class SyncError(Exception):
    def __init__(self, code: str, message: str, *, retryable: bool = False, retry_after: float | None = None,
                 status: int | None = None):
        super().__init__(message)
        self.code = code
        self.retryable = retryable
        self.retry_after = retry_after
        self.status = status


@dataclass(frozen=True)
class Timeouts:
    connect: float = 5.0
    read: float = 15.0       # a stalled server is given up after this
    write: float = 15.0
    pool: float = 5.0


_STATUS_CODES = {400: "bad_request", 401: "auth", 403: "forbidden", 404: "not_found", 409: "not_owner",
                 413: "too_large", 422: "bad_request", 429: "busy", 503: "busy"}


class HttpTransport:
    def __init__(self, base_url: str, token: str, *, ca_bundle: str = "", proxy: str = "",
                 timeouts: Timeouts = Timeouts(), user_agent: str = "assist-sync/1"):
        if not base_url:
            raise SyncError("not_configured", "sync.url is empty")
        if not token:
            raise SyncError("no_token", "no device token in the keyring")
        verify: Any = True
        if ca_bundle:
            if not Path(ca_bundle).is_file():
                raise SyncError("tls", f"CA bundle {ca_bundle} does not exist")
            verify = ssl.create_default_context(cafile=ca_bundle)
        import httpx

        self._client = httpx.Client(
            base_url=base_url.rstrip("/") + protocol.API, verify=verify, proxy=proxy or None, trust_env=False,
            timeout=httpx.Timeout(connect=timeouts.connect, read=timeouts.read, write=timeouts.write, pool=timeouts.pool),
            headers={"Authorization": f"Bearer {token}", "User-Agent": user_agent, "Accept": "application/json"})

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ---------------------------------------------------------------------------
    def _send(self, method: str, path: str, **kw: Any) -> httpx.Response:
        import httpx

        try:
            r = self._client.request(method, path, **kw)
        except httpx.TimeoutException as exc:
            raise SyncError("timeout", f"{type(exc).__name__} after waiting for the server", retryable=True) from None
        except httpx.ConnectError as exc:
            text = str(exc)
            if "CERTIFICATE_VERIFY_FAILED" in text or ("SSL" in text.upper() and "certificate" in text.lower()):
                raise SyncError("tls", f"TLS certificate not trusted: {text[:200]}") from None
            raise SyncError("offline", f"cannot connect: {text[:200]}", retryable=True) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.ProxyError) as exc:
            raise SyncError("dropped", f"connection dropped: {type(exc).__name__}", retryable=True) from None
        except httpx.TransportError as exc:
            raise SyncError("offline", f"{type(exc).__name__}: {str(exc)[:200]}", retryable=True) from None
        if r.status_code >= 400:
            self._raise_for(r)
        return r

    @staticmethod
    def _raise_for(r: httpx.Response) -> None:
        try:
            err = r.json().get("error") or {}
            message = str(err.get("message") or "")
        except (ValueError, AttributeError):
            message = ""
        message = message or r.text[:200] or r.reason_phrase
        code = _STATUS_CODES.get(r.status_code, "server_error" if r.status_code >= 500 else "bad_request")
        retryable = r.status_code in (429, 503) or r.status_code >= 500
        raise SyncError(code, f"HTTP {r.status_code}: {message}", retryable=retryable,
                        retry_after=parse_retry_after(r.headers.get("Retry-After")), status=r.status_code)

    def _json(self, r: httpx.Response) -> Any:
        try:
            return r.json()
        except ValueError:
            raise SyncError("bad_response", f"HTTP {r.status_code}: the server did not answer JSON", retryable=True) from None

    def health(self) -> dict[str, Any]:
        out: dict[str, Any] = self._json(self._send("GET", "/health"))
        return out

    def push(self, branch: str, records: list[protocol.Record]) -> list[protocol.Result]:
        body = {"branch": branch, "records": [r.to_json() for r in records], "per_record": True}
        data = self._json(self._send("POST", "/records", json=body))
        try:
            return protocol.parse_results(data)
        except protocol.ProtocolError as exc:
            raise SyncError("bad_response", f"unexpected push answer: {exc}", retryable=True) from None

    def updates(self, after: int, limit: int = 200) -> tuple[list[protocol.Update], int]:
        data = self._json(self._send("GET", "/updates", params={"after": after, "limit": limit}))
        try:
            return protocol.parse_updates(data)
        except protocol.ProtocolError as exc:
            raise SyncError("bad_response", f"unexpected updates answer: {exc}", retryable=True) from None

    def latest_pack(self) -> dict[str, Any] | None:
        try:
            latest: dict[str, Any] | None = self._json(self._send("GET", "/kb/latest"))
            return latest
        except SyncError as exc:
            if exc.status == 404:
                return None
            raise

    def download_pack(self, version: str, sha256: str, dest: Path) -> Path:
        """Stream the pack to ``dest`` (atomic), checking its sha256 against the listing."""
        tmp = dest.with_name(dest.name + ".part")
        import httpx

        h = hashlib.sha256()
        try:
            with self._client.stream("GET", f"/kb/packs/{version}") as r:
                if r.status_code >= 400:
                    r.read()
                    self._raise_for(r)
                with open(tmp, "wb") as fh:
                    for chunk in r.iter_bytes():
                        h.update(chunk)
                        fh.write(chunk)
        except httpx.TransportError as exc:
            tmp.unlink(missing_ok=True)
            raise SyncError("dropped", f"pack download failed: {type(exc).__name__}", retryable=True) from None
        if h.hexdigest() != sha256:
            tmp.unlink(missing_ok=True)
            raise SyncError("kb_pack", f"downloaded pack {version} does not match its sha256; discarded", retryable=True)
        os.replace(tmp, dest)
        return dest
