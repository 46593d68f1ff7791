"""Render a card's Markdown to safe HTML for the card view (Qt-free).

Safety: raw HTML in cards is escaped (markdown-it ``html=False``), links are
shown as text targets the panel never follows, and images never load remote
content (the Qt view refuses any non-local resource as well).
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from assist.core.kb.model import Card

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")

STAGE_COLOURS = {"开场": "#2e7d32", "身份核验": "#1565c0", "业务处理": "#6a1b9a", "风险提示": "#c62828", "结束": "#455a64"}
REMINDER_STYLE = {
    "privacy": ("#fff4e5", "#e65100"),
    "risk": ("#fdecea", "#b71c1c"),
    "fraud": ("#fdecea", "#b71c1c"),
    "info": ("#e8f4fd", "#0d47a1"),
}


def _fence(self, tokens, idx, options, env):  # markdown-it renderer rule
    tok = tokens[idx]
    info = (tok.info or "").strip()
    kind = info.split()[0] if info else ""
    body = html.escape(tok.content.rstrip("\n"))
    if kind == "script":
        attrs = dict(p.split("=", 1) for p in info.split()[1:] if "=" in p)
        name = html.escape(attrs.get("name", ""))
        stage = attrs.get("stage", "")
        colour = STAGE_COLOURS.get(stage, "#333")
        body = _PLACEHOLDER.sub(lambda m: f'<span style="color:#1565c0;font-weight:bold">{{{m.group(1)}}}</span>', body)
        return (
            f'<table width="100%" cellpadding="6" style="margin:6px 0;border:1px solid {colour}">'
            f'<tr><td style="background:{colour};color:white">{html.escape(env.get("script_label", "话术"))} · {name} · {html.escape(stage)}</td></tr>'
            f'<tr><td style="white-space:pre-wrap">{body}</td></tr></table>'
        )
    if kind == "reminder":
        attrs = dict(p.split("=", 1) for p in info.split()[1:] if "=" in p)
        bg, fg = REMINDER_STYLE.get(attrs.get("kind", "info"), REMINDER_STYLE["info"])
        return f'<table width="100%" cellpadding="6" style="margin:6px 0"><tr><td style="background:{bg};color:{fg}">⚠ {body}</td></tr></table>'
    return f"<pre>{body}</pre>"


_md.add_render_rule("fence", _fence)


def card_to_html(card: Card, *, expired: bool = False, labels: dict[str, str] | None = None) -> str:
    labels = labels or {}
    parts = [f"<h2>{html.escape(card.title)}</h2>"]
    meta = " · ".join(x for x in (card.category, card.privacy_level, f"v{card.version}") if x)
    parts.append(f'<p style="color:#666">{html.escape(meta)}</p>')
    if expired:
        parts.append(f'<p style="background:#b71c1c;color:white;padding:4px">{html.escape(labels.get("expired", "已过期"))}</p>')
    if card.unverified:
        parts.append(f'<p style="background:#fff8e1;color:#795548">{html.escape(labels.get("unverified", "未核实"))}: {html.escape(card.unverified)}</p>')
    parts.append(_md.render(card.body, {"script_label": labels.get("script", "话术")}))
    if card.legal_basis:
        items = "".join(f"<li>{html.escape(x)}</li>" for x in card.legal_basis)
        parts.append(f'<p style="color:#666">{html.escape(labels.get("legal_basis", "依据"))}</p><ul style="color:#666">{items}</ul>')
    return "\n".join(parts)
