"""The head-office receiver: a Starlette app implementing protocol /v1.

Run: ``uvicorn --factory assist.hq.app:create_app`` (database from ``ASSIST_HQ_DB``)
or ``assist-hq serve``. Stateless: every request reads and writes the database only.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from assist.core.sync import protocol
from assist.core.text import clean_text
from assist.hq.store import Device, Forbidden, Refused, Store
from assist.logging_setup import setup_stream_logging

ENV_DB = "ASSIST_HQ_DB"
ENV_MAX_BODY = "ASSIST_HQ_MAX_BODY"
ENV_KB = "ASSIST_HQ_KB"              # the KB folder packs are built from (web publishing of notices)
ENV_PACK_KEY = "ASSIST_HQ_PACK_KEY"  # the pack signing key (web publishing of notices)
DEFAULT_DB = "sqlite:///assist-hq.sqlite3"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    # messages may quote what was sent: never let a lone surrogate or NUL break the answer
    return JSONResponse(protocol.error_body(code, clean_text(message)[:1000]), status_code=status, headers=headers)


async def _body_json(request: Request, limit: int) -> Any:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "too_large", f"request body is {declared} bytes; the limit is {limit} bytes — send smaller batches")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"request body exceeds the limit of {limit} bytes — send smaller batches")
        chunks.append(chunk)
    if "json" not in request.headers.get("content-type", ""):
        raise ApiError(400, "bad_request", "Content-Type must be application/json")
    try:
        return protocol.loads(b"".join(chunks))
    except protocol.ProtocolError as exc:
        raise ApiError(400, exc.code, str(exc)) from None


async def _device(request: Request) -> Device:
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", "missing device token: send 'Authorization: Bearer <token>'",
                       {"WWW-Authenticate": "Bearer"})
    dev = await run_in_threadpool(request.app.state.store.device_for_token, token.strip())
    if dev is None:
        raise ApiError(401, "unauthorized", "unknown device token", {"WWW-Authenticate": "Bearer"})
    if dev.revoked_at:
        raise ApiError(401, "revoked", "this device token was revoked; register the device again", {"WWW-Authenticate": "Bearer"})
    request.state.device = dev
    return dev


async def health(request: Request) -> Response:
    try:
        ok = await run_in_threadpool(request.app.state.store.ping)
    except Exception as exc:  # noqa: BLE001 - health must answer, not crash
        return error(503, "database", f"database unavailable: {type(exc).__name__}")
    if not ok:
        return error(503, "schema", "database schema is not migrated; run `assist-hq migrate`")
    return JSONResponse({"status": "ok", "protocol": 1, "database": request.app.state.store.db.dialect})


async def push(request: Request) -> Response:
    dev = await _device(request)
    body = await _body_json(request, request.app.state.max_body)
    try:
        batch = protocol.parse_batch(body)
    except protocol.ProtocolError as exc:
        raise ApiError(400, exc.code, str(exc)) from None
    if batch.branch != dev.branch:
        raise ApiError(403, "forbidden", f"this device is registered for branch {dev.branch}; it may not write branch {batch.branch}")
    if batch.rejected and not batch.per_record:  # a 0.1.0 client: the whole batch, as before
        raise ApiError(400, "bad_request", batch.rejected[0].message)
    try:
        results = await run_in_threadpool(request.app.state.store.upsert, dev, batch.records,
                                          all_or_nothing=not batch.per_record) if batch.records else []
    except Refused as exc:
        code = exc.code if exc.code in ("forbidden", "not_owner") else "bad_request"
        raise ApiError(protocol.REJECT_STATUS.get(exc.code, 400), code, str(exc)) from None
    except Forbidden as exc:
        raise ApiError(403, "forbidden", str(exc)) from None
    pos = batch.positions or {}
    results = [dataclasses.replace(r, index=pos.get((r.kind, r.id, r.revision))) if r.status == protocol.REJECTED else r
               for r in results]
    results = sorted(batch.rejected + results, key=lambda r: pos.get((r.kind, r.id, r.revision), r.index or 0))
    request.state.records = len(batch.records)
    request.state.code = "rejected" if any(r.status == protocol.REJECTED for r in results) else None
    return JSONResponse({"results": [r.to_json() for r in results]})


def _int_param(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 20) or not lo <= int(raw) <= hi:
        raise ApiError(400, "bad_request", f"query parameter '{name}' must be an integer from {lo} to {hi}")
    return int(raw)


async def updates(request: Request) -> Response:
    dev = await _device(request)
    after = _int_param(request, "after", 0, 0, protocol.MAX_CURSOR)
    limit = _int_param(request, "limit", 200, 1, 1000)
    items, nxt = await run_in_threadpool(request.app.state.store.updates_for, dev, after, limit)
    return JSONResponse({"updates": items, "next": nxt})


async def kb_latest(request: Request) -> Response:
    await _device(request)
    info = await run_in_threadpool(request.app.state.store.latest_pack)
    if info is None:
        return error(404, "no_pack", "head office has not published a KB pack yet")
    return JSONResponse(info)


async def kb_pack(request: Request) -> Response:
    await _device(request)
    version = request.path_params["version"]
    data = await run_in_threadpool(request.app.state.store.pack_bytes, version)
    if data is None:
        return error(404, "no_pack", f"no KB pack with version {version[:40]}")
    return Response(data, media_type="application/zip")


async def api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    request.state.code = exc.code
    return error(exc.status, exc.code, exc.message, exc.headers)


async def internal(request: Request, exc: Exception) -> Response:
    return error(500, "internal", "internal error in the receiver; it was logged")


async def not_found(request: Request, exc: Exception) -> Response:
    if request.url.path.startswith("/hq"):
        from assist.hq import web

        return web.not_found(request)
    return error(404, "not_found", f"no such endpoint {request.method} {request.url.path[:100]}; see docs/protocol/openapi.yaml")


async def method_not_allowed(request: Request, exc: Exception) -> Response:
    allow = (getattr(exc, "headers", None) or {}).get("Allow", "")
    return error(405, "method_not_allowed", f"{request.method} is not allowed on {request.url.path[:100]}; allowed: {allow}",
                 {"Allow": allow} if allow else None)


class Observe:
    """ASGI middleware: a crash → 500 JSON error body; one log line per request."""

    def __init__(self, app: Any, log: Any):
        self.app, self.log = app, log

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0, status, started = time.perf_counter(), [0], [False]

        async def send_wrapper(msg: Any) -> None:
            if msg["type"] == "http.response.start":
                status[0], started[0] = msg["status"], True
            await send(msg)

        code = None
        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:  # noqa: BLE001
            code = "internal"
            self.log.error("unhandled error", extra={"fields": {"error": type(exc).__name__, "route": scope.get("path", "")[:100]}})
            if not started[0]:
                await error(500, "internal", "internal error in the receiver; it was logged")(scope, receive, send_wrapper)
        st = scope.get("state", {})
        dev = st.get("device")
        fields = {"method": scope["method"], "route": scope.get("path", "")[:100], "status": status[0],
                  "ms": round((time.perf_counter() - t0) * 1000, 1), "code": code or st.get("code"),
                  "device": dev.id if dev else None, "branch": dev.branch if dev else None,
                  "records": st.get("records"), "user": st.get("user")}
        self.log.info("request", extra={"fields": {k: v for k, v in fields.items() if v is not None}})


def create_app(db_url: str | None = None, *, max_body: int | None = None, migrate: bool = True,
               kb_dir: str | None = None, pack_key: str | None = None) -> Any:
    """The receiver: protocol /v1 for devices and the staff web view under /hq/. Notices can be
    published from the web view only when both the KB folder and the signing key are given
    (arguments, or $ASSIST_HQ_KB and $ASSIST_HQ_PACK_KEY)."""
    from pathlib import Path

    from assist.hq import web
    from assist.hq.auth import Accounts

    log = setup_stream_logging()
    store = Store(db_url or os.environ.get(ENV_DB, DEFAULT_DB))
    kb_dir = kb_dir or os.environ.get(ENV_KB) or None
    pack_key = pack_key or os.environ.get(ENV_PACK_KEY) or None

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        if migrate:
            await run_in_threadpool(store.migrate)
        log.info("receiver started", extra={"fields": {"instance": os.getpid()}})
        yield
        store.close()

    app = Starlette(routes=[
        Route(f"{protocol.API}/health", health, methods=["GET"]),
        Route(f"{protocol.API}/records", push, methods=["POST"]),
        Route(f"{protocol.API}/updates", updates, methods=["GET"]),
        Route(f"{protocol.API}/kb/latest", kb_latest, methods=["GET"]),
        Route(f"{protocol.API}/kb/packs/{{version}}", kb_pack, methods=["GET"]),
        *web.routes(),
    ], exception_handlers={ApiError: api_error, Exception: internal, 404: not_found, 405: method_not_allowed}, lifespan=lifespan)
    app.state.store = store
    app.state.accounts = Accounts(store.db)
    app.state.publish = (Path(kb_dir), Path(pack_key)) if kb_dir and pack_key else None
    app.state.max_body = max_body or int(os.environ.get(ENV_MAX_BODY, protocol.MAX_BODY))
    return Observe(app, log)
