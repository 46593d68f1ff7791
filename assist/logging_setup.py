"""JSON-lines logging: the panel and the commands to the user log folder (rotated, owner-only),
the head-office receiver to its standard error (:func:`setup_stream_logging`). One format for both.

Privacy: log messages are fixed English strings with structured, non-personal
fields. Never pass user-typed text; if you must, pass it through
``assist.core.privacy.mask`` first.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import sys
import time
from typing import Any

from assist.paths import Paths

_CONFIGURED: set[str] = set()


class JsonFormatter(logging.Formatter):
    def __init__(self, process: str):
        super().__init__()
        self.process = process

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "proc": self.process,
            "pid": os.getpid(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(entry, ensure_ascii=False)


class _OwnerOnlyRotatingHandler(logging.handlers.RotatingFileHandler):
    """Every log file, the rotated ones included, is readable by its owner only."""

    def _open(self):
        old = os.umask(0o077)
        try:
            return super()._open()
        finally:
            os.umask(old)


def setup_logging(paths: Paths, process: str = "cli", level: int = logging.INFO) -> None:
    key = str(paths.log_file)
    if key in _CONFIGURED:
        return
    paths.log_dir.mkdir(parents=True, exist_ok=True)
    handler = _OwnerOnlyRotatingHandler(paths.log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(JsonFormatter(process))
    if sys.platform != "win32":
        try:
            if not paths.log_file.exists():
                paths.log_file.touch(mode=0o600)
            os.chmod(paths.log_file, 0o600)
        except OSError:
            pass
    root = logging.getLogger("assist")
    root.setLevel(level)
    root.addHandler(handler)
    _CONFIGURED.add(key)


def setup_stream_logging(logger_name: str = "assist.hq", process: str = "hq", level: int = logging.INFO) -> logging.Logger:
    """JSON lines on standard error for a server (the head-office receiver: its service manager or
    container collects them), in the same format as the panel's log file. Idempotent."""
    log = logging.getLogger(logger_name)
    if not any(getattr(h, "_assist_stream", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter(process))
        handler._assist_stream = True  # type: ignore[attr-defined]
        log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False
    return log


def log_event(logger: logging.Logger, msg: str, **fields: Any) -> None:
    """Log ``msg`` (a fixed string) with structured, non-personal fields."""
    logger.info(msg, extra={"fields": fields})
