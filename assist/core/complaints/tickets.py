"""Ticket numbers unique across branches while offline.

``{branch}-{device}-{YYYYMMDD}-{seq:04d}``: the branch code and the device id (settings
``org.branch_code`` / ``org.device_id``) make the prefix unique per PC, and the per-day
sequence is one atomic ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` in ``ticket_seq``,
so two panels on one PC (one database file) never get the same number. Call inside the
save transaction so a rolled-back save also rolls back its number.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
from typing import Any

from sqlite_utils import Database

_CODE = re.compile(r"^[A-Za-z0-9]{1,12}$")
_B32 = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"   # no I/O/0/1: easy to read over the phone


class TicketError(ValueError):
    pass


def make_device_id(length: int = 6) -> str:
    """A fresh random device id for ``org.device_id`` (first start)."""
    return "".join(secrets.choice(_B32) for _ in range(length))


def device_id(settings: Any) -> str:
    """This PC's device id (setting ``org.device_id``), made and stored on its first save. If the
    settings cannot be written, the id still serves this session (and the log says so)."""
    device = str(settings.get("org.device_id") or "")
    if not device:
        device = make_device_id()
        settings.set("org.device_id", device)
        try:
            settings.save()
        except OSError as exc:
            logging.getLogger("assist.complaints").warning("could not store the device id",
                                                           extra={"fields": {"error": type(exc).__name__}})
    return device


def next_ticket_no(db: Database, branch: str, device: str, day: dt.date) -> str:
    for name, v in (("branch code (org.branch_code)", branch), ("device id (org.device_id)", device)):
        if not _CODE.match(v or ""):
            raise TicketError(f"{name} {v!r} must be 1–12 letters or digits; set it in settings / 请在设置中填写网点代码和设备编号")
    d = day.strftime("%Y%m%d")
    row = db.execute(
        """INSERT INTO ticket_seq (branch, device, day, seq) VALUES (?, ?, ?, 1)
           ON CONFLICT (branch, device, day) DO UPDATE SET seq = seq + 1
           RETURNING seq""",
        [branch.upper(), device.upper(), d],
    ).fetchone()
    return f"{branch.upper()}-{device.upper()}-{d}-{row[0]:04d}"
