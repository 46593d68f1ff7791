"""Exponential backoff with full jitter, honouring a server's ``Retry-After``.

Clock, sleep and RNG are injected so tests run instantly and deterministically.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 0.5           # first delay ceiling, seconds
    factor: float = 2.0
    cap: float = 60.0           # no single wait longer than this
    max_attempts: int = 6       # tries per operation, the first included
    rng: random.Random = field(default_factory=random.Random)
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed try number ``attempt`` (1-based).

        Full jitter: uniform in [0, min(cap, base * factor**(attempt-1))]. A server's
        Retry-After is a floor (capped), so a busy server is never hammered earlier."""
        ceiling = min(self.cap, self.base * self.factor ** max(0, attempt - 1))
        d = self.rng.uniform(0, ceiling)
        if retry_after is not None:
            d = max(d, min(self.cap, retry_after))
        return d

    def wait(self, attempt: int, retry_after: float | None = None) -> float:
        d = self.delay(attempt, retry_after)
        if d > 0:
            self.sleep(d)
        return d


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now())
