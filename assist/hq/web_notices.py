"""The 风险提示函 pages of the staff web view: the list with read rates per branch, writing a
notice, its file, and publishing it into the next signed KB pack (when the receiver was started
with ``--kb`` and ``--pack-key``). Routes are listed in :func:`assist.hq.web.routes`.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from assist.hq import notices, supervision
from assist.hq.auth import Session
from assist.hq.supervision import BadInput, NotAllowed
from assist.hq.web import BASE, HEADERS, SHOWN_TZ, _see_other, not_found, page


async def notices_page(request: Request, sess: Session) -> Response:
    store = request.app.state.store
    rows = await run_in_threadpool(notices.list_notices, store)
    for n in rows:
        if n["status"] == "published":
            rates = await run_in_threadpool(supervision.read_rates, store, sess.user, n["id"], n["version"], bool(n["must_read"]))
            agents, read = sum(r["agents"] for r in rates), sum(r["read"] for r in rates)
            n["overall"] = (read / agents) if agents else 0.0
            n["read"], n["agents"] = read, agents
    return page(request, "notices.html", rows=rows, can_publish=bool(request.app.state.publish))


def _notice_form(n: dict[str, Any] | None) -> dict[str, str]:
    if not n:
        return {"title": "", "risk": "", "say": "", "dont_say": "", "effective_from": dt.datetime.now(SHOWN_TZ).date().isoformat(),
                "expires_at": "", "must_read": "1", "legal_basis": "", "issued_by": "消保部", "id": ""}
    b = n["body"]
    return {"title": b["title"], "risk": b["risk"], "say": "\n".join(b["say"]), "dont_say": "\n".join(b["dont_say"]),
            "effective_from": b["effective_from"], "expires_at": b.get("expires_at") or "",
            "must_read": "1" if b["must_read"] else "", "legal_basis": "\n".join(b.get("legal_basis") or []),
            "issued_by": b.get("issued_by", "消保部"), "id": n["id"]}


async def notice_new(request: Request, sess: Session) -> Response:
    if not sess.user.can_edit:
        raise NotAllowed("only compliance staff write notices")
    return page(request, "notice_edit.html", f=_notice_form(None), error="")


async def notice_save(request: Request, sess: Session) -> Response:
    form = request.state.form
    try:
        n = notices.notice_from_form(form)
        saved = await run_in_threadpool(notices.save_draft, request.app.state.store, sess.user, n)
    except BadInput as exc:
        if not sess.user.can_edit:
            raise NotAllowed("only compliance staff write notices") from None
        return page(request, "notice_edit.html", 400, f={**_notice_form(None), **form}, error=str(exc))
    return _see_other(f"{BASE}/notices/{saved['id']}")


async def notice_page(request: Request, sess: Session, error: str = "", status: int = 200) -> Response:
    store = request.app.state.store
    n = await run_in_threadpool(notices.get_notice, store, request.path_params["nid"])
    if n is None:
        return not_found(request, "提示函")
    rates = []
    if n["status"] == "published":
        rates = await run_in_threadpool(supervision.read_rates, store, sess.user, n["id"], n["version"], bool(n["must_read"]))
    return page(request, "notice.html", status, n=n, rates=rates, error=error, can_publish=bool(request.app.state.publish),
                f=_notice_form(n), message=request.query_params.get("published", ""))


async def notice_file(request: Request, sess: Session) -> Response:
    n = await run_in_threadpool(notices.get_notice, request.app.state.store, request.path_params["nid"])
    if n is None:
        return not_found(request, "提示函")
    text = notices.as_notice(n).to_yaml()
    name = notices.safe_filename(n["id"]) + ".yaml"
    return Response(text.encode("utf-8"), media_type="application/x-yaml; charset=utf-8",
                    headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})


async def notice_publish(request: Request, sess: Session) -> Response:
    if not sess.user.can_edit:
        raise NotAllowed("only compliance staff publish notices")
    conf = request.app.state.publish
    store = request.app.state.store
    n = await run_in_threadpool(notices.get_notice, store, request.path_params["nid"])
    if n is None:
        return not_found(request, "提示函")
    if not conf:
        return await notice_page(request, sess, error="本服务未配置发布（启动时加 --kb 和 --pack-key），请用命令 "
                                                       "assist-hq notice publish 发布。", status=400)
    try:
        info = await run_in_threadpool(lambda: notices.publish(store, notices.as_notice(n), conf[0], conf[1], actor=sess.user.name))
    except notices.PublishError as exc:
        return await notice_page(request, sess, error=f"未发布：{exc}", status=400)
    return _see_other(f"{BASE}/notices/{n['id']}?published={urllib.parse.quote(info['kb_version'])}")
