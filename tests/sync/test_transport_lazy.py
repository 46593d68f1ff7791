"""httpx is imported by the first transport, not by starting the panel (footprint, issue 17)."""

from __future__ import annotations

import subprocess
import sys


def test_the_sync_service_imports_httpx_only_when_a_transport_is_made():
    code = ("import sys; import assist.core.sync.service as s; print('httpx' in sys.modules); "
            "from assist.core.sync.transport import HttpTransport; "
            "t = HttpTransport('https://hq.example', 'token'); print('httpx' in sys.modules); t.close()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "True"]
