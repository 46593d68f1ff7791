"""The panel and the command line judge complaints with the rules of the ACTIVE KB.

0.1.0's panel read the complaint taxonomy and risk rules of the bundled KB while the CLI read the
active one, so after a signed pack was imported the two disagreed. Here a pack adds a hotline
name to the 监管 (regulator) cue; the panel's form, the panel's save, `assist complaints risk`
and `assist complaints add` must all raise the flag — before the pack none of them does.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil

from assist.app import main
from assist.core.kb import packs
from assist.paths import Paths
from tests.conftest import REPO, type_chinese
from tests.ui.test_complaint_form import fill_common

TEXT = "客户说再不处理就打蓝鲸热线投诉你们"   # 蓝鲸热线: a hotline only the pack knows
INTAKE = {"complainant_type": "本人", "complainant_name": "张三", "contact_phone": "13812345678",
          "source": "客服热线", "received_at": "2026-11-26T09:30", "respondent_org": "朝阳支行",
          "channel_A": "A0302", "business_B": "B03", "reason_C": "C07", "demand_D": ["D02"],
          "request": "退还年费", "facts": TEXT}


def make_pack(tmp_path, version: str = "2099.1.1"):
    kb = tmp_path / "packkb"
    shutil.copytree(REPO / "kb", kb)
    (kb / "VERSION").write_text(version + "\n", encoding="utf-8")
    risk = kb / "rules" / "risk.yaml"
    text = risk.read_text(encoding="utf-8")
    assert "      - 12378|12363|" in text
    risk.write_text(text.replace("      - 12378|12363|", "      - 蓝鲸热线|12378|12363|", 1), encoding="utf-8")
    pub = packs.keygen(tmp_path / "hq.key")
    packs.build_pack(kb, tmp_path / "hq.key", tmp_path / "kb.pack")
    return tmp_path / "kb.pack", pub


def cli_risk(basedir, tmp_path) -> dict:
    f = tmp_path / "risk-in.txt"
    f.write_text(TEXT + "\n", encoding="utf-8")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["--basedir", str(basedir), "complaints", "risk", str(f), "--json"]) == 0
    return json.loads(buf.getvalue().splitlines()[0])


def cli_add(basedir, tmp_path) -> dict:
    f = tmp_path / "intake.json"
    f.write_text(json.dumps(INTAKE, ensure_ascii=False), encoding="utf-8")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["--basedir", str(basedir), "complaints", "add", str(f), "--actor", "A001", "--json"]) == 0
    return json.loads(buf.getvalue())


def form_risk(qtbot, panel) -> str:
    form, fv = panel.complaints.form, panel.complaints.view
    fv.fields["facts"].clear()
    fv.fields["facts"].setFocus()
    type_chinese(fv.fields["facts"], TEXT)
    form.update_risk()
    return fv.riskLabel.text()


def test_after_a_pack_import_panel_and_cli_judge_with_the_packs_rules(make_panel, qtbot, tmp_path):
    settings = {"agent.staff_id": "A001", "org.name": "北京分行", "org.branch_code": "0101", "org.device_id": "PC7"}
    view, panel, services = make_panel(settings=settings)
    basedir = tmp_path / "basedir"
    # before: the bundled rules do not know the hotline, in the panel nor in the CLI
    view.actNewComplaint.trigger()
    assert "监管" not in form_risk(qtbot, panel)
    assert "监管" not in [f["flag"] for f in cli_risk(basedir, tmp_path)["flags"]]

    pack, pub = make_pack(tmp_path)
    packs.import_pack(pack, Paths.from_basedir(basedir).kb_store_dir, [pub])
    with qtbot.waitSignal(panel.reloader.reloaded, timeout=20000):
        view.actReloadKb.trigger()
    assert services.kb.version == "2099.1.1"

    # the panel's form and the CLI now give the same answer, from the pack's rules
    label = form_risk(qtbot, panel)
    cli = cli_risk(basedir, tmp_path)
    assert "监管" in label and "蓝鲸热线" in label
    assert [f["flag"] for f in cli["flags"]] == ["监管"] and cli["level"] == "复杂"
    assert "复杂" in label or "complex" in label

    # and so do the two saves
    form = panel.complaints.form
    fill_common(qtbot, panel.complaints.view)   # the facts keep TEXT and get one more sentence
    form.save()
    qtbot.waitUntil(lambda: form.last_saved is not None, timeout=10000)
    added = cli_add(basedir, tmp_path)
    assert form.last_saved.level == added["level"] == "复杂"
    assert "监管" in form.last_saved.risk_flags and "监管" in added["risk_flags"]


def test_a_panel_started_on_a_pack_uses_its_rules_from_the_start(make_panel, qtbot, tmp_path):
    basedir = tmp_path / "basedir"
    pack, pub = make_pack(tmp_path)
    packs.import_pack(pack, Paths.from_basedir(basedir).kb_store_dir, [pub])
    view, panel, services = make_panel()
    assert services.kb.version == "2099.1.1"
    view.actNewComplaint.trigger()
    assert "监管" in form_risk(qtbot, panel)
    assert [f["flag"] for f in cli_risk(basedir, tmp_path)["flags"]] == ["监管"]
