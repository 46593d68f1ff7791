"""pytest-qt: autosave (debounced, on the DB lane), restore after a crash, two panels."""

from __future__ import annotations

import socket
import time

from PySide6.QtWidgets import QApplication, QMessageBox

from assist.core.complaints import repo
from tests.conftest import type_chinese
from tests.ui.test_complaint_form import fill_common, type_into

DEAD = f"{socket.gethostname()}:999999999:deadbeef"


def drafts(svc, ctl):
    return svc.lane.call(repo.load_drafts, cipher=ctl.cipher)


def test_autosave_writes_the_draft_soon_after_typing(complaint_env, qtbot):
    view, ctl, svc = complaint_env()
    assert drafts(svc, ctl) == []             # nothing typed, nothing saved
    type_into(qtbot, view, "facts", "未告知即扣年费")
    t0 = time.monotonic()
    qtbot.waitUntil(lambda: drafts(svc, ctl) != [], timeout=2000)
    assert time.monotonic() - t0 < 1.0
    (d,) = drafts(svc, ctl)
    assert d.form["facts"] == "未告知即扣年费" and d.cursor_field == "facts" and d.owner == ctl.drafts.owner
    type_into(qtbot, view, "request", "退还")
    qtbot.waitUntil(lambda: drafts(svc, ctl)[0].form.get("request") == "退还", timeout=2000)
    assert drafts(svc, ctl)[0].cursor_field == "request"
    # saving the complaint removes its draft
    fill_common(qtbot, view)
    ctl.save()
    qtbot.waitUntil(lambda: ctl.last_saved is not None, timeout=5000)
    assert not ctl.drafts.timer.isActive()   # no autosave of the emptied form is pending
    svc.lane.call(lambda db: None)           # a barrier: the lane has done everything queued before
    assert drafts(svc, ctl) == []


def test_restore_offers_a_dead_panels_draft_and_restores_it_exactly(complaint_env, qtbot):
    view, ctl, svc = complaint_env()
    form = {**ctl.form_data(), "complainant_type": "委托代理人", "agent_name": "王五", "poa_received": True,
            "request": "退还年费", "facts": "第一行\n第二行", "demand_D": ["D02", "D09"], "_held": ["agent_id"]}
    svc.lane.call(repo.save_draft, "crashed", DEAD, form, "agent_name", cipher=ctl.cipher)
    offered = []
    ctl.restoreOffered.connect(offered.append)
    ctl.check_restore()
    qtbot.waitUntil(lambda: ctl.restore_box is not None and ctl.restore_box.isVisible(), timeout=3000)
    assert offered == [1]
    assert ctl.restore_box.defaultButton() is ctl.restore_box.button(QMessageBox.StandardButton.Yes)
    ctl.accept_restore()
    qtbot.waitUntil(lambda: view.value("agent_name") == "王五", timeout=3000)
    assert view.value("complainant_type") == "委托代理人" and view.value("poa_received") is True
    assert view.value("facts") == "第一行\n第二行" and view.value("demand_D") == ["D02", "D09"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.fields["agent_name"])
    assert ctl.drafts.draft_id == "crashed"
    (d,) = drafts(svc, ctl)
    assert d.owner == ctl.drafts.owner
    # typing continues the same draft
    type_into(qtbot, view, "agent_name", "X")
    qtbot.waitUntil(lambda: drafts(svc, ctl)[0].form["agent_name"] == "王五X", timeout=2000)


def test_restore_prompt_yes_button_restores(complaint_env, qtbot):
    view, ctl, svc = complaint_env()
    svc.lane.call(repo.save_draft, "crashed", DEAD, {**ctl.form_data(), "request": "退还年费"}, "request", cipher=ctl.cipher)
    ctl.check_restore()
    qtbot.waitUntil(lambda: ctl.restore_box is not None and ctl.restore_box.isVisible(), timeout=3000)
    ctl.restore_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: view.value("request") == "退还年费", timeout=3000)


def test_two_panels_do_not_overwrite_each_other(complaint_env, qtbot):
    view_a, a, svc = complaint_env()
    _view_b, b, _ = complaint_env()
    type_into(qtbot, view_a, "request", "甲面板")
    qtbot.waitUntil(lambda: len(drafts(svc, a)) == 1, timeout=2000)
    first = a.drafts.draft_id
    # panel B takes over A's draft (as a restore would); A's next autosave conflicts
    svc.lane.call(repo.claim_draft, first, b.drafts.owner)
    type_chinese(view_a.fields["request"], "继续")
    qtbot.waitUntil(lambda: a.drafts.draft_id != first and len(drafts(svc, a)) == 2, timeout=3000)
    by_id = {d.draft_id: d for d in drafts(svc, a)}
    assert by_id[first].form["request"] == "甲面板" and by_id[first].owner == b.drafts.owner
    assert by_id[a.drafts.draft_id].form["request"] == "甲面板继续"
    assert "Another panel" in view_a.statusLabel.text()


def test_no_keyring_draft_is_masked_and_restore_says_so(complaint_env, qtbot):
    view, ctl, svc = complaint_env(cipher_factory=lambda: None)
    svc.lane.call(repo.save_draft, "crashed", DEAD, {**ctl.form_data(), "contact_phone": "13812345678", "request": "退还年费"},
                  "contact_phone", cipher=None)
    ctl.check_restore()
    qtbot.waitUntil(lambda: ctl.restore_box is not None, timeout=3000)
    ctl.accept_restore()
    qtbot.waitUntil(lambda: view.value("request") == "退还年费", timeout=3000)
    assert view.value("contact_phone") == "138****5678"
    assert "masked" in view.noticeLabel.text()
