"""IpcRouter: one JSON message from the softphone or `assist open` → the part of the panel it is for.

    {"cmd": "open", "query": "退款"}       the knowledge tab searches it
    {"cmd": "call_start", ...}             the panel starts a call (caller shown masked; inbound unless
                                           "direction": "外呼"/"outbound" says otherwise)
    {"cmd": "call_end"}                    the call ends (the missing disclosures stay listed)
    {"cmd": "show"} / {"cmd": "quit"}      raise the window / quit
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

COMMANDS = ("show", "open", "call_start", "call_end", "quit")


class IpcRouter(QObject):
    def __init__(self, panel: Any):   # assist.ui.panel.Panel
        super().__init__(panel.view)
        self.panel = panel

    def handle_message(self, msg: dict[str, Any]) -> None:
        p = self.panel
        cmd = msg.get("cmd")
        if cmd in ("show", "open", "call_start", "call_end"):
            p.window.raise_panel()
        if cmd == "open":
            p.view.tabs.setCurrentIndex(0)
            p.knowledge.forward_query(str(msg.get("query", "")))
        elif cmd == "call_start":
            p.calls.start(str(msg.get("caller", "")), str(msg.get("topic", "")), str(msg.get("call_type", "")),
                          source="ipc", caller_full=str(msg.get("caller_full", "")),
                          customer_name=str(msg.get("customer_name", "")), direction=str(msg.get("direction", "")))
        elif cmd == "call_end":
            p.calls.end(force=True)
        elif cmd == "quit":
            p.window.quit()
