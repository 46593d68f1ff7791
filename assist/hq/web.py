"""The head-office web view under ``/hq/`` (事后监督): server-rendered pages, no JavaScript.

复听队列 (calls to re-listen to), 高风险投诉, 统计分析 (JR/T 0169 A/B/C by branch and week, Art 26
root causes), 风险隐患清单 (edit, export), 风险提示函 (write, publish, read-receipt rates).
Staff sign in with accounts of :mod:`assist.hq.auth`; every form carries the session's CSRF
token; answers carry a strict Content-Security-Policy and ``Cache-Control: no-store``.
Times are stored in UTC and shown in Beijing time (UTC+8).
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from assist.hq import auth, export, supervision
from assist.hq import stats as hq_stats
from assist.hq.auth import COOKIE, Session
from assist.hq.supervision import BadInput, NotAllowed

BASE = "/hq"
FORM_MAX = 64 * 1024
SHOWN_TZ = dt.timezone(dt.timedelta(hours=8))
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
_HERE = Path(__file__).resolve().parent


def _local(value: Any, with_time: bool = True) -> str:
    """An ISO time (UTC) as Beijing time, ``2026-12-01 09:30``; dates are shown as they are."""
    if not value:
        return "—"
    s = str(value)
    if len(s) <= 10:
        return s
    try:
        t = dt.datetime.fromisoformat(s)
    except ValueError:
        return s[:16]
    if t.tzinfo is None:
        return s[:16].replace("T", " ")
    return t.astimezone(SHOWN_TZ).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def _pct(v: float) -> str:
    return f"{v * 100:.0f}%"


ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_HERE / "templates")), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
ENV.filters["local"] = _local
ENV.filters["pct"] = _pct


def _masked(value: Any) -> str:
    """Free text from a device is masked there; mask it again here (defence in depth)."""
    from assist.core.privacy import mask

    return mask(str(value or ""))


ENV.filters["masked"] = _masked


def _with_page(query: dict[str, str], n: int) -> str:
    return urllib.parse.urlencode({**{k: v for k, v in query.items() if k != "page"}, "page": n})


ENV.globals["with_page"] = _with_page
ENV.globals.update(BASE=BASE, ROLE_LABELS=auth.ROLE_LABELS, REVIEW_VERDICTS=supervision.REVIEW_VERDICTS,
                   REGISTER_STATUSES=supervision.REGISTER_STATUSES, FIX_STATUSES=hq_stats.FIX_STATUSES,
                   SOURCES=export.SOURCES)


def page(request: Request, template: str, code: int = 200, **ctx: Any) -> HTMLResponse:
    sess: Session | None = getattr(request.state, "session", None)
    html = ENV.get_template(template).render(user=sess.user if sess else None, csrf=sess.csrf if sess else "",
                                             path=request.url.path, query=dict(request.query_params), **ctx)
    return HTMLResponse(html, status_code=code, headers=HEADERS)


def forbidden(request: Request, why: str = "") -> HTMLResponse:
    request.state.code = "forbidden"
    return page(request, "error.html", 403, title="无权访问 / Forbidden",
                message="您的账号无权查看或修改此内容。" + (f"（{why}）" if why else ""))


def not_found(request: Request, what: str = "页面") -> HTMLResponse:
    return page(request, "error.html", 404, title="未找到 / Not found", message=f"没有这个{what}。")


async def _session(request: Request) -> Session | None:
    token = request.cookies.get(COOKIE, "")
    if not token:
        return None
    return await run_in_threadpool(request.app.state.accounts.session, token)


async def _form(request: Request) -> dict[str, str]:
    if "application/x-www-form-urlencoded" not in request.headers.get("content-type", ""):
        raise BadInput("form", "表单格式不正确（请从页面提交）")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > FORM_MAX:
            raise BadInput("form", f"表单内容太长（最多 {FORM_MAX // 1024} KB）")
    try:
        parsed = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        raise BadInput("form", "表单内容无法读取") from None
    return {k: v[0] for k, v in parsed.items()}


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin != "null"
    host = request.headers.get("host", "")
    return urllib.parse.urlsplit(origin).netloc == host


def _int(v: str | None, default: int = 1, hi: int = 10**6) -> int:
    return int(v) if v and v.isdigit() and 0 < int(v) <= hi else default


def _branch(request: Request) -> str | None:
    b = (request.query_params.get("branch") or "").strip()
    return b[:16] or None


Handler = Callable[[Request, Session], Any]


def signed_in(fn: Handler, *, post: bool = False) -> Callable[[Request], Any]:
    """Wrap a page: a session is required (else the login page), POSTs need the CSRF token and
    the same origin; NotAllowed becomes 403, BadInput is shown on the page that asked."""
    async def endpoint(request: Request) -> Response:
        sess = await _session(request)
        if sess is None:
            nxt = urllib.parse.quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
            return RedirectResponse(f"{BASE}/login?next={nxt}", status_code=303, headers=HEADERS)
        request.state.session = sess
        request.state.user = sess.user.name
        form: dict[str, str] = {}
        if post:
            try:
                form = await _form(request)
            except BadInput as exc:
                return page(request, "error.html", 400, title="表单有误", message=str(exc))
            if not _same_origin(request) or not auth.csrf_ok(sess, form.get("csrf", "")):
                request.state.code = "csrf"
                return page(request, "error.html", 403, title="请求已过期",
                            message="页面已过期或来源不符（CSRF 校验未通过），请返回刷新后重试。")
            request.state.form = form
        try:
            return await fn(request, sess)
        except NotAllowed as exc:
            return forbidden(request, str(exc))
    return endpoint


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers=HEADERS)


# ---- login -----------------------------------------------------------------------------------

def _safe_next(nxt: str) -> str:
    return nxt if nxt.startswith(BASE + "/") and not nxt.startswith("//") and "\\" not in nxt else BASE + "/"


async def login_page(request: Request) -> Response:
    if await _session(request):
        return _see_other(BASE + "/")
    return page(request, "login.html", next=_safe_next(request.query_params.get("next", "")), error="", name="")


async def login_post(request: Request) -> Response:
    try:
        form = await _form(request)
    except BadInput as exc:
        return page(request, "login.html", 400, next=BASE + "/", error=str(exc), name="")
    if not _same_origin(request):
        return page(request, "login.html", 403, next=BASE + "/", error="来源不符，请从本系统的登录页登录。", name="")
    name, password = form.get("name", "")[:40], form.get("password", "")[:auth.MAX_PASSWORD]
    token, why = await run_in_threadpool(request.app.state.accounts.login, name, password)
    nxt = _safe_next(form.get("next", ""))
    if token is None:
        request.state.code = "login_locked" if why.startswith("locked") else "login_failed"
        msg = (f"账号已锁定（连续 {auth.MAX_FAILED} 次密码错误），请于 {_local(why.split(':', 1)[1])}（北京时间）后再试，"
               "或请管理员运行 assist-hq user unlock 解锁。") if why.startswith("locked") else "用户名或密码不正确。"
        return page(request, "login.html", 401, next=nxt, error=msg, name=name)
    request.state.user = name
    resp = _see_other(nxt)
    resp.set_cookie(COOKIE, token, path="/", secure=True, httponly=True, samesite="strict")
    return resp


async def logout(request: Request, sess: Session) -> Response:
    await run_in_threadpool(request.app.state.accounts.logout, request.cookies.get(COOKIE, ""))
    resp = _see_other(BASE + "/login")
    resp.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="strict")
    return resp


# ---- pages -----------------------------------------------------------------------------------

async def home(request: Request, sess: Session) -> Response:
    store, user = request.app.state.store, sess.user
    q, _rate = await run_in_threadpool(supervision.queue, store, user)
    hr, _counts = await run_in_threadpool(supervision.high_risk, store, user)
    reg = await run_in_threadpool(lambda: supervision.register(store, user, status="待评估", limit=1))
    return page(request, "home.html", queue_todo=q.total, high_risk=hr.total, register_new=reg.total)


async def queue_page(request: Request, sess: Session, error: str = "") -> Response:
    status = request.query_params.get("status", "todo")
    status = status if status in ("todo", "done", "all") else "todo"
    pg, rate = await run_in_threadpool(lambda: supervision.queue(request.app.state.store, sess.user, branch=_branch(request),
                                                                 status=status, page=_int(request.query_params.get("page"))))
    return page(request, "queue.html", status=status, pg=pg, rate=rate, error=error)


async def sample_post(request: Request, sess: Session) -> Response:
    try:
        await run_in_threadpool(supervision.set_sample_rate, request.app.state.store, sess.user,
                                request.state.form.get("sample_rate", ""))
    except BadInput as exc:
        return await queue_page(request, sess, error=str(exc))
    return _see_other(BASE + "/queue")


async def call_page(request: Request, sess: Session, error: str = "", status: int = 200) -> Response:
    c = await run_in_threadpool(supervision.call_detail, request.app.state.store, sess.user, request.path_params["call_id"])
    if c is None:
        return not_found(request, "通话")
    return page(request, "call.html", status, c=c, error=error)


async def review_post(request: Request, sess: Session) -> Response:
    f = request.state.form
    try:
        await run_in_threadpool(supervision.review, request.app.state.store, sess.user, request.path_params["call_id"],
                                f.get("verdict", ""), f.get("comment", ""))
    except BadInput as exc:
        return await call_page(request, sess, error=str(exc), status=400)
    return _see_other(f"{BASE}/calls/{urllib.parse.quote(request.path_params['call_id'])}")


async def complaints_page(request: Request, sess: Session) -> Response:
    pg, counts = await run_in_threadpool(lambda: supervision.high_risk(request.app.state.store, sess.user, branch=_branch(request),
                                                                       page=_int(request.query_params.get("page"))))
    return page(request, "complaints.html", pg=pg, counts=counts)


async def complaint_page(request: Request, sess: Session) -> Response:
    c = await run_in_threadpool(supervision.complaint_detail, request.app.state.store, sess.user, request.path_params["cid"])
    if c is None:
        return not_found(request, "投诉")
    return page(request, "complaint.html", c=c)


def _week(v: str | None, default: str) -> str:
    import re

    return v if v and re.fullmatch(r"\d{4}-W\d{2}", v) else default


async def stats_page(request: Request, sess: Session, error: str = "") -> Response:
    d_from, d_to = hq_stats.weeks_back(12)
    w_from = _week(request.query_params.get("from"), d_from)
    w_to = _week(request.query_params.get("to"), d_to)
    st = await run_in_threadpool(lambda: hq_stats.stats(request.app.state.store, sess.user, week_from=w_from, week_to=w_to,
                                                           branch=_branch(request)))
    return page(request, "stats.html", st=st, w_from=w_from, w_to=w_to, error=error)


async def cause_post(request: Request, sess: Session) -> Response:
    try:
        await run_in_threadpool(hq_stats.set_root_cause, request.app.state.store, sess.user,
                                request.path_params["category"], request.state.form)
    except BadInput as exc:
        return await stats_page(request, sess, error=str(exc))
    return _see_other(BASE + "/stats#causes")


async def register_page(request: Request, sess: Session) -> Response:
    qp = request.query_params
    status = qp.get("status", "") if qp.get("status", "") in supervision.REGISTER_STATUSES else ""
    source = qp.get("source", "") if qp.get("source", "") in export.SOURCES else ""
    pg = await run_in_threadpool(lambda: supervision.register(request.app.state.store, sess.user, branch=_branch(request),
                                                              status=status, source=source, page=_int(qp.get("page"))))
    return page(request, "register.html", pg=pg, status=status, source=source)


async def register_entry_page(request: Request, sess: Session, error: str = "", status: int = 200,
                              form: dict[str, str] | None = None) -> Response:
    e = await run_in_threadpool(supervision.register_entry, request.app.state.store, sess.user, request.path_params["eid"])
    if e is None:
        return not_found(request, "隐患")
    if form:
        e = {**e, **{k: form.get(k, e[k]) for k in ("owner", "due_date", "status", "measures")}}
    return page(request, "register_entry.html", status, e=e, error=error)


async def register_post(request: Request, sess: Session) -> Response:
    try:
        await run_in_threadpool(supervision.update_register, request.app.state.store, sess.user, request.path_params["eid"],
                                request.state.form)
    except BadInput as exc:
        return await register_entry_page(request, sess, error=str(exc), status=400, form=request.state.form)
    return _see_other(f"{BASE}/register/{request.path_params['eid']}?saved=1")


async def register_export(request: Request, sess: Session) -> Response:
    fmt = request.path_params["fmt"]
    if fmt not in ("xlsx", "csv"):
        return not_found(request, "导出格式")
    pg = await run_in_threadpool(lambda: supervision.register(request.app.state.store, sess.user, branch=_branch(request), limit=None))
    stamp = dt.datetime.now(SHOWN_TZ).strftime("%Y%m%d")
    if fmt == "xlsx":
        data = await run_in_threadpool(export.to_xlsx, pg.rows)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        data, media = export.to_csv(pg.rows), "text/csv; charset=utf-8"
    name = f"risk-register-{stamp}.{fmt}"
    return Response(data, media_type=media, headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name != "hq.css":
        return Response("not found", status_code=404)
    return Response((_HERE / "static" / "hq.css").read_bytes(), media_type="text/css",
                    headers={"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"})


async def root(request: Request) -> Response:
    return _see_other(BASE + "/")


def routes() -> list[Route]:
    from assist.hq.web_notices import notice_file, notice_new, notice_page, notice_publish, notice_save, notices_page

    get, post = (lambda p, f: Route(BASE + p, signed_in(f), methods=["GET"])), \
                (lambda p, f: Route(BASE + p, signed_in(f, post=True), methods=["POST"]))
    return [
        Route(BASE, root, methods=["GET"]),
        Route(BASE + "/login", login_page, methods=["GET"]),
        Route(BASE + "/login", login_post, methods=["POST"]),
        Route(BASE + "/static/{name}", static, methods=["GET"]),
        post("/logout", logout),
        get("/", home),
        get("/queue", queue_page),
        post("/queue/sample", sample_post),
        get("/calls/{call_id}", call_page),
        post("/calls/{call_id}/review", review_post),
        get("/complaints", complaints_page),
        get("/complaints/{cid}", complaint_page),
        get("/stats", stats_page),
        post("/stats/causes/{category}", cause_post),
        get("/register", register_page),
        get("/register/export.{fmt:str}", register_export),
        get("/register/{eid:int}", register_entry_page),
        post("/register/{eid:int}", register_post),
        get("/notices", notices_page),
        get("/notices/new", notice_new),
        post("/notices", notice_save),
        get("/notices/{nid}", notice_page),
        get("/notices/{nid}/file", notice_file),
        post("/notices/{nid}/publish", notice_publish),
    ]
