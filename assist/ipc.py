"""Single-instance protocol, Qt-free client side (used by `assist open` and softphones).

Transport: a local socket per user and per basedir. On Linux/macOS a Unix domain
socket at ``<runtime_dir>/panel.sock``; on Windows the named pipe
``\\\\.\\pipe\\assist-<user>-<hash>``. The panel's QLocalServer listens there.

Message: ONE line of UTF-8 JSON terminated by ``\\n``, for example::

    {"v": 1, "cmd": "show"}
    {"v": 1, "cmd": "open", "query": "退款"}
    {"v": 1, "cmd": "call_start", "caller": "138****5678", "topic": "信用卡", "call_type": "投诉", "direction": "呼入"}
    {"v": 1, "cmd": "call_end"}
    {"v": 1, "cmd": "quit"}

Optional ``"id"``: a string; the panel applies a message with the same id only once
(so a client may safely retry after a timeout). String fields must be strings.

Reply: one line, ``ok`` or ``error: <reason>`` (the panel then closes the connection). Callers' numbers must be masked by
the client before sending (``assist open`` does this); the panel masks again.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
import sys
import tempfile
from pathlib import Path

PROTOCOL_VERSION = 1


def server_name(runtime_dir: Path) -> str:
    """What QLocalServer.listen() gets: a full socket path (Unix) or a pipe name (Windows)."""
    if sys.platform == "win32":
        h = hashlib.sha1(str(runtime_dir).encode()).hexdigest()[:10]
        return f"assist-{getpass.getuser()}-{h}"
    path = str(runtime_dir / "panel.sock")
    if len(path.encode()) > 100:  # AF_UNIX paths are limited to ~108 bytes
        h = hashlib.sha1(path.encode()).hexdigest()[:12]
        return os.path.join(tempfile.gettempdir(), f"assist-{os.getuid()}-{h}.sock")
    return path


class PanelBusy(Exception):
    """A panel is listening but did not answer in time (still starting, or busy)."""


def send(runtime_dir: Path, message: dict, timeout: float = 3.0) -> str:
    """Send one message to a running panel.

    Raises ConnectionError when no panel listens (no socket, or connection refused) and
    PanelBusy when one accepted the connection but did not answer in time. Give the
    message an ``"id"`` to make a retry safe: the panel applies each id once.
    """
    data = (json.dumps({"v": PROTOCOL_VERSION, **message}, ensure_ascii=False) + "\n").encode("utf-8")
    name = server_name(runtime_dir)
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        try:
            with open(rf"\\.\pipe\{name}", "r+b", buffering=0) as pipe:
                pipe.write(data)
                return pipe.readline().decode("utf-8").strip()
        except OSError as exc:
            raise ConnectionError(str(exc)) from exc
    if not os.path.exists(name):
        raise ConnectionError("no panel is listening")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(name)
    except OSError as exc:  # ECONNREFUSED / ENOENT: a stale socket, nobody listens
        s.close()
        raise ConnectionError(str(exc)) from exc
    try:
        s.sendall(data)
        buf = b""
        while not buf.endswith(b"\n"):
            chunk = s.recv(4096)
            if not chunk:
                break
            buf += chunk
        if not buf:
            raise PanelBusy("the panel closed the connection without answering")
        return buf.decode("utf-8").strip()
    except TimeoutError as exc:
        raise PanelBusy(f"no answer within {timeout:.0f} s") from exc
    except OSError as exc:
        raise PanelBusy(str(exc)) from exc
    finally:
        s.close()


def parse_message(line: bytes) -> dict:
    """Parse and validate one message (server side). Raises ValueError with a reason."""
    try:
        msg = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a JSON line: {exc}") from exc
    if not isinstance(msg, dict) or msg.get("cmd") not in ("show", "open", "call_start", "call_end", "quit"):
        raise ValueError("unknown or missing 'cmd' (show, open, call_start, call_end, quit)")
    from assist.core.text import LINE_MAX, TextTooLong, clean_text

    for key in ("query", "caller", "caller_full", "customer_name", "topic", "call_type", "direction", "id"):
        if key in msg and not isinstance(msg[key], str):
            raise ValueError(f"field '{key}' must be a string")
        if key in msg:
            try:
                msg[key] = clean_text(msg[key], field=key, limit=LINE_MAX)
            except TextTooLong as exc:
                raise ValueError(f"field {exc}") from None
    return msg
