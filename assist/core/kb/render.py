"""Render a card's Markdown to safe HTML for the card view (Qt-free), and the text a copy takes.

Safety: raw HTML in cards is escaped (markdown-it ``html=False``), links are
shown as text targets the panel never follows, and images never load remote
content (the Qt view refuses any non-local resource as well).

The card view is for reading on a call: each script is numbered and has a copy link
(``copy:N``, Alt+N in the panel); its placeholders show as fields — a known value (the
agent's profile, the call) filled in, an unknown one as 〔名称〕, a choice as 〔名称：甲／乙〕,
the cursor mark not at all; another card named by its id in the text, and the cards listed
under ``related``, are links (``card:ID``) showing the card's title. :func:`script_copy` is
the text a copy puts on the clipboard (unknown fields as 【名称】 for the agent to fill in).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt

from assist.core.guidance import placeholders as ph
from assist.core.kb.model import Card

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")
_CARD_ID = re.compile(r"(?<![A-Za-z0-9-])([a-z0-9]+(?:-[a-z0-9]+)+)(?![A-Za-z0-9-])")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
FIELD_STYLE = "background:#e3f2fd;color:#0d47a1"
VALUE_STYLE = "border-bottom:1px dotted #1565c0"

STAGE_COLOURS = {"开场": "#2e7d32", "身份核验": "#1565c0", "业务处理": "#6a1b9a", "风险提示": "#c62828", "结束": "#455a64"}
REMINDER_STYLE = {
    "privacy": ("#fff4e5", "#e65100"),
    "risk": ("#fdecea", "#b71c1c"),
    "fraud": ("#fdecea", "#b71c1c"),
    "info": ("#e8f4fd", "#0d47a1"),
}


def _fence(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:  # markdown-it renderer rule
    tok = tokens[idx]
    info = (tok.info or "").strip()
    kind = info.split()[0] if info else ""
    body = html.escape(tok.content.rstrip("\n"))
    if kind == "script":
        attrs = dict(p.split("=", 1) for p in info.split()[1:] if "=" in p)
        name = html.escape(attrs.get("name", ""))
        stage = attrs.get("stage", "")
        colour = STAGE_COLOURS.get(stage, "#333")
        env["n"] = n = env.get("n", 0) + 1
        body = fields_html(tok.content.rstrip("\n"), env.get("values") or {})
        copy = html.escape(env.get("copy_label", "复制"))
        key = f" (Alt+{n})" if n <= 9 else ""
        return (
            f'<table width="100%" cellpadding="6" style="margin:6px 0;border:1px solid {colour}">'
            f'<tr><td style="background:{colour};color:white"><b>{n}. {name}</b> · {html.escape(stage)}</td>'
            f'<td align="right" style="background:{colour}"><a href="copy:{n}" style="color:white">{copy}{key}</a></td></tr>'
            f'<tr><td colspan="2" style="white-space:pre-wrap">{body}</td></tr></table>'
        )
    if kind == "reminder":
        attrs = dict(p.split("=", 1) for p in info.split()[1:] if "=" in p)
        bg, fg = REMINDER_STYLE.get(attrs.get("kind", "info"), REMINDER_STYLE["info"])
        return f'<table width="100%" cellpadding="6" style="margin:6px 0"><tr><td style="background:{bg};color:{fg}">※ {body}</td></tr></table>'
    return f"<pre>{body}</pre>"


_md.add_render_rule("fence", _fence)


def fields_html(text: str, values: Mapping[str, str]) -> str:
    """A script's text as HTML with its placeholders shown as fields (escaped throughout)."""
    out, pos = [], 0
    for p in ph.parse(text):
        out.append(html.escape(text[pos:p.start]))
        pos = p.end
        if p.is_cursor:
            continue
        value = values.get(p.name)
        if value:
            out.append(f'<span style="{VALUE_STYLE}">{html.escape(value)}</span>')
        elif p.default is not None:
            out.append(f'<span style="{VALUE_STYLE}">{html.escape(p.default)}</span>')
        else:
            label = p.name + ("：" + "／".join(p.choices) if p.choices else "")
            out.append(f'<span style="{FIELD_STYLE}">〔{html.escape(label)}〕</span>')
    out.append(html.escape(text[pos:]))
    return "".join(out)


@dataclass(frozen=True)
class Copied:
    text: str                 # what goes on the clipboard (the caller masks it)
    to_fill: tuple[str, ...]  # fields left for the agent, written as 【名称】 in the text


