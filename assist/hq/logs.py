"""Structured JSON logs for the receiver (one object per line on stderr).

Only fixed event names and non-personal fields are logged: method, route, status,
duration, device id, branch, record counts, the staff account name. Never payloads, tokens,
passwords, cookies or query strings.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys

_FIELDS = ("method", "route", "status", "ms", "device", "branch", "records", "code", "instance", "error", "user")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {"ts": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(timespec="milliseconds"),
               "level": record.levelname.lower(), "event": record.getMessage()}
        for f in _FIELDS:
            v = getattr(record, f, None)
            if v is not None:
                out[f] = v
        return json.dumps(out, ensure_ascii=False)


def setup(level: int = logging.INFO) -> logging.Logger:
    log = logging.getLogger("assist.hq")
    if not any(getattr(h, "_assist_hq", False) for h in log.handlers):
        h = logging.StreamHandler(sys.stderr)
        h.setFormatter(JsonFormatter())
        h._assist_hq = True  # type: ignore[attr-defined]
        log.addHandler(h)
    log.setLevel(level)
    log.propagate = False
    return log
