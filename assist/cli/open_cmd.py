"""`assist open`: bring the panel up (starting it if needed), optionally with a query or a call."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from assist import ipc


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("open", help="show the running panel (start it if needed), search a query, start/end a call")
    p.add_argument("--query", help="search this text in the panel")
    p.add_argument("--call-start", action="store_true", help="record the start of a call")
    p.add_argument("--caller", help="caller number; use '-' to read it from standard input, which other users cannot "
                                    "see (a number on the command line is visible in the process list)")
    p.add_argument("--customer-name", help="the customer's name from the CRM (prefills a complaint form; never logged)")
    p.add_argument("--topic", help="call topic, e.g. 信用卡")
    p.add_argument("--call-type", help="call type, e.g. 投诉, 挂失, 理财")
    p.add_argument("--direction", choices=("inbound", "outbound", "呼入", "外呼"),
                   help="the call's direction (default: inbound); it picks the opening scripts")
    p.add_argument("--call-end", action="store_true", help="record the end of the current call")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a new panel to start")
    p.set_defaults(func=run)


def _mask_caller(number: str) -> str:
    """The privacy module's masking; a number it does not recognise (an extension, a landline
    without area code) still loses all but its first 3 and last 4 digits."""
    from assist.core.privacy import mask

    masked = mask(number)
    if masked != number:
        return masked
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) >= 7:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return "*" * len(digits)


def build_messages(args: argparse.Namespace) -> list[dict]:
    if args.caller == "-":
        args.caller = sys.stdin.readline().strip()
    msgs: list[dict] = []
    if args.call_start:
        # "caller" is masked for display and records; "caller_full" travels only over the user-only local
        # socket and stays in the panel's memory to prefill the callback number (stored encrypted if at all).
        msgs.append({"cmd": "call_start", "caller": _mask_caller(args.caller or ""), "caller_full": args.caller or "",
                     "customer_name": args.customer_name or "", "topic": args.topic or "", "call_type": args.call_type or ""})
        if getattr(args, "direction", None):
            msgs[-1]["direction"] = args.direction
    if args.query is not None:
        msgs.append({"cmd": "open", "query": args.query})
    if args.call_end:
        msgs.append({"cmd": "call_end"})
    return msgs or [{"cmd": "show"}]


def _start_panel(args: argparse.Namespace, ctx) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "assist"] if not getattr(sys, "frozen", False) else [sys.executable]
    cmd += ["--basedir", str(ctx.paths.config_dir.parent)] if ctx.paths.portable else []
    if args.kb:
        cmd += ["--kb", args.kb]
    if args.lang:
        cmd += ["--lang", args.lang]
    log = open(os.devnull, "wb")
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)


def _deliver(runtime, msg: dict, deadline: float, start) -> str:
    """Send ``msg`` until a panel answers; start one if none listens. The message id makes
    a retry after a timeout safe (the panel applies each id once)."""
    proc = None
    while True:
        try:
            return ipc.send(runtime, msg)
        except ConnectionError:
            if proc is None:
                proc = start()
            elif proc.poll() is not None:
                raise RuntimeError(f"the panel exited at start (code {proc.returncode}); run `assist doctor`") from None
        except ipc.PanelBusy:
            pass  # starting or busy: wait and retry the same message
        if time.monotonic() > deadline:
            raise RuntimeError("no panel answered in time; run `assist doctor`")
        time.sleep(0.1)


def run(args: argparse.Namespace, ctx) -> int:
    import uuid

    runtime = ctx.paths.runtime_dir
    deadline = time.monotonic() + args.timeout
    try:
        for m in build_messages(args):
            m["id"] = uuid.uuid4().hex
            reply = _deliver(runtime, m, deadline, lambda: _start_panel(args, ctx))
            if not reply.startswith("ok"):
                print(f"assist open: panel replied {reply!r}", file=sys.stderr)
                return 1
    except RuntimeError as exc:
        print(f"assist open: {exc}", file=sys.stderr)
        return 1
    return 0
