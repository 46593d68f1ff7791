"""Mount the complaint form and records list in the panel.

    from assist.ui.complaint_mount import mount_complaints
    complaints = mount_complaints(view, panel, services)   # in assist.ui.panel.build_window
    ...
    view.show(); QTimer.singleShot(0, complaints.form.check_restore)   # in launch.run_panel

Adds the complaints tab (records list + form) and two panel-wide actions to the window:
``view.actNewComplaint`` (Ctrl+N) and ``view.actComplaintRecords`` (Ctrl+Shift+L). A save opens
the saved case (ticket, due date, sections); Esc there goes to the records list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assist.services import PanelServices
from assist.ui.complaint_controller import ComplaintController, ComplaintServices
from assist.ui.complaint_list import ComplaintListController, ComplaintListView
from assist.ui.complaint_view import ComplaintView


@dataclass
class MountedComplaints:
    form: ComplaintController
    records: ComplaintListController
    view: ComplaintView
    list_view: ComplaintListView


def complaint_services(panel: Any, services: PanelServices) -> ComplaintServices:
    """The form's services: the taxonomy and the risk rules of the current KB set (the same the
    command line uses), the keyring cipher, and the call context from the panel's call."""
    kbs = services.kbs
    return ComplaintServices(
        lane=services.lane, settings=services.settings, kbs=kbs, clock=services.clock,
        cipher_factory=services.cipher_factory, call_context_provider=lambda: call_context(panel),
        card_title=lambda cid: getattr(kbs.current.kb.by_id().get(cid), "title", None),
    )


def call_context(panel: Any) -> dict[str, str]:
    """What the call holds for a complaint form (Art 13), with the call's topic (masked, as
    recorded): the form suggests the business category from it (``core.complaints.form``)."""
    ctx = dict(panel.calls.context() or {})
    session = getattr(panel.calls, "session", None)
    if session is not None and session.active and session.topic:
        ctx["topic"] = session.topic
    return ctx


def mount_complaints(view: Any, panel: Any, services: PanelServices, csvc: ComplaintServices | None = None) -> MountedComplaints:
    """Mount as the panel's complaints tab: the records list, and the form on Ctrl+N."""
    from PySide6.QtWidgets import QStackedWidget

    csvc = csvc or complaint_services(panel, services)
    form_view, list_view = ComplaintView(), ComplaintListView()
    inner = QStackedWidget()
    inner.setObjectName("complaintsPage")
    inner.addWidget(list_view)
    inner.addWidget(form_view)
    tab = view.mount_page(inner)
    panel.tabs["complaints"] = tab
    form = ComplaintController(form_view, csvc)
    call_ctl = panel.call_page

    def current_call() -> str | None:
        return panel.calls.call_id

    records = ComplaintListController(list_view, csvc.lane, agent_id=lambda: csvc.settings.get("agent.staff_id") or "",
                                      today=lambda: csvc.clock().date(), current_call=current_call,
                                      taxonomy=lambda: csvc.taxonomy)
    list_view.retranslate()
    for act in (form_view.actNewComplaint, list_view.actComplaintRecords):
        view.addAction(act)
        if hasattr(view, "menu"):
            view.menu.insertAction(view.menu.actions()[0] if view.menu.actions() else None, act)
    view.actNewComplaint = form_view.actNewComplaint
    view.actComplaintRecords = list_view.actComplaintRecords

    def show_records() -> None:
        view.tabs.setCurrentIndex(tab)
        inner.setCurrentWidget(list_view)
        records.refresh()
        list_view.listView.setFocus()

    def show_form() -> None:
        view.tabs.setCurrentIndex(tab)
        inner.setCurrentWidget(form_view)

    def show_saved_case(saved: Any) -> None:
        """After a save the saved case opens (ticket, due date, sections); Esc goes to the records."""
        view.tabs.setCurrentIndex(tab)
        inner.setCurrentWidget(list_view)
        records.refresh()
        records.open_case(saved.id, form.saved_note)

    form.showRequested.connect(show_form)
    form.closed.connect(show_records)
    form.saved.connect(show_saved_case)
    def escalate(card_id: str) -> None:
        view.tabs.setCurrentIndex(0)
        panel.knowledge.open_card(card_id)

    form.escalationRequested.connect(escalate)
    list_view.actComplaintRecords.triggered.connect(show_records)
    if call_ctl is not None:  # a complaint call offers its form (prefilled from the call context)
        call_ctl.complaintFormRequested.connect(form_view.actNewComplaint.trigger)
        # the call <-> complaint link: the saved ticket and due date fill the call's scripts (close-out included)
        from assist.core.complaints import repo
        from assist.ui.tasks import run_in_background

        def saved_in_call(saved: Any) -> None:
            if saved.call_id and saved.call_id == current_call():
                run_in_background(csvc.lane.submit(repo.get_complaint, saved.id), call_ctl.link_complaint)

        form.saved.connect(saved_in_call)
        form.receiptChanged.connect(call_ctl.set_receipt_hint)
        records.case.callLinked.connect(call_ctl.link_complaint)
    records.closed.connect(lambda: (view.tabs.setCurrentIndex(0), panel.knowledge.focus_search()))
    view.tabs.currentChanged.connect(lambda i: records.refresh() if i == tab and inner.currentWidget() is list_view else None)
    return MountedComplaints(form, records, form_view, list_view)


__all__ = ["MountedComplaints", "call_context", "complaint_services", "mount_complaints"]
