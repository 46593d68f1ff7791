"""Time as stored and as shown: every bookkeeping time is stored in UTC (ISO 8601, ``+00:00``);
the screen shows the PC's local time. Business dates the agent types (when a complaint was
received, an agreed reply date) are wall-clock times of the branch and stay as typed: the
deadline rules count calendar days where the customer lives (ARCHITECTURE.md, "Time").
"""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def utc_stamp(at: dt.datetime | None = None, timespec: str = "seconds") -> str:
    """``at`` (default: now) as a stored time: UTC, ISO 8601. A naive ``at`` is taken as local time."""
    at = at or utc_now()
    if at.tzinfo is None:
        at = at.astimezone()
    return at.astimezone(dt.UTC).isoformat(timespec=timespec)


def local_time(stamp: str) -> dt.datetime | None:
    """A stored time on this PC's clock. A time without offset (written by 0.1.0) was local
    already and is returned as it is; None for text that is not a time."""
    try:
        at = dt.datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None
    return at.astimezone() if at.tzinfo is not None else at


def local_minute(stamp: str) -> str:
    """``YYYY-MM-DD HH:MM`` in local time, for the screen (an unreadable stamp is shown as it is)."""
    at = local_time(stamp or "")
    return at.strftime("%Y-%m-%d %H:%M") if at is not None else (stamp or "")[:16].replace("T", " ")


def local_second(stamp: str) -> str:
    """``YYYY-MM-DD HH:MM:SS`` in local time, for the screen (an unreadable stamp is shown as it is)."""
    at = local_time(stamp or "")
    return at.strftime("%Y-%m-%d %H:%M:%S") if at is not None else (stamp or "")[:19].replace("T", " ")