def script_copy(text: str, values: Mapping[str, str]) -> Copied:
    """The text a copy of a card's script takes: known values filled in, the cursor mark
    dropped, every other field written 【名称】 (【名称：甲/乙】 for a choice)."""
    r = ph.render(text, dict(values))
    out, pos, left = [], 0, []
    for p in ph.parse(r.text):   # what render left: the unknown fields, as written
        out.append(r.text[pos:p.start])
        pos = p.end
        out.append("【" + p.name + ("：" + "/".join(p.choices) if p.choices else "") + "】")
        if p.name not in left:
            left.append(p.name)
    out.append(r.text[pos:])
    return Copied("".join(out), tuple(left))


def _link_ids(body: str, titles: Mapping[str, str], own_id: str) -> str:
    """Card ids named in the text (outside fenced blocks) become links showing the card's title."""
    out, fence = [], None
    for line in body.split("\n"):
        m = _FENCE.match(line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else (fence or m.group(1)[0])
        elif fence is None:
            line = _CARD_ID.sub(lambda x: f"[{_md_text(titles[x.group(1)])}](card:{x.group(1)})"
                                if x.group(1) in titles and x.group(1) != own_id else x.group(0), line)
        out.append(line)
    return "\n".join(out)


def _md_text(s: str) -> str:
    return re.sub(r"([\\`*_\[\]()#+!<>])", r"\\\1", s)


NEVER_ASK_CATEGORIES = ("反诈骗", "银行卡")

# Default (Chinese) reminder texts; the UI passes translated ones in ``labels``.
DEFAULT_LABELS = {
    "privacy_C2": "个人信息 C2：涉及卡号、证件、手机号等。先核实身份再谈账户；只核对，不索要；屏幕与记录一律脱敏。",
    "privacy_C3": "个人信息 C3：涉及密码、CVV、有效期等鉴别信息。任何情况下都不询问、不记录。",
    "identity": "身份核验：本卡片内容仅在完成身份核验后使用。",
    "never_ask": "绝不索要：银行卡密码、CVV、卡片有效期、短信验证码。",
}


def reminders_for(card: Card) -> list[tuple[str, str]]:
    """The privacy reminders a card gets by its level and category: (kind, label key)."""
    out: list[tuple[str, str]] = []
    if card.privacy_level in ("C2", "C3"):
        out.append(("privacy", f"privacy_{card.privacy_level}"))
        out.append(("privacy", "identity"))
    if card.category.split("/")[0] in NEVER_ASK_CATEGORIES or card.privacy_level == "C3":
        out.append(("fraud", "never_ask"))
    return out


def card_to_html(card: Card, *, expired: bool = False, labels: dict[str, str] | None = None,
                 titles: Mapping[str, str] | None = None, values: Mapping[str, str] | None = None) -> str:
    """``titles``: card id → title of the KB (links to other cards); ``values``: placeholder values
    known now (the agent's profile, the call)."""
    labels = {**DEFAULT_LABELS, **(labels or {})}
    titles = titles or {}
    parts = [f"<h2>{html.escape(card.title)}</h2>"]
    meta = " · ".join(x for x in (card.category, card.privacy_level, f"v{card.version}") if x)
    parts.append(f'<p style="color:#666">{html.escape(meta)}</p>')
    for kind, key in reminders_for(card):
        bg, fg = REMINDER_STYLE[kind]
        parts.append(f'<table width="100%" cellpadding="4" style="margin:2px 0"><tr><td style="background:{bg};color:{fg}">'
                     f'※ {html.escape(labels[key])}</td></tr></table>')
    if expired:
        parts.append(f'<p style="background:#b71c1c;color:white;padding:4px">{html.escape(labels.get("expired", "已过期"))}</p>')
    if card.unverified:
        parts.append(f'<p style="background:#fff8e1;color:#795548">{html.escape(labels.get("unverified", "未核实"))}: {html.escape(card.unverified)}</p>')
    env = {"script_label": labels.get("script", "话术"), "copy_label": labels.get("copy", "复制"), "values": values or {}}
    parts.append(_md.render(_link_ids(card.body, titles, card.id), env))
    related = [(c, titles[c]) for c in card.related if c in titles and c != card.id]
    if related:
        links = "".join(f'<li><a href="card:{html.escape(c)}">{html.escape(t)}</a></li>' for c, t in related)
        parts.append(f'<p><b>{html.escape(labels.get("related", "相关卡片"))}</b></p><ul>{links}</ul>')
    if card.legal_basis:
        items = "".join(f"<li>{html.escape(x)}</li>" for x in card.legal_basis)
        parts.append(f'<p style="color:#666">{html.escape(labels.get("legal_basis", "依据"))}</p><ul style="color:#666">{items}</ul>')
    return "\n".join(parts)
