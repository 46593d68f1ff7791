"""The receiver wrapped in a fault injector (tests and benchmarks only).

``uvicorn --factory tests.sync.faultapp:create_app`` with ``ASSIST_HQ_FAULTS`` = JSON:
  error      probability of answering 500 without touching the database
  busy       probability of 503 + ``Retry-After: 0`` without touching the database
  drop       probability of processing the request, then dropping the connection mid-response
  stall      probability of stalling ``stall_s`` seconds (past the client's timeout) first
  slow_before_s / slow_after_s   sleep before / after processing every push (kill windows)
  seed       RNG seed (per process)
Only ``POST /v1/records`` and ``GET /v1/updates`` are faulted; health always answers.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
from typing import Any

from assist.hq.app import create_app as real_app


class Faults:
    def __init__(self, app: Any, cfg: dict[str, Any]):
        self.app, self.cfg = app, cfg
        self.rng = random.Random(cfg.get("seed", os.getpid()))

    async def _reply(self, send: Any, status: int, headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
        body = json.dumps({"error": {"code": "injected", "message": f"injected fault {status}"}}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        faulted = scope["type"] == "http" and scope["path"] in ("/v1/records", "/v1/updates")
        if not faulted:
            return await self.app(scope, receive, send)
        c, roll = self.cfg, self.rng.random()
        edges = [("error", c.get("error", 0))]
        edges += [("busy", c.get("busy", 0)), ("drop", c.get("drop", 0)), ("stall", c.get("stall", 0))]
        pick, acc = None, 0.0
        for name, p in edges:
            acc += p
            if roll < acc:
                pick = name
                break
        if pick == "error":
            return await self._reply(send, 500)
        if pick == "busy":
            return await self._reply(send, 503, [(b"retry-after", b"0")])
        if pick == "stall":
            await asyncio.sleep(float(c.get("stall_s", 2.0)))
        if scope["path"] == "/v1/records" and c.get("slow_before_s"):
            await asyncio.sleep(float(c["slow_before_s"]))
        if pick != "drop" and not (scope["path"] == "/v1/records" and c.get("slow_after_s")):
            return await self.app(scope, receive, send)
        held: list[Any] = []

        async def capture(msg: Any) -> None:
            held.append(msg)

        await self.app(scope, receive, capture)
        if pick != "drop":
            await asyncio.sleep(float(c["slow_after_s"]))
            for m in held:
                await send(m)
            return
        start = next(m for m in held if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in held if m["type"] == "http.response.body")
        await send(start)
        await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
        raise ConnectionAbortedError("injected: connection dropped mid-response")


def create_app() -> Any:
    cfg = json.loads(os.environ.get("ASSIST_HQ_FAULTS") or "{}")
    return Faults(real_app(), cfg)
