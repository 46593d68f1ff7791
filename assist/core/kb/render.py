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
        return f'<table width="100%" cellpadding="6" style="margin:6px 0"><tr><td style="background:{bg};color:{fg}">※ {body}</td></tr></table>'
    return f"<pre>{body}</pre>"


_md.add_render_rule("fence", _fence)


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


def card_to_html(card: Card, *, expired: bool = False, labels: dict[str, str] | None = None) -> str:
    labels = {**DEFAULT_LABELS, **(labels or {})}
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
    parts.append(_md.render(card.body, {"script_label": labels.get("script", "话术")}))
    if card.legal_basis:
        items = "".join(f"<li>{html.escape(x)}</li>" for x in card.legal_basis)
        parts.append(f'<p style="color:#666">{html.escape(labels.get("legal_basis", "依据"))}</p><ul style="color:#666">{items}</ul>')
    return "\n".join(parts)
