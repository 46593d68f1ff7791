"""``assist sync``: one sync round with head office (or a loop), then the status.

    assist sync [--once]            one round; exit 0 on success, 1 with the reason on failure
    assist sync --interval 60       a round every 60 s until interrupted
    assist sync --status            only print the status (no network)
    assist sync --set-token         read the device token from stdin into the keyring
    assist sync --conflicts         records head office holds newer, and refused status changes
    assist sync --rejected          records head office did not accept, with the reason
    assist sync --resend ID         queue a rejected record again (text cleaned) once its cause is fixed
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING

from assist.core.clock import local_second

if TYPE_CHECKING:
    from assist.app import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="send queued records to head office and fetch updates; print the sync status")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--once", action="store_true", help="one sync round (the default)")
    g.add_argument("--interval", type=float, metavar="SECONDS", help="repeat a round every SECONDS until interrupted")
    g.add_argument("--status", action="store_true", help="print the status only")
    g.add_argument("--set-token", action="store_true", help="store the device token (read from stdin) in the keyring")
    g.add_argument("--conflicts", action="store_true", help="list open conflicts")
    g.add_argument("--resolve", type=int, metavar="ID", help="close conflict ID once you have checked the record")
    g.add_argument("--rejected", action="store_true", help="list records head office did not accept, with the reason")
    g.add_argument("--resend", type=int, metavar="ID",
                   help="queue rejected record ID again (its text cleaned); fix the cause first, e.g. edit the complaint")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--batch-size", type=int, default=200, help=argparse.SUPPRESS)
    p.add_argument("--attempts", type=int, default=6, help="tries per request before the round gives up (default 6)")
    p.set_defaults(func=run)


def _print_status(st, args: argparse.Namespace, ctx: Context) -> None:
    if args.json:
        print(json.dumps(st.to_json(), ensure_ascii=False))
    else:
        print("\n".join(st.lines(ctx.lang or ctx.settings.get("ui.language"))))


def run(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.sync import local, service
    from assist.core.sync.status import words

    if args.set_token:
        token = sys.stdin.readline().strip()
        if not token:
            print("assist sync: no token on stdin", file=sys.stderr)
            return 2
        try:
            service.set_token(token)
        except Exception as exc:  # noqa: BLE001 - keyring backends raise their own types
            print(f"assist sync: could not store the token in the keyring ({type(exc).__name__}: {exc}); "
                  "nothing was written anywhere else", file=sys.stderr)
            return 1
        print("token stored in the keyring (service 'assist', user 'sync-token')")
        return 0
    db = ctx.open_db()
    try:
        def db_call(fn, *a, **kw):
            return fn(db, *a, **kw)

        svc = service.SyncService.from_settings(ctx.settings, ctx.paths, db_call=db_call, batch_size=args.batch_size)
        svc.backoff.max_attempts = max(1, args.attempts)
        if args.resolve is not None:
            if args.resolve not in {r["id"] for r in local.open_conflicts(db)}:
                print(f"assist sync: no open conflict {args.resolve}; `assist sync --conflicts` lists them", file=sys.stderr)
                return 2
            local.resolve_conflict(db, args.resolve)
            print(f"conflict {args.resolve} closed")
            return 0
        if args.rejected:
            rows = local.open_rejected(db)
            print(json.dumps(rows, ensure_ascii=False) if args.json else
                  "\n".join(f"{r['id']}\t{local_second(r['at'])}\t{r['kind']}\t{r['record_id']}\trev {r['revision']}\t{r['code']}\t{r['message']}"
                            for r in rows) or "no records refused by head office")
            return 0
        if args.resend is not None:
            try:
                got = local.resend_rejected(db, args.resend)
            except KeyError:
                print(f"assist sync: no rejected record {args.resend} waiting; `assist sync --rejected` lists them", file=sys.stderr)
                return 2
            print(f"record {args.resend} ({got['kind']} {got['record_id']} rev {got['revision']}) queued again"
                  + ("; its text was cleaned" if got["cleaned"] else "") + "; it is sent with the next sync round")
            return 0
        if args.conflicts:
            rows = local.open_conflicts(db)
            print(json.dumps(rows, ensure_ascii=False) if args.json else
                  "\n".join(f"{r['id']}\t{local_second(r['at'])}\t{r['kind']}\t{r['record_id']}\t{r['message']}" for r in rows) or "no conflicts")
            return 0
        if args.status:
            _print_status(svc.status(), args, ctx)
            return 0
        if not svc.configured:
            zh, en = words("not_configured")
            print(f"assist sync: {zh} / {en}", file=sys.stderr)
            return 2
        ctx.setup_logging("sync")
        while True:
            report = svc.run_round()
            _print_status(svc.status(), args, ctx)
            if report.error is not None and args.interval is None:
                print(f"assist sync: failed ({report.error.code}): {report.error}", file=sys.stderr)
                return 1
            if args.interval is None:
                return 0
            time.sleep(max(1.0, args.interval))
    finally:
        db.conn.close()
