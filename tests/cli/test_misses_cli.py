import json

from assist.app import main
from assist.core.storage import panel
from assist.paths import Paths
from assist.schema import open_app_db as open_db


def test_kb_misses_lists_masked_queries_most_frequent_first(tmp_path, capsys):
    paths = Paths.from_basedir(tmp_path).ensure()
    db = open_db(paths.db_file)
    for at in ("2026-11-26T10:00:00+08:00", "2026-11-26T10:05:00+08:00"):
        panel.record_miss(db, "火星开户", at, "v1")
    panel.record_miss(db, "手机号138****5678", "2026-11-26T10:06:00+08:00", "v1")
    db.conn.close()
    assert main(["--basedir", str(tmp_path), "kb", "misses", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {"query": "火星开户", "count": 2, "last": "2026-11-26T10:05:00+08:00"}
    assert rows[1]["query"] == "手机号138****5678"
    assert main(["--basedir", str(tmp_path), "kb", "misses"]) == 0
    assert "    2  火星开户" in capsys.readouterr().out


def test_kb_misses_on_a_fresh_basedir(tmp_path, capsys):
    assert main(["--basedir", str(tmp_path), "kb", "misses"]) == 0
    assert "no search misses" in capsys.readouterr().out
