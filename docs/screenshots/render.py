"""Render the panel's main screens into docs/screenshots/ (`make screenshots`).

For each screen size (1366×768, 1920×1080) a fresh Xvfb of that size runs one child process per
language (Chinese, English); the child builds the real panel on the bundled KB (a throw-away
basedir with a filled-in profile), docks it at the right edge (400 px wide, full height) and saves
what the agent sees: the empty state, search results, a card, the call tab during a complaint call,
the complaint form, the saved case, the settings, and the call tab in the dark theme.

``MANIFEST.json`` records a hash of what the pictures depend on (the UI code, the translations and
this script); tests/ui/test_screenshots.py fails when it no longer matches, so the pictures in the
README never fall behind the code. Run: ``make screenshots`` (needs Xvfb).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
ROOT = OUT.parents[1]
SIZES = ((1366, 768), (1920, 1080))
LANGS = ("zh_CN", "en")
SCREENS = ("1-empty", "2-search", "3-card", "4-call", "5-complaint-form", "6-saved-case", "7-settings", "8-dark")
PROFILE = 'schema_version = 1\n[agent]\nstaff_id = "A1024"\nname = "李明"\n[org]\nname = "示例银行北京分行"\n' \
          'branch_code = "0101"\ndevice_id = "PC7"\n'


def inputs_hash() -> str:
    """A hash of every file the screenshots depend on (UI code, translations, this script)."""
    files = sorted([*(ROOT / "assist" / "ui").rglob("*.py"), *(ROOT / "resources" / "i18n" / "zh_CN").glob("*.ts"),
                    Path(__file__)])
    h = hashlib.sha256()
    for f in files:
        h.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()


def main() -> int:
    env0 = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "ASSIST_"))}
    made = []
    for w, h in SIZES:
        r, wr = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(wr), "-screen", "0", f"{w}x{h}x24", "-nolisten", "tcp"],
                                pass_fds=(wr,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(wr)
        with os.fdopen(r) as f:
            display = ":" + f.readline().strip()
        try:
            for lang in LANGS:
                env = {**env0, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
                subprocess.run([sys.executable, __file__, "--child", lang, f"{w}x{h}"], env=env, cwd=ROOT, check=True,
                               timeout=300)
                made += [f"{w}x{h}-{lang}-{s}.png" for s in SCREENS]
        finally:
            xvfb.terminate()
            xvfb.wait(10)
    (OUT / "MANIFEST.json").write_text(json.dumps({"inputs": inputs_hash(), "files": made}, indent=1) + "\n",
                                       encoding="utf-8")
    print(f"{len(made)} screenshots in {OUT.relative_to(ROOT)}")
    return 0


def child(lang: str, size: str) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication

    from assist.app import build_context, build_panel_services
    from assist.paths import Paths
    from assist.ui import theme
    from assist.ui.i18n import Translations
    from assist.ui.launch import create_app
    from assist.ui.panel import build_window

    app = create_app(platform="xcb")
    base = Path(tempfile.mkdtemp(prefix="assist-shots-"))
    paths = Paths.from_basedir(base).ensure()
    paths.settings_file.write_text(PROFILE, encoding="utf-8")
    ctx = build_context(paths=paths, kb=str(ROOT / "kb"))
    tr = Translations(paths.resources_dir / "i18n")
    tr.install(lang)
    services = build_panel_services(ctx, tr)
    view, panel = build_window(services)
    view.show()
    panel.window.dock()

    def settle(ms: int = 300) -> None:
        end = QCoreApplication  # keep the event loop turning until queued work (DB lane results) is shown
        for _ in range(ms // 20):
            end.processEvents()
            services.lane.call(lambda db: None)
            end.processEvents()

    def shot(name: str, widget=None) -> None:
        settle()
        (widget or view).grab().save(str(OUT / f"{size}-{lang}-{name}.png"))

    settle(800)
    for cid in ("card-loss-debit", "fraud-never-ask-otp"):   # something in "recently viewed"
        panel.knowledge.open_card(cid)
    panel.knowledge.back()
    shot("1-empty")
    view.searchBox.setText("guashi")
    panel.knowledge.run_search()
    shot("2-search")
    panel.knowledge.open_card("card-freeze")
    shot("3-card")
    panel.ipc.handle_message({"cmd": "call_start", "caller": "13812345678", "topic": "信用卡年费", "call_type": "投诉"})
    page = panel.call_page
    page.next_stage()
    page.next_stage()
    shot("4-call")
    view.actNewComplaint.trigger()
    form, fv = panel.complaints.form, panel.complaints.view
    for f, v in (("complainant_name", "张三"), ("contact_phone", "13812345678"), ("respondent_org", "朝阳支行"),
                 ("request", "退还年费"), ("facts", "客户称未被告知即扣年费，要求退还；如不处理将向12378投诉。")):
        fv.set_value(f, v)
    for f, v in (("channel_A", "A0302"), ("business_B", "B03"), ("reason_C", "C07"), ("demand_D", ["D02"])):
        fv.set_value(f, v)
    form.update_risk()
    shot("5-complaint-form")
    form.save()
    for _ in range(100):
        settle(100)
        if form.last_saved is not None:
            break
    shot("6-saved-case")
    dlg = panel.window.open_settings()
    shot("7-settings", dlg)
    dlg.reject()
    theme.apply(app, "dark", 100)
    panel.show_tab("call")
    shot("8-dark")
    theme.apply(app, "light", 100)
    services.lane.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.exit(child(sys.argv[2], sys.argv[3]))
    sys.exit(main())
