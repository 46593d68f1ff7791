"""A complaint's history in plain words: ONE line per action, from its audit rows.

The audit trail (``repo.history``) keeps one row per changed field, masked: saving a complaint
writes some twenty of them (``create id: → 82cdb0d6-…``). People read actions::

    2026-11-30 22:29  A001  受理登记
    2026-12-01 09:10  A001  状态改为 处理中
    2026-12-02 15:00  A001  延期 30 日（原因：需调取交易流水）

:func:`plain_history` groups the rows one save wrote (same time, actor and action) and says
what the action did, in Simplified Chinese and English (:class:`~casefile.Words`); times are
local. No ids, no bookkeeping fields. ``assist audit verify`` and the CLI keep the full trail.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from assist.core.clock import local_minute
from assist.core.complaints import repo
from assist.core.complaints.casefile import Words, status_words, when
from assist.core.complaints.model import label


@dataclass(frozen=True)
class HistoryLine:
    at: str             # local YYYY-MM-DD HH:MM
    actor: str
    text: Words

    def line(self, zh: bool) -> str:
        return f"{self.at}  {self.actor}  {self.text.pick(zh)}"


def _value(v: Any) -> Any:
    """An audit value as stored (text; lists, objects and booleans as JSON)."""
    if isinstance(v, str) and (v[:1] in ("[", "{") or v in ("true", "false")):
        try:
            return json.loads(v)
        except ValueError:
            return v
    return v


def _key(e: Mapping[str, Any]) -> tuple[Any, Any, Any]:
    return e.get("at"), e.get("actor"), e.get("action")


def _groups(entries: Iterable[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """The rows of one write: one save writes its rows together, with one time, actor and action,
    and each field once (a field seen again starts the next write of the same second)."""
    groups: list[list[Mapping[str, Any]]] = []
    fields: set[str] = set()
    for e in entries:
        f = str(e.get("field") or "")
        if groups and _key(groups[-1][0]) == _key(e) and (not f or f not in fields):
            groups[-1].append(e)
        else:
            groups.append([e])
            fields = set()
        if f:
            fields.add(f)
    return groups


def _changes(group: list[Mapping[str, Any]]) -> dict[str, tuple[Any, Any]]:
    return {str(e.get("field") or ""): (_value(e.get("old")), _value(e.get("new"))) for e in group if e.get("field")}


def _fields(names: Iterable[str], zh: bool) -> str:
    return ("、" if zh else ", ").join(label(f)[0 if zh else 1] for f in names)


def _status(ch: dict[str, tuple[Any, Any]]) -> Words:
    to = str(ch.get("status", (None, ""))[1] or "")
    s = status_words(to)
    zh, en = f"状态改为 {s.zh}", f"status changed to {s.en}"
    extra: list[Words] = []
    if ch.get("not_accepted_reason"):
        r = ch["not_accepted_reason"][1]
        extra.append(Words(f"理由：{r}", f"reason: {r}"))
    if ch.get("notice_method"):
        m, at = ch["notice_method"][1], when((ch.get("notice_sent_at") or (None, ""))[1])
        extra.append(Words(f"{m}告知 {at}".strip(), f"told by {m} {at}".strip()))
    if ch.get("review_requested_at"):
        d = when(ch["review_requested_at"][1])
        extra.append(Words(f"核查申请 {d}", f"review requested {d}"))
    if ch.get("review_decision"):
        d = ch["review_decision"][1]
        extra.append(Words(f"核查决定：{d}", f"review decision: {d}"))
    if ch.get("withdrawn_at"):
        d = when(ch["withdrawn_at"][1])
        extra.append(Words(f"撤回 {d}", f"withdrawn {d}"))
    if extra:
        zh += "（" + "；".join(x.zh for x in extra) + "）"
        en += " (" + "; ".join(x.en for x in extra) + ")"
    return Words(zh, en)


def _pause_words(p: Mapping[str, Any]) -> Words:
    body = f"，{p['body']}" if p.get("body") else ""
    body_en = f", {p['body']}" if p.get("body") else ""
    span_zh = f"{p.get('from', '')} 至 {p['to']}" if p.get("to") else f"自 {p.get('from', '')} 起"
    span_en = f"{p.get('from', '')} to {p['to']}" if p.get("to") else f"from {p.get('from', '')}"
    return Words(f"中止计时（{p.get('type', '')}{body}），{span_zh}", f"clock paused ({p.get('type', '')}{body_en}), {span_en}")


def _clock(ch: dict[str, tuple[Any, Any]]) -> list[Words]:
    """Each change of the clock on its own (an extension, a pause, its end)."""
    parts: list[Words] = []
    if "extension" in ch:
        days = str(ch["extension"][1] or "")
        reason = (ch.get("extension_reason") or (None, ""))[1] or ""
        parts.append(Words(f"延期 {days} 日" + (f"（原因：{reason}）" if reason else ""),
                           f"extended to {days} days" + (f" (reason: {reason})" if reason else "")))
    if "paused_periods" in ch:
        old, new = (x if isinstance(x, list) else [] for x in ch["paused_periods"])
        for i, p in enumerate(new):
            before = old[i] if i < len(old) else None
            if not isinstance(p, dict):
                continue
            if before is None:
                parts.append(_pause_words(p))
            elif isinstance(before, dict) and not before.get("to") and p.get("to"):
                parts.append(Words(f"恢复计时（{p['to']} 起）", f"clock resumed ({p['to']})"))
    return parts or [Words("期限调整：" + _fields(ch, True), "deadline changed: " + _fields(ch, False))]


def _repeat(ch: dict[str, tuple[Any, Any]]) -> Words:
    reps = ch.get("repeats", (None, []))[1]
    last = reps[-1] if isinstance(reps, list) and reps and isinstance(reps[-1], dict) else {}
    got = last.get("received", "")
    if last.get("outcome") == "restarted":
        return Words(f"重复投诉（{got} 收到，有新事实或理由），期限重新计算", f"repeat complaint ({got}, new facts): the clock restarts")
    return Words(f"重复投诉（{got} 收到），已合并，期限不变", f"repeat complaint ({got}): merged, the deadline is unchanged")


def _last_report(ch: dict[str, tuple[Any, Any]]) -> Mapping[str, Any]:
    reports = ch.get("major_reports", (None, []))[1]
    return reports[-1] if isinstance(reports, list) and reports and isinstance(reports[-1], dict) else {}


def _new(ch: dict[str, tuple[Any, Any]], field: str) -> str:
    return str((ch.get(field) or (None, ""))[1] or "")


def action_words(action: str, group: list[Mapping[str, Any]]) -> Words:
    """What one action did, in plain words."""
    ch = _changes(group)
    if action == "create":
        return Words("受理登记", "complaint registered")
    if action == "status":
        return _status(ch)
    if action == "clock":   # one write is one change; two in the same second (a script) are still two lines
        return Words("；".join(p.zh for p in _clock(ch)), "; ".join(p.en for p in _clock(ch)))
    if action == "repeat":
        return _repeat(ch)
    if action == "agreement":
        d, ev = _new(ch, "agreed_due_date"), _new(ch, "agreement_evidence_ref")
        return Words(f"与客户约定答复日期 {d}（凭证 {ev}）", f"reply date {d} agreed with the customer (evidence {ev})")
    if action == "documents":
        d = _new(ch, "documents_received_at")
        return Words(f"补交材料已收到（{d}）", f"documents received ({d})")
    if action == "assign":
        h = _new(ch, "handler")
        if h:
            return Words(f"核查处理人员：{h}", f"handler: {h}")
        return Words("登记利害关系（第十七条）", "conflict of interest recorded (Art 17)")
    if action == "report":
        r = _last_report(ch)
        return Words(f"重大投诉已报告：{r.get('to', '')}，{when(r.get('at'))}", f"major complaint reported to {r.get('to', '')}, {when(r.get('at'))}")
    if action == "link_call":
        return Words("关联跟进通话", "follow-up call linked")
    if action == "upgrade":
        return Words("升级修复：恢复原收到时间", "upgrade repair: the original receipt restored")
    if action == "reveal":   # audited events that change nothing: one row each
        f = str(group[0].get("field") or "")
        return Words(f"查看完整{label(f)[0]}（原因：{group[0].get('new') or ''}）", f"full {label(f)[1]} revealed (reason: {group[0].get('new') or ''})")
    if action == "export_unmasked":
        return Words(f"导出未脱敏数据（原因：{group[0].get('new') or ''}）", f"exported unmasked (reason: {group[0].get('new') or ''})")
    if action == "purge":
        return Words("按保留期限匿名化", "anonymised after the retention period")
    names = [f for f in ch if f]
    return Words("修改：" + (_fields(names, True) or "—"), "changed: " + (_fields(names, False) or "—"))


def plain_history(entries: Iterable[Mapping[str, Any]]) -> list[HistoryLine]:
    """One line per action, oldest first, from ``repo.history`` rows (masked values)."""
    out = []
    for group in _groups(entries):
        first = group[0]
        at, actor, action = local_minute(str(first.get("at") or "")), str(first.get("actor") or ""), str(first.get("action") or "")
        texts = _clock(_changes(group)) if action == "clock" else [action_words(action, group)]
        out += [HistoryLine(at, actor, text) for text in texts]
    return out


def as_data(entries: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """:func:`plain_history` as plain data (JSON): ``[{"at", "actor", "zh", "en"}]``."""
    return [{"at": h.at, "actor": h.actor, "zh": h.text.zh, "en": h.text.en} for h in plain_history(entries)]


def actions(db: Database, complaint_id: str) -> list[dict[str, str]]:
    """One complaint's plain history (:func:`as_data`), read on the DB lane."""
    return as_data(repo.history(db, complaint_id))
