"""QLocalServer side of the single-instance protocol (see assist/ipc.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from assist import ipc

log = logging.getLogger("assist.ipc")


class IpcServer(QObject):
    messageReceived = Signal(dict)

    def __init__(self, runtime_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._name = ipc.server_name(runtime_dir)
        runtime_dir.mkdir(parents=True, exist_ok=True)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._seen_ids: list[str] = []  # recent message ids: a retried message is applied once

    def listen(self) -> bool:
        # A socket left by a killed instance blocks listen(): clear it first. The caller has
        # already checked that no live instance answers on it.
        QLocalServer.removeServer(self._name)
        ok = self._server.listen(self._name)
        if not ok:
            log.warning("ipc listen failed", extra={"fields": {"error": self._server.errorString()}})
        return ok

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._on_ready(s))
            sock.disconnected.connect(lambda s=sock: self._drop(s))

    def _drop(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        if shiboken6.isValid(sock):   # at quit the server may have deleted it already
            sock.deleteLater()

    def _on_ready(self, sock: QLocalSocket) -> None:
        buf = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        if len(buf) > 64_000:
            sock.write(b"error: message too long\n")
            sock.disconnectFromServer()
            return
        while b"\n" in buf:
            line, _, buf = buf.partition(b"\n")
            try:
                msg = ipc.parse_message(line)
            except ValueError as exc:
                sock.write(f"error: {exc}\n".encode())
                sock.flush()
                sock.disconnectFromServer()
                self._buffers.pop(sock, None)
                return
            mid = msg.get("id")
            if not mid or mid not in self._seen_ids:
                if mid:
                    self._seen_ids = (self._seen_ids + [mid])[-200:]
                log.info("ipc message", extra={"fields": {"cmd": msg.get("cmd")}})
                self.messageReceived.emit(msg)
            sock.write(b"ok\n")
            sock.flush()
        self._buffers[sock] = buf
