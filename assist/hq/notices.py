"""风险提示函 at head office: drafts written in the web view, and publishing one into the next
signed KB pack (``assist-hq notice publish FILE --kb DIR --key KEY``, or the web view's publish
button when the receiver was started with ``--kb`` and ``--pack-key``).

Publishing writes the notice as a card (kind ``notice``) into the KB folder (``cards/风险提示函/``,
so every later pack keeps it), bumps ``VERSION``, checks the whole KB (any error: the folder is
put back as it was and nothing is published), builds and signs the pack, stores it for the
devices (``kb_packs``) and records the notice (``hq_notices``) for the read-receipt rates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import threading
from pathlib import Path
from typing import Any

from assist.core.notices.notice import Notice, card_path, check_notice, parse_notice, to_card
from assist.core.yamlfile import RulesError
from assist.hq.auth import User, iso, now
from assist.hq.supervision import BadInput, NotAllowed, _audit

_LOCK = threading.Lock()
COLS = ("id", "version", "title", "must_read", "effective_from", "status", "body", "kb_version", "created_by", "created_at",
        "updated_at", "published_by", "published_at")


class PublishError(Exception):
    """The notice could not be published; nothing changed. The message says why."""


def next_version(v: str) -> str:
    parts = v.strip().split(".")
    if parts and parts[-1].isdigit():
        parts[-1] = str(int(parts[-1]) + 1)
        return ".".join(parts)
    return f"{v.strip() or '0'}.1"


def _row(r: Any) -> dict[str, Any]:
    d = dict(zip(COLS, r))
    d["body"] = json.loads(d["body"])
    return d


def list_notices(store: Any) -> list[dict[str, Any]]:
    with store.db.tx() as cur:
        rows = cur.execute(f"SELECT {', '.join(COLS)} FROM hq_notices ORDER BY created_at DESC").fetchall()
    return [_row(r) for r in rows]


def get_notice(store: Any, notice_id: str) -> dict[str, Any] | None:
    with store.db.tx() as cur:
        r = cur.execute(f"SELECT {', '.join(COLS)} FROM hq_notices WHERE id = ?", [notice_id]).fetchone()
    return _row(r) if r else None


def notice_from_form(form: dict[str, str]) -> Notice:
    """A notice from the web form (one sentence a line in 'say' and 'dont_say')."""
    def lines(k: str) -> list[str]:
        return [x.strip() for x in (form.get(k) or "").splitlines() if x.strip()]

    data: dict[str, Any] = {"title": form.get("title", ""), "risk": form.get("risk", ""), "say": lines("say"),
                            "dont_say": lines("dont_say"), "effective_from": form.get("effective_from", ""),
                            "must_read": form.get("must_read") in ("1", "on", "true", "yes")}
    if form.get("expires_at"):
        data["expires_at"] = form["expires_at"]
    if form.get("legal_basis"):
        data["legal_basis"] = lines("legal_basis")
    if form.get("issued_by"):
        data["issued_by"] = form["issued_by"]
    if form.get("id"):
        data["id"] = form["id"]
    try:
        return parse_notice(data, "form")
    except RulesError as exc:
        field = next((f for f in ("title", "risk", "say", "dont_say", "effective_from", "expires_at", "legal_basis", "id")
                      if f"'{f}'" in exc.message or exc.message.startswith(f)), "form")
        raise BadInput(field, exc.message) from None


def save_draft(store: Any, user: User, notice: Notice) -> dict[str, Any]:
    if not user.can_edit:
        raise NotAllowed("only compliance staff write notices")
    at = iso(now())
    with store.db.tx() as cur:
        old = cur.execute("SELECT status, version FROM hq_notices WHERE id = ?", [notice.id]).fetchone()
        version = notice.version
        if old and old[0] == "published":
            version = max(version, int(old[1]) + 1)   # a published notice changes only as a new version
        body = json.dumps({**notice.to_json(), "version": version}, ensure_ascii=False)
        if old:
            cur.execute("UPDATE hq_notices SET version = ?, title = ?, must_read = ?, effective_from = ?, status = 'draft', "
                        "body = ?, updated_at = ? WHERE id = ?",
                        [version, notice.title, int(notice.must_read), notice.effective_from.isoformat(), body, at, notice.id])
        else:
            cur.execute("INSERT INTO hq_notices (id, version, title, must_read, effective_from, status, body, created_by, "
                        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)",
                        [notice.id, version, notice.title, int(notice.must_read), notice.effective_from.isoformat(), body,
                         user.name, at, at])
        _audit(cur, user, "notice_draft", {"id": notice.id, "version": version})
    got = get_notice(store, notice.id)
    assert got is not None
    return got


def as_notice(row: dict[str, Any]) -> Notice:
    return parse_notice({**row["body"], "version": row["version"]}, row["id"])


def publish(store: Any, notice: Notice, kb_dir: Path, key_file: Path, *, actor: str, out: Path | None = None,
            today: dt.date | None = None) -> dict[str, Any]:
    """Put ``notice`` into the next signed KB pack (see the module doc). Returns
    ``{"kb_version", "card", "sha256", "size", "warnings"}``; raises :class:`PublishError`."""
    from assist.core.guidance.lint import load_rules
    from assist.core.kb.checker import check_kb
    from assist.core.kb.packs import PackError, build_pack, kb_version

    kb_dir = Path(kb_dir)
    if not (kb_dir / "VERSION").is_file():
        raise PublishError(f"{kb_dir} is not a KB folder (no VERSION file); give the KB that packs are built from with --kb")
    today = today or dt.datetime.now(dt.UTC).date()
    prev = get_notice(store, notice.id)
    if prev and prev["status"] == "published" and prev["version"] >= notice.version:
        same = {k: v for k, v in prev["body"].items() if k != "version"} == {k: v for k, v in notice.to_json().items()
                                                                          if k != "version"}
        if same:
            raise PublishError(f"notice {notice.id} version {prev['version']} is already published (KB {prev['kb_version']})")
        notice = dataclasses.replace(notice, version=prev["version"] + 1)   # changed: agents read it again
    with _LOCK:
        try:
            rules = load_rules(kb_dir)
        except RulesError as exc:
            raise PublishError(f"the KB's rules do not load: {exc}") from None
        errors, warnings = check_notice(notice, rules, notice.id)
        if errors:
            raise PublishError("; ".join(e.message for e in errors))
        card = card_path(kb_dir, notice)
        version_file = kb_dir / "VERSION"
        old_version = kb_version(kb_dir)
        old_card = card.read_bytes() if card.exists() else None
        new_version = next_version(old_version)
        card.parent.mkdir(parents=True, exist_ok=True)
        card.write_text(to_card(notice, published=today), encoding="utf-8")
        version_file.write_text(new_version + "\n", encoding="utf-8")

        def undo() -> None:
            version_file.write_text(old_version + "\n", encoding="utf-8")
            if old_card is None:
                card.unlink(missing_ok=True)
            else:
                card.write_bytes(old_card)

        try:
            problems = [p for p in check_kb(kb_dir, today) if p.severity == "error"]
            if problems:
                raise PublishError("the KB has errors, nothing was published: " + "; ".join(str(p) for p in problems[:5]))
            target = out or kb_dir.parent / f"kb-{new_version}.pack"
            build_pack(kb_dir, key_file, target)
            data = target.read_bytes()
            info = store.publish_pack(new_version, data)
        except (PackError, ValueError, OSError) as exc:
            undo()
            raise PublishError(str(exc)) from None
        except PublishError:
            undo()
            raise
        if out is None:
            target.unlink(missing_ok=True)
        at = iso(now())
        body = json.dumps(notice.to_json(), ensure_ascii=False)
        with store.db.tx() as cur:
            cur.execute("INSERT INTO hq_notices (id, version, title, must_read, effective_from, status, body, kb_version, "
                        "created_by, created_at, updated_at, published_by, published_at) "
                        "VALUES (?, ?, ?, ?, ?, 'published', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                        "version = excluded.version, title = excluded.title, must_read = excluded.must_read, "
                        "effective_from = excluded.effective_from, status = 'published', body = excluded.body, "
                        "kb_version = excluded.kb_version, updated_at = excluded.updated_at, "
                        "published_by = excluded.published_by, published_at = excluded.published_at",
                        [notice.id, notice.version, notice.title, int(notice.must_read), notice.effective_from.isoformat(),
                         body, new_version, actor, at, at, actor, at])
            cur.execute("INSERT INTO hq_audit (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                        [at, actor[:100], "notice_publish", json.dumps({"id": notice.id, "version": notice.version,
                                                                        "kb_version": new_version}, ensure_ascii=False)])
    return {"kb_version": new_version, "card": str(card), "sha256": info["sha256"], "size": info["size"],
            "warnings": [w.message for w in warnings], "pack": str(out) if out else ""}


def safe_filename(notice_id: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", notice_id) or "notice"
