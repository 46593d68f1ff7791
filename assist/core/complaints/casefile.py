"""A saved complaint for people: labelled sections (who complains, what about, how it is
classified, its dates) built from :func:`assist.core.complaints.case.summary`, with field labels
from :data:`model.LABELS`, codes with their names from the active KB's taxonomy, and every time
in local ``YYYY-MM-DD HH:MM``. No ids, no bookkeeping fields.

    sections = case_sections(info, taxonomy)      # [Section(key, title, rows)]
    for s in sections: s.title.pick(zh); [(r.label.pick(zh), r.value.pick(zh)) for r in s.rows]

Every text is a :class:`Words` (Simplified Chinese, English); the UI picks one by its language.
Data values (names, facts, the taxonomy's labels) stay as typed in both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from assist.core.clock import local_minute
from assist.core.complaints.form import TYPE_FIELDS
from assist.core.complaints.model import label
from assist.core.complaints.taxonomy import Taxonomy


class Words(NamedTuple):
    zh: str
    en: str

    def pick(self, zh: bool) -> str:
        return self.zh if zh else self.en


def same(text: str) -> Words:
    """A data value: the same in both languages."""
    return Words(text, text)


STATUS_NAMES = {"受理": "received", "处理中": "in progress", "已答复": "answered", "核查中": "under review",
                "已办结": "closed", "已撤回": "withdrawn", "不予办理": "not accepted"}
TYPE_NAMES = {"本人": "consumer (self)", "法定代理人": "legal guardian", "委托代理人": "authorised agent",
              "继承人": "heir", "单位": "organisation"}
LEVEL_NAMES = {"普通": "normal", "复杂": "complex", "重大": "major"}


def status_words(status: str) -> Words:
    return Words(status, STATUS_NAMES.get(status, status))


def level_words(level: str) -> Words:
    return Words(level, LEVEL_NAMES.get(level, level))


RECEIVED, NOT_RECEIVED = Words("已收到", "received"), Words("未收到", "not yet")


def yes_no(value: bool, yes: Words = RECEIVED, no: Words = NOT_RECEIVED) -> Words:
    return yes if value else no


def when(stamp: Any) -> str:
    """A time for the screen: a stored UTC stamp in local time, a typed wall-clock time as typed."""
    text = str(stamp or "")
    return local_minute(text) if "T" in text or " " in text else text


@dataclass(frozen=True)
class Row:
    field: str          # the record's field (or a name for a computed row), for tests and accessibility
    label: Words
    value: Words


@dataclass(frozen=True)
class Section:
    key: str            # intake | complainant | request | classification | deadline | decision
    title: Words
    rows: tuple[Row, ...]


SECTION_TITLES = {
    "intake": Words("受理信息", "Intake"), "complainant": Words("投诉人", "Complainant"),
    "request": Words("诉求与事实", "Request and facts"), "classification": Words("被投诉与分类", "Respondent and classification"),
    "deadline": Words("时限", "Deadline"), "decision": Words("答复与核查", "Decision and review"),
}


def code_words(taxonomy: Taxonomy | None, dimension: str, code: str) -> Words:
    """``B03 银行卡``: the code with its name in the active KB (said when the KB does not know it)."""
    name = taxonomy.label(dimension, code) if taxonomy is not None else None
    if name:
        return same(f"{code} {name}")
    return Words(f"{code}（当前知识库无此分类）", f"{code} (not in the active knowledge base)")


def _field_rows(rec: Mapping[str, Any], fields: Iterable[str]) -> list[Row]:
    out = []
    for f in fields:
        v = rec.get(f)
        if v not in (None, "", [], False):
            out.append(Row(f, Words(*label(f)), same(when(v) if f.endswith("_at") else str(v))))
    return out


def _complainant(rec: Mapping[str, Any]) -> list[Row]:
    ctype = str(rec.get("complainant_type") or "本人")
    rows = [Row("complainant_type", Words(*label("complainant_type")), Words(ctype, TYPE_NAMES.get(ctype, ctype)))]
    name_label = Words("联系人姓名", "contact person") if ctype == "单位" else Words(*label("complainant_name"))
    rows += [Row("complainant_name", name_label, same(str(v))) for v in [rec.get("complainant_name")] if v]
    type_rows = TYPE_FIELDS.get(ctype, ())
    rows += _field_rows(rec, [f for f in ("org_name", "org_uscc", "org_address", "legal_rep_name", "legal_rep_id_no",
                                           "legal_rep_phone") if f in type_rows])
    rows += _field_rows(rec, ("id_doc_type", "id_doc_no", "contact_phone", "contact_address"))
    rows += _field_rows(rec, [f for f in ("relationship", "agent_name", "agent_id_no", "agent_phone", "deceased_name")
                              if f in type_rows])
    for f in ("poa_received", "heir_proof_received"):
        if f in type_rows:
            rows.append(Row(f, Words(*label(f)), yes_no(bool(rec.get(f)))))
    return rows


def _intake(info: Mapping[str, Any], rec: Mapping[str, Any]) -> list[Row]:
    rows = _field_rows(rec, ("source", "regulator_ref"))
    if rec.get("received_at"):
        rows.append(Row("received_at", Words(*label("received_at")), same(when(rec["received_at"]))))
    rows += _field_rows(rec, ("agent_id", "org_unit"))
    intake = [c for c in info.get("calls") or [] if c.get("role") == "intake"]
    follow = [c for c in info.get("calls") or [] if c.get("role") != "intake"]
    if intake:
        rows.append(Row("call_id", Words("受理方式", "taken"), Words("通话中受理", "during a call")))
    if follow:
        times = "、".join(when(c.get("at")) for c in follow)
        rows.append(Row("linked_calls", Words("跟进通话", "follow-up calls"), Words(f"{len(follow)} 次：{times}",
                                                                                  f"{len(follow)}: {times}")))
    return rows


def _request(rec: Mapping[str, Any], taxonomy: Taxonomy | None) -> list[Row]:
    rows = _field_rows(rec, ("request", "facts", "basis"))
    demands = [code_words(taxonomy, "D_demand", str(d)) for d in rec.get("demand_D") or []]
    if demands:
        rows.append(Row("demand_D", Words(*label("demand_D")), Words("、".join(d.zh for d in demands), "; ".join(d.en for d in demands))))
    return rows + _field_rows(rec, ("amount_involved", "product_name", "account_ref"))


CLASS_DIMENSIONS = (("channel_A", "A_channel"), ("business_B", "B_business"), ("business_B_sub", "B_business_sub"),
                    ("reason_C", "C_reason"), ("ins_issue", "INS_issue"), ("ins_line", "INS_line"))


def _classification(info: Mapping[str, Any], rec: Mapping[str, Any], taxonomy: Taxonomy | None) -> list[Row]:
    rows = _field_rows(rec, ("respondent_org", "respondent_staff", "respondent_staff_unit"))
    for f, dim in CLASS_DIMENSIONS:
        if rec.get(f):
            rows.append(Row(f, Words(*label(f)), code_words(taxonomy, dim, str(rec[f]))))
    level = level_words(str(info.get("level") or rec.get("level") or "普通"))
    flags = "、".join(info.get("risk_flags") or [])
    rows.append(Row("level", Words("风险等级", "risk level"),
                    Words(level.zh + (f"（{flags}）" if flags else ""), level.en + (f" ({flags})" if flags else ""))))
    if rec.get("major_grounds"):
        rows.append(Row("major_grounds", Words(*label("major_grounds")), same("、".join(rec["major_grounds"]))))
    return rows


def _due(info: Mapping[str, Any]) -> Words:
    if info.get("due_basis") == "agreed":
        return Words(f"{info['due_date']}（与客户约定，第二十一条；按第十八条为 {info['statutory_due_date']}）",
                     f"{info['due_date']} (agreed with the customer, Art 21; the Art 18 date is {info['statutory_due_date']})")
    return Words(f"{info['due_date']}（收到后{info['limit']}日，第十八条）",
                 f"{info['due_date']} ({info['limit']} days from receipt, Art 18)")


def _days_left(info: Mapping[str, Any]) -> Words | None:
    left = info.get("days_left")
    if left is None:
        return None
    w = Words(f"剩余 {left} 天", f"{left} day(s) left") if left >= 0 else Words(f"已逾期 {-left} 天", f"{-left} day(s) overdue")
    if info.get("paused"):
        w = Words(w.zh + "（中止计时中，按明日恢复预计）", w.en + " (clock paused; projected as if it resumed tomorrow)")
    return w


def _pause(p: Mapping[str, Any]) -> Words:
    body = f" {p['body']}" if p.get("body") else ""
    told_zh = f"，{p['notified_at']} 告知投诉人" if p.get("notified_at") else "，未记录告知日期"
    told_en = f", complainant told {p['notified_at']}" if p.get("notified_at") else ", no date told recorded"
    if p.get("to"):
        return Words(f"{p.get('type', '')}{body}：{p.get('from', '')} 至 {p['to']}{told_zh}",
                     f"{p.get('type', '')}{body}: {p.get('from', '')} to {p['to']}{told_en}")
    return Words(f"{p.get('type', '')}{body}：自 {p.get('from', '')} 起（未结束）{told_zh}",
                 f"{p.get('type', '')}{body}: from {p.get('from', '')} (still open){told_en}")


def _deadline(info: Mapping[str, Any], rec: Mapping[str, Any]) -> list[Row]:
    rows: list[Row] = []
    if info.get("due_date"):
        rows.append(Row("due_date", Words("答复期限", "reply due"), _due(info)))
        left = _days_left(info)
        if left is not None:
            rows.append(Row("days_left", Words("剩余时间", "time left"), left))
        counts = bool(info.get("receipt_day_counts"))
        rows.append(Row("receipt_day_counts", Words(*label("receipt_day_counts")),
                        Words("收到当日计为第1日", "the day of receipt is day 1") if counts
                        else Words("收到次日起算", "counting starts the day after receipt")))
    else:
        rows.append(Row("due_date", Words("答复期限", "reply due"), Words("无（没有收到投诉时间）", "none (no time received)")))
    if info.get("restarts"):
        dates = "、".join(info["restarts"])
        rows.append(Row("restarts", Words("重新计算", "clock restarted"),
                        Words(f"{dates}（有新事实或理由，第十八条）", f"{dates} (new facts or reasons, Art 18)")))
    ext = str(info.get("extension") or "none")
    if ext != "none":
        reason = info.get("extension_reason") or ""
        approver = " ".join(x for x in (rec.get("extension_approver_role"), rec.get("extension_approver")) if x)
        zh = f"延长至{ext}日" + (f"，原因：{reason}" if reason else "") + (f"，批准：{approver}" if approver else "")
        en = f"extended to {ext} days" + (f"; reason: {reason}" if reason else "") + (f"; approved by {approver}" if approver else "")
        if rec.get("extension_notified_at"):
            zh += f"，{rec['extension_notified_at']} 告知投诉人"
            en += f"; complainant told {rec['extension_notified_at']}"
        rows.append(Row("extension", Words("延期", "extension"), Words(zh, en)))
    for p in info.get("pauses") or []:
        rows.append(Row("paused_periods", Words("中止计时", "clock paused"), _pause(p)))
    if info.get("documents_pending"):
        docs, due = "、".join(info["documents_pending"]), info.get("documents_due_date") or "—"
        rows.append(Row("documents_pending", Words(*label("documents_pending")),
                        Words(f"{docs}，{due} 前补交（第十四条；不影响受理和计时）", f"{docs}, due {due} (Art 14; the clock runs from receipt)")))
    rows += _field_rows(rec, ("documents_received_at",))
    if info.get("handler") or info.get("conflict_of_interest"):
        h = info.get("handler") or "—"
        conflict = bool(info.get("conflict_of_interest"))
        rows.append(Row("handler", Words(*label("handler")), Words(h + ("（受理人有利害关系，第十七条）" if conflict else ""),
                                                                    h + (" (the agent declared an interest, Art 17)" if conflict else ""))))
    review = info.get("review")
    if review:
        late = Words("（逾期申请）", " (late request)") if review.get("late") else Words("", "")
        rows.append(Row("review", Words("核查", "review"),
                        Words(f"{review['requested_at']} 申请，{review['due_date']} 前答复{late.zh}",
                              f"requested {review['requested_at']}, due {review['due_date']}{late.en}")))
    for r in info.get("major_reports") or []:
        rows.append(Row("major_reports", Words("重大投诉报告", "major-complaint report"),
                        Words(f"{r.get('to', '')}，{when(r.get('at'))}", f"{r.get('to', '')}, {when(r.get('at'))}")))
    return rows


def _decision(info: Mapping[str, Any], rec: Mapping[str, Any]) -> list[Row]:
    rows = _field_rows(rec, ("not_accepted_reason", "withdrawn_at"))
    labels = {"not_accepted_reason": Words("不予办理理由", "reason not accepted"), "withdrawn_at": Words("撤回时间", "withdrawn")}
    rows = [Row(r.field, labels[r.field], r.value) for r in rows]
    if rec.get("decision"):
        rows.append(Row("decision", Words("处理决定", "decision"), same(str(rec["decision"]))))
        rows += [Row("decision_basis", Words("依据和理由", "basis and reasons"), same(str(v))) for v in [rec.get("decision_basis")] if v]
        if rec.get("remedies_told"):
            rows.append(Row("remedies_told", Words("已告知救济途径", "remedies told"), same("、".join(rec["remedies_told"]))))
        sent = " ".join(x for x in (str(rec.get("notice_method") or ""), when(rec.get("notice_sent_at"))) if x)
        if sent:
            ev = rec.get("notice_evidence_ref") or ""
            rows.append(Row("notice", Words("告知", "notice"), Words(sent + (f"，凭证 {ev}" if ev else ""), sent + (f", evidence {ev}" if ev else ""))))
    rows += _field_rows(rec, ("review_reviewer", "review_decision", "review_decided_at"))
    return rows


def case_sections(info: Mapping[str, Any], taxonomy: Taxonomy | None = None) -> list[Section]:
    """The case as labelled sections (empty sections left out): intake, complainant, request and
    facts, respondent and classification, deadline, and decision and review once there is one."""
    rec = info.get("record") or {}
    parts = {"intake": _intake(info, rec), "complainant": _complainant(rec), "request": _request(rec, taxonomy),
             "classification": _classification(info, rec, taxonomy), "deadline": _deadline(info, rec),
             "decision": _decision(info, rec)}
    return [Section(k, SECTION_TITLES[k], tuple(rows)) for k, rows in parts.items() if rows]
