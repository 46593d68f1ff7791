"""pytest-qt: the records list shows saved complaints with status, days left, sync state."""

from __future__ import annotations

from assist.core.complaints import repo
from assist.ui.complaint_list import ROLES, ComplaintListController, ComplaintListView
from tests.conftest import kb_rules
from tests.ui.conftest import NOW
from tests.ui.test_complaint_form import fill_common


def test_list_shows_saved_complaint_filters_and_history(complaint_env, qtbot):
    view, ctl, svc = complaint_env()
    fill_common(qtbot, view)
    ctl.save()
    qtbot.waitUntil(lambda: ctl.last_saved is not None, timeout=5000)
    saved = ctl.last_saved
    other = svc.lane.call(repo.save_complaint, {**ctl.form_data(), "complainant_name": "李四", "contact_phone": "13900001111",
                                                "request": "解释", "facts": "扣费", "respondent_org": "朝阳支行", "channel_A": "A01", "business_B": "B02",
                                                "reason_C": "C01", "demand_D": ["D01"]}, **kb_rules(), actor="A001", branch="0101",
                         device="PC7", now="2026-11-26T10:05:00")
    svc.lane.call(repo.change_status, other.id, "处理中", actor="A001")
    lv = ComplaintListView()
    qtbot.addWidget(lv)
    lc = ComplaintListController(lv, svc.lane, agent_id=lambda: "A001", today=lambda: NOW.date())
    lc.refresh()
    qtbot.waitUntil(lambda: lc.proxy.rowCount() == 2, timeout=3000)
    rows = {lc.proxy.index(i, 0).data(ROLES["ticket_no"]): lc.proxy.index(i, 0) for i in range(2)}
    idx = rows[saved.ticket_no]
    assert idx.data(ROLES["status"]) == "受理" and idx.data(ROLES["days_left"]) == 15
    assert idx.data(ROLES["sync_state"]) == "pending"
    assert "15 day(s) left" in idx.data() and "not synced" in idx.data()
    lv.statusFilter.setCurrentIndex(lv.statusFilter.findData("处理中"))
    assert lc.proxy.rowCount() == 1 and lc.proxy.index(0, 0).data(ROLES["id"]) == other.id
    lv.statusFilter.setCurrentIndex(0)
    lv.searchEdit.setText(saved.ticket_no[-4:])
    assert lc.proxy.rowCount() >= 1
    lv.searchEdit.setText("李*")
    assert lc.proxy.rowCount() == 1
    lc.open_index(lc.proxy.index(0, 0))
    qtbot.waitUntil(lambda: lv.historyView.count() > 0, timeout=3000)
    text = "\n".join(lv.historyView.item(i).text() for i in range(lv.historyView.count()))
    assert text.splitlines()[0].endswith("A001  complaint registered")
    assert text.splitlines()[1].endswith("A001  status changed to in progress") and "13900001111" not in text
