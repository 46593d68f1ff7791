"""风险提示函 (risk notices): the file compliance writes, and the KB card it becomes.

A notice file (YAML, UTF-8; ``assist-hq notice publish FILE`` or the head-office web view)::

    id: notice-2026-12-001          # optional: made from the effective date and title when left out
    title: 冒充客服“退款”诈骗风险提示
    risk: |                         # the risk, in plain words
      近期有不法分子冒充电商客服……
    say:                            # what to say (each becomes a script agents can copy)
      - 我行不会以退款为由要求您提供验证码或转账。
    dont_say:                       # what never to say
      - 您把验证码告诉我，我帮您退款
    effective_from: 2026-12-01      # agents see it from this day
    expires_at: 2027-06-01          # optional
    must_read: true                 # agents must acknowledge it explicitly
    legal_basis: [……]                # optional
    issued_by: 总行消保部             # optional (default 消保部)

Problems are ``path:line: message`` (:class:`~assist.core.yamlfile.RulesError`).
The card (kind ``notice``) is searchable like any card and shown first on the panel until read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assist.core.yamlfile import LDict, LList, RulesError, line_of, load_yaml

CATEGORY = "风险提示函"
FOLDER = "cards/风险提示函"
FIELDS = ("id", "title", "risk", "say", "dont_say", "effective_from", "expires_at", "must_read", "legal_basis",
          "issued_by", "version")
REQUIRED = ("title", "risk", "say", "dont_say", "effective_from")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
TITLE_MAX = 60
TEXT_MAX = 2000


@dataclass(frozen=True)
class Notice:
    id: str
    title: str
    risk: str
    say: tuple[str, ...]
    dont_say: tuple[str, ...]
    effective_from: dt.date
    must_read: bool = True
    expires_at: dt.date | None = None
    legal_basis: tuple[str, ...] = ()
    issued_by: str = "消保部"
    version: int = 1
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("lines")
        d["effective_from"] = self.effective_from.isoformat()
        d["expires_at"] = self.expires_at.isoformat() if self.expires_at else None
        d["say"], d["dont_say"], d["legal_basis"] = list(self.say), list(self.dont_say), list(self.legal_basis)
        return d

    def to_yaml(self) -> str:
        """The notice as a file for ``assist-hq notice publish`` (round-trips through :func:`parse_notice`)."""
        d = {k: v for k, v in self.to_json().items() if v not in (None, [], "")}
        return str(yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=1000))


def make_id(title: str, effective: dt.date) -> str:
    return f"notice-{effective:%Y%m%d}-{hashlib.sha256(title.encode('utf-8')).hexdigest()[:6]}"


def _date(v: Any, where: tuple[Any, str], shown: str, name: str) -> dt.date:
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v).strip())
    except ValueError:
        raise RulesError(shown, line_of(*where), f"{name} must be a date written YYYY-MM-DD, got {v!r}") from None


def _texts(v: Any, where: tuple[Any, str], shown: str, name: str) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not v or not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in v):
        raise RulesError(shown, line_of(*where), f"{name} must be a list of sentences (at least one)")
    out = tuple(str(x).strip() for x in v)
    for i, x in enumerate(out):
        if not x:
            raise RulesError(shown, line_of(v, i) if isinstance(v, LList) else line_of(*where), f"{name}: an empty sentence; remove it")
        if len(x) > TEXT_MAX:
            raise RulesError(shown, line_of(*where), f"{name}: a sentence of {len(x)} characters; at most {TEXT_MAX}")
        if "```" in x:
            raise RulesError(shown, line_of(*where), f"{name}: ``` is not allowed in a notice")
    return out


def parse_notice(data: Any, shown: str = "notice") -> Notice:
    """Check a notice (a parsed YAML mapping, ideally with line numbers); RulesError names the line."""
    from assist.core.text import clean_text

    if not isinstance(data, dict):
        raise RulesError(shown, 1, f"a notice is a mapping of fields: {', '.join(FIELDS)}")
    if isinstance(data, LDict):
        d: dict[str, Any] = data
    else:
        d = LDict(data)
        d.line, d.lines = 1, {}
    for k in d:
        if k not in FIELDS:
            raise RulesError(shown, line_of(d, k), f"unknown field '{k}'; allowed: {', '.join(FIELDS)}")
    for k in REQUIRED:
        if d.get(k) in (None, "", []):
            raise RulesError(shown, line_of(d, k), f"field '{k}' is required")
    title = clean_text(str(d["title"])).strip()
    if len(title) > TITLE_MAX or "\n" in title:
        raise RulesError(shown, line_of(d, "title"), f"title must be one line of at most {TITLE_MAX} characters")
    risk = clean_text(str(d["risk"])).strip()
    if len(risk) > TEXT_MAX:
        raise RulesError(shown, line_of(d, "risk"), f"risk is {len(risk)} characters; at most {TEXT_MAX}")
    effective = _date(d["effective_from"], (d, "effective_from"), shown, "effective_from")
    expires = _date(d["expires_at"], (d, "expires_at"), shown, "expires_at") if d.get("expires_at") else None
    if expires is not None and expires <= effective:
        raise RulesError(shown, line_of(d, "expires_at"), "expires_at must be after effective_from")
    must = d.get("must_read", True)
    if not isinstance(must, bool):
        raise RulesError(shown, line_of(d, "must_read"), "must_read must be true or false")
    version = d.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise RulesError(shown, line_of(d, "version"), "version must be a whole number from 1")
    nid = str(d.get("id") or make_id(title, effective)).strip()
    if not _ID_RE.match(nid):
        raise RulesError(shown, line_of(d, "id"), f"bad id '{nid}': use lowercase a-z, 0-9 and '-'")
    basis = _texts(d["legal_basis"], (d, "legal_basis"), shown, "legal_basis") if d.get("legal_basis") else ()
    return Notice(nid, title, risk, tuple(clean_text(s) for s in _texts(d["say"], (d, "say"), shown, "say")),
                  tuple(clean_text(s) for s in _texts(d["dont_say"], (d, "dont_say"), shown, "dont_say")), effective, must,
                  expires, basis, clean_text(str(d.get("issued_by") or "消保部")).strip()[:40] or "消保部", version,
                  {k: line_of(d, k) for k in d})


def load_notice_file(path: Path) -> Notice:
    from assist.core.kb.checker import display_path

    shown = display_path(path)
    return parse_notice(load_yaml(path, shown), shown)


def card_path(kb_dir: Path, notice: Notice) -> Path:
    return kb_dir / FOLDER / f"{notice.id}.md"


def _yaml_str(s: str) -> str:
    return str(yaml.safe_dump(s, allow_unicode=True, width=10_000)).strip().removesuffix("...").strip()


def to_card(notice: Notice, *, published: dt.date | None = None) -> str:
    """The notice as a KB card file (kind ``notice``): the risk, scripts to say, what never to say."""
    fm = [
        "---",
        f"id: {notice.id}",
        "kind: notice",
        f"must_read: {'true' if notice.must_read else 'false'}",
        f"title: {_yaml_str(notice.title)}",
        f"aliases: [{_yaml_str('风险提示：' + notice.title)}]",
        f"category: {CATEGORY}",
        f"tags: [{CATEGORY}, 风险提示]",
        "call_stages: [业务处理, 风险提示]",
        "privacy_level: C1",
    ]
    if notice.legal_basis:
        fm.append("legal_basis:")
        fm += [f"  - {_yaml_str(b)}" for b in notice.legal_basis]
    fm += [f"version: {notice.version}", f"owner: {_yaml_str(notice.issued_by)}", f"reviewed_by: {_yaml_str(notice.issued_by)}"]
    if published:
        fm.append(f"reviewed_at: {published.isoformat()}")
    fm.append(f"effective_from: {notice.effective_from.isoformat()}")
    if notice.expires_at:
        fm.append(f"expires_at: {notice.expires_at.isoformat()}")
    fm.append("---")
    body = ["", f"**{'必读' if notice.must_read else '提示'}** · {notice.issued_by} · {notice.effective_from.isoformat()} 起执行", "",
            "## 风险", "", notice.risk, "", "## 应该这样说", ""]
    for i, s in enumerate(notice.say, 1):
        body += [f"```script name=应答口径{i} stage=业务处理", s, "```", ""]
    body += ["## 不得这样说", "", "```reminder kind=risk"] + [f"不得说：{s}" for s in notice.dont_say] + ["```", ""]
    return "\n".join(fm + body)


def check_notice(notice: Notice, rules: Any, shown: str = "notice") -> tuple[list[RulesError], list[RulesError]]:
    """(errors, warnings): a ``say`` sentence must not trip a red-line rule (it becomes a script);
    a ``dont_say`` sentence no rule flags is a warning (consider a lint rule for it)."""
    from assist.core.guidance.lint import lint
    from assist.core.guidance.placeholders import validate

    errors, warnings = [], []
    for s in notice.say:
        for f in lint(s, rules, text_kind="script"):
            errors.append(RulesError(shown, notice.lines.get("say", 1), f"say: 「{f.text}」 trips the red line '{f.rule}' "
                                                                        f"({f.label or f.category}); {f.suggestion}"))
        for _off, msg in validate(s):
            errors.append(RulesError(shown, notice.lines.get("say", 1), f"say: {msg}"))
    for s in notice.dont_say:
        if not any(f.severity == "error" for f in lint(s, rules)):
            warnings.append(RulesError(shown, notice.lines.get("dont_say", 1),
                                       f"dont_say: no red-line rule flags 「{s[:30]}」; the panel will not mark it in notes "
                                       "(consider a rule in rules/lint/)"))
    return errors, warnings
