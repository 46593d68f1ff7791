"""A sync client in its own process (so a test can SIGKILL it mid-batch).

python -m tests.sync.client_proc DB_PATH URL TOKEN BATCH_SIZE
"""

import sys

from assist.schema import open_app_db as open_db
from tests.sync.conftest import make_client

if __name__ == "__main__":
    path, url, token, batch = sys.argv[1:5]
    db = open_db(path)
    report = make_client(db, url, token, batch=int(batch)).run_round()
    print("ok" if report.ok else f"failed {report.error.code}", flush=True)
    sys.exit(0 if report.ok else 1)
