"""``assist-hq`` (``python -m assist.hq``): the head-office receiver's admin commands.

    assist-hq [--db URL] migrate
    assist-hq [--db URL] serve [--host H] [--port P] [--workers N] [--ssl-certfile F --ssl-keyfile K]
    assist-hq [--db URL] device add --branch B [--name N]   # prints the token ONCE
    assist-hq [--db URL] device revoke DEVICE_ID
    assist-hq [--db URL] device list [--json]
    assist-hq [--db URL] device replace OLD NEW --actor NAME   # a replaced PC takes over OLD's records
    assist-hq [--db URL] audit [--json]
    assist-hq [--db URL] kb publish PACK
    assist-hq [--db URL] status set COMPLAINT_ID STATUS [--reason R] [--actor A]
    assist-hq [--db URL] records [--json]

The database is ``--db`` or $ASSIST_HQ_DB: ``postgresql://…`` in production,
``sqlite:///FILE`` (default ``sqlite:///assist-hq.sqlite3``) for a pilot.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zipfile
from pathlib import Path

from assist.hq.app import DEFAULT_DB, ENV_DB


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="assist-hq", description="Assist head-office receiver (protocol /v1)")
    p.add_argument("--db", help=f"database URL (default ${ENV_DB} or {DEFAULT_DB})")
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    sub.add_parser("migrate", help="create or upgrade the schema")
    s = sub.add_parser("serve", help="run the receiver with uvicorn")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8440)
    s.add_argument("--workers", type=int, default=1)
    s.add_argument("--ssl-certfile")
    s.add_argument("--ssl-keyfile")
    d = sub.add_parser("device", help="register, revoke and list devices").add_subparsers(dest="dcmd", required=True)
    a = d.add_parser("add", help="register a device; prints its token once (only a hash is stored)")
    a.add_argument("--branch", required=True)
    a.add_argument("--name", default="")
    r = d.add_parser("revoke", help="revoke a device's token")
    r.add_argument("device_id")
    rp = d.add_parser("replace", help="a replaced PC: NEW takes over OLD's records and status changes; OLD is revoked (audited)")
    rp.add_argument("old_id")
    rp.add_argument("new_id")
    rp.add_argument("--actor", required=True, help="who does this (recorded in the audit trail)")
    ls = d.add_parser("list")
    ls.add_argument("--json", action="store_true")
    k = sub.add_parser("kb", help="KB packs").add_subparsers(dest="kcmd", required=True)
    kp = k.add_parser("publish", help="publish a signed pack (from `assist kb pack`) to every device")
    kp.add_argument("pack", type=Path)
    st = sub.add_parser("status", help="head-office status changes").add_subparsers(dest="scmd", required=True)
    ss = st.add_parser("set", help="send a status change to the device that holds the complaint")
    ss.add_argument("complaint_id")
    ss.add_argument("status")
    ss.add_argument("--reason", default="")
    ss.add_argument("--actor", default="")
    au = sub.add_parser("audit", help="head-office actions (device replace, …), oldest first")
    au.add_argument("--json", action="store_true")
    rc = sub.add_parser("records", help="record counts by kind")
    rc.add_argument("--json", action="store_true")
    return p


def _pack_version(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            return str(json.loads(zf.read("manifest.json"))["kb_version"])
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise SystemExit(f"assist-hq: {path} is not a KB pack from `assist kb pack` ({exc})") from None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.db or os.environ.get(ENV_DB, DEFAULT_DB)
    if args.cmd == "serve":
        import uvicorn

        os.environ[ENV_DB] = url
        uvicorn.run("assist.hq.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                    ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile, access_log=False, log_level="warning")
        return 0
    from assist.hq.store import Store

    store = Store(url)
    try:
        store.migrate()
        if args.cmd == "migrate":
            print("schema up to date")
        elif args.cmd == "device" and args.dcmd == "add":
            dev, token = store.device_add(args.branch, args.name)
            print(f"device {dev.id} registered for branch {dev.branch}", file=sys.stderr)
            print("token (shown once; on the branch PC run `assist sync --set-token` and paste it):", file=sys.stderr)
            print(token)
        elif args.cmd == "device" and args.dcmd == "revoke":
            if not store.device_revoke(args.device_id):
                print(f"assist-hq: no active device {args.device_id}", file=sys.stderr)
                return 1
            print(f"device {args.device_id} revoked")
        elif args.cmd == "device" and args.dcmd == "replace":
            moved = store.device_replace(args.old_id, args.new_id, args.actor)
            print(f"device {args.new_id} now owns {moved['records']} record(s) and {moved['updates']} status change(s) "
                  f"of {args.old_id}; {args.old_id} is revoked (recorded in `assist-hq audit`)")
        elif args.cmd == "audit":
            rows = store.audit()
            print(json.dumps(rows, ensure_ascii=False) if args.json else
                  "\n".join(f"{r['id']}\t{r['at']}\t{r['actor']}\t{r['action']}\t{json.dumps(r['detail'], ensure_ascii=False)}"
                            for r in rows) or "no head-office actions recorded")
        elif args.cmd == "device":
            devs = store.device_list()
            if args.json:
                print(json.dumps([d.__dict__ for d in devs], ensure_ascii=False))
            for d in devs if not args.json else []:
                print(f"{d.id}\t{d.branch}\t{d.name}\t{d.created_at}\t{'revoked ' + d.revoked_at if d.revoked_at else 'active'}")
        elif args.cmd == "kb":
            info = store.publish_pack(_pack_version(args.pack), args.pack.read_bytes())
            print(f"published KB {info['kb_version']} ({info['size']} bytes, sha256 {info['sha256'][:12]}…)")
        elif args.cmd == "status":
            seq = store.add_update(args.complaint_id, args.status, reason=args.reason, actor=args.actor)
            print(f"status change #{seq} queued for the device that sent complaint {args.complaint_id}")
        elif args.cmd == "records":
            counts = store.record_counts()
            print(json.dumps(counts) if args.json else "\n".join(f"{k}\t{n}" for k, n in sorted(counts.items())) or "no records")
    except (ValueError, KeyError) as exc:
        print(f"assist-hq: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0
