"""`assist calls`: the recorded calls (quality evidence): each step and its time, and the
complaints taken or followed up in each (``complaint_link`` events, written with the complaint).

    assist calls list [--limit N] [--json]
    assist calls show CALL_ID [--json]      (a unique prefix of the id is enough)
    assist calls qa [CALL_ID | --since DATE] [--json]   the after-call quality check (kb/rules/qa.yaml)
"""

from __future__ import annotations

import argparse
import json
import sys

from assist.core.clock import local_second


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("calls", help="recorded calls: stages, checklist ticks, scripts used, overrides, with times")
    cs = p.add_subparsers(dest="calls_command", metavar="ACTION", required=True)
    ls = cs.add_parser("list", help="recent calls, newest first")
    ls.add_argument("--limit", type=int, default=50)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)
    sh = cs.add_parser("show", help="every recorded step of one call")
    sh.add_argument("call_id", metavar="CALL_ID")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=run_show)
    qa = cs.add_parser("qa", help="the after-call quality check of calls: score, verdict and findings (rubric kb/rules/qa.yaml)")
    qa.add_argument("call_id", metavar="CALL_ID", nargs="?", default="", help="one call (a unique prefix is enough)")
    qa.add_argument("--since", metavar="DATE", default="", help="every call started on or after DATE (YYYY-MM-DD)")
    qa.add_argument("--json", action="store_true", help="one JSON object per call")
    qa.set_defaults(func=run_qa)


def _db(ctx):
    if not ctx.paths.db_file.exists() and not ctx.db_initialised:
        return None
    return ctx.open_db()


def run_list(args: argparse.Namespace, ctx) -> int:
    db = _db(ctx)
    rows = [] if db is None else [
        {"id": r[0], "started_at": r[1], "ended_at": r[2], "caller": r[3], "topic": r[4], "call_type": r[5], "source": r[6], "events": r[7],
         "complaints": [json.loads(d).get("ticket_no", "") for (d,) in db.execute(
             "SELECT detail FROM call_events WHERE call_id = ? AND kind = 'complaint_link' ORDER BY id", [r[0]])]}
        for r in db.execute(
            "SELECT c.id, c.started_at, c.ended_at, c.caller_masked, c.topic, c.call_type, c.source, "
            "(SELECT COUNT(*) FROM call_events e WHERE e.call_id = c.id) FROM calls c ORDER BY c.started_at DESC LIMIT ?",
            [args.limit]).fetchall()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    elif not rows:
        print("no calls recorded")
    for r in rows if not args.json else []:
        print(f"{r['id'][:12]}  {local_second(r['started_at'])}  {local_second(r['ended_at']) if r['ended_at'] else 'open':19}  "
              f"{r['call_type'] or '-':4}  "
              f"{r['caller'] or '-':13}  {r['topic'] or ''}  ({r['events']} steps)"
              + (f"  投诉 complaints: {', '.join(r['complaints'])}" if r["complaints"] else ""))
    return 0


def run_show(args: argparse.Namespace, ctx) -> int:
    db = _db(ctx)
    ids = [] if db is None else [r[0] for r in db.execute("SELECT id FROM calls WHERE id LIKE ? || '%'", [args.call_id])]
    if len(ids) != 1:
        why = "no call with that id" if not ids else f"{len(ids)} calls start with that id; give more characters"
        print(f"assist calls show: {why}: {args.call_id}", file=sys.stderr)
        return 2
    events = [{"at": at, "kind": kind, "detail": json.loads(detail or "{}")}
              for at, kind, detail in db.execute("SELECT at, kind, detail FROM call_events WHERE call_id = ? ORDER BY id", [ids[0]])]
    if args.json:
        print(json.dumps({"id": ids[0], "events": events}, ensure_ascii=False))
        return 0
    print(f"call {ids[0]}")
    for e in events:
        detail = ", ".join(f"{k}={v}" for k, v in e["detail"].items() if v not in ("", None, [], {}))
        print(f"  {local_second(e['at'])}  {e['kind']:16} {detail}")
    return 0


def run_qa(args: argparse.Namespace, ctx) -> int:
    """Assess with the active KB's rubric (the same check the panel runs when a call ends)."""
    import datetime as dt

    from assist.core.guidance.lint import load_rules
    from assist.core.qa import QaContext, load_rubric
    from assist.core.qa import store as qa_store
    from assist.core.yamlfile import RulesError

    if bool(args.call_id) == bool(args.since):
        print("assist calls qa: give a CALL_ID or --since DATE (not both)", file=sys.stderr)
        return 2
    if args.since:
        try:
            since = dt.date.fromisoformat(args.since).isoformat()
        except ValueError:
            print(f"assist calls qa: --since must be a date YYYY-MM-DD, got {args.since!r}", file=sys.stderr)
            return 2
    kb = ctx.load_kb()
    try:
        rules = load_rules(ctx.kb_dir)
        rubric = load_rubric(ctx.kb_dir, classes=rules.lexicon.classes, call_types=set(rules.call_types))
    except RulesError as exc:
        print(f"assist calls qa: {exc}; run `assist kb check` to see every problem", file=sys.stderr)
        return 2
    db = _db(ctx)
    ids = [] if db is None else qa_store.find_calls(db, prefix=args.call_id, since="" if args.call_id else since)
    if args.call_id and len(ids) != 1:
        why = "no call with that id" if not ids else f"{len(ids)} calls start with that id; give more characters"
        print(f"assist calls qa: {why}: {args.call_id}", file=sys.stderr)
        return 2
    qctx = QaContext(cards=kb.by_id(), rules=rules)
    results = [r for r in (qa_store.assess_call(db, cid, rubric, qctx) for cid in ids) if r is not None]
    if args.json:
        for r in results:
            print(json.dumps(r.to_json(), ensure_ascii=False))
        return 0
    if not results:
        print("no calls recorded" + (f" since {since}" if args.since else ""))
    for r in results:
        print(f"{r.call_id[:12]}  {r.call_type or '-':4}  {r.score:3d} 分  {r.verdict}"
              + (f"  ({len(r.findings)} 项发现 findings)" if r.findings else ""))
        for f in r.findings:
            print(f"    {'红线 ' if f.red_line else ''}[{f.item}] {f.detail}" + (f"  → 卡片 {f.card}" if f.card else ""))
    return 0
