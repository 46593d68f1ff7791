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
    assist-hq [--db URL] user add NAME --role compliance|qa|team-leader [--branch B] --password-stdin
    assist-hq [--db URL] user passwd NAME --password-stdin | disable NAME | unlock NAME | list [--json]
    assist-hq [--db URL] register export --format xlsx|csv --out FILE [--branch B]
    assist-hq [--db URL] notice publish FILE --kb DIR --key KEYFILE [--out PACK] [--actor NAME]
    assist-hq [--db URL] qa sample-rate [PERCENT]
    assist-hq [--db URL] reproject          # rebuild the web view's read models from the records

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
    s.add_argument("--kb", help="KB folder packs are built from: lets compliance publish notices from the web view "
                               "(with --pack-key)")
    s.add_argument("--pack-key", help="the pack signing key (from `assist kb keygen`), with --kb")
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
    u = sub.add_parser("user", help="staff accounts of the web view /hq/ (separate from device tokens)").add_subparsers(
        dest="ucmd", required=True)
    ua = u.add_parser("add", help="add a staff account; the password is read from standard input")
    ua.add_argument("name")
    ua.add_argument("--role", required=True, choices=("compliance", "qa", "team-leader"))
    ua.add_argument("--branch", default="", help="the branch this account sees (required for a team leader)")
    ua.add_argument("--password-stdin", action="store_true", required=True, help="read the password from standard input")
    up = u.add_parser("passwd", help="set a new password (read from standard input); signs the account out")
    up.add_argument("name")
    up.add_argument("--password-stdin", action="store_true", required=True)
    for name, text in (("disable", "disable an account (signs it out)"), ("unlock", "end a lockout after failed logins")):
        u.add_parser(name, help=text).add_argument("name")
    ul = u.add_parser("list", help="accounts, roles, branches, lockouts")
    ul.add_argument("--json", action="store_true")
    rg = sub.add_parser("register", help="the 风险隐患清单").add_subparsers(dest="rcmd", required=True)
    rx = rg.add_parser("export", help="write the register as an Excel workbook or CSV")
    rx.add_argument("--format", required=True, choices=("xlsx", "csv"))
    rx.add_argument("--out", required=True, type=Path)
    rx.add_argument("--branch", default="", help="only this branch")
    nt = sub.add_parser("notice", help="风险提示函").add_subparsers(dest="ncmd", required=True)
    npub = nt.add_parser("publish", help="put a notice (YAML file) into the next signed KB pack as a card of kind notice")
    npub.add_argument("file", type=Path)
    npub.add_argument("--kb", required=True, type=Path, help="the KB folder packs are built from (the card is written there)")
    npub.add_argument("--key", required=True, type=Path, help="the pack signing key (from `assist kb keygen`)")
    npub.add_argument("--out", type=Path, help="also keep the pack file here (for branches updated by USB)")
    npub.add_argument("--actor", default="cli", help="who publishes (recorded in the audit trail)")
    qa = sub.add_parser("qa", help="the 复听 queue").add_subparsers(dest="qcmd", required=True)
    qs = qa.add_parser("sample-rate", help="show or set the share of calls without a red line sampled for 复听 (percent)")
    qs.add_argument("percent", nargs="?")
    sub.add_parser("reproject", help="rebuild the web view's read models from the stored records")
    return p


def _password() -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("password: ")
    return sys.stdin.readline().rstrip("\n")


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
        if bool(args.kb) != bool(args.pack_key):
            print("assist-hq: give both --kb and --pack-key to publish notices from the web view", file=sys.stderr)
            return 2
        if args.kb:
            os.environ["ASSIST_HQ_KB"], os.environ["ASSIST_HQ_PACK_KEY"] = args.kb, args.pack_key
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
        elif args.cmd == "user":
            return _user(store, args)
        elif args.cmd == "register":
            from assist.hq import export, supervision
            from assist.hq.auth import User

            pg = supervision.register(store, User("cli", "compliance", args.branch), limit=None)
            data = export.to_xlsx(pg.rows) if args.format == "xlsx" else export.to_csv(pg.rows)
            args.out.write_bytes(data)
            print(f"wrote {len(pg.rows)} register entr{'y' if len(pg.rows) == 1 else 'ies'} to {args.out} ({args.format})")
        elif args.cmd == "notice":
            from assist.core.notices.notice import load_notice_file
            from assist.core.yamlfile import RulesError
            from assist.hq.notices import PublishError, publish

            try:
                notice = load_notice_file(args.file)
                info = publish(store, notice, args.kb, args.key, actor=args.actor, out=args.out)
            except RulesError as exc:
                print(f"assist-hq: {exc}", file=sys.stderr)
                return 1
            except PublishError as exc:
                print(f"assist-hq: notice not published: {exc}", file=sys.stderr)
                return 1
            for w in info["warnings"]:
                print(f"warning: {w}", file=sys.stderr)
            print(f"published notice {notice.id} in KB {info['kb_version']} (card {info['card']}; sha256 {info['sha256'][:12]}…)"
                  + (f"; pack also written to {info['pack']}" if info["pack"] else ""))
        elif args.cmd == "qa":
            from assist.hq import supervision
            from assist.hq.auth import User

            if args.percent is not None:
                rate = supervision.set_sample_rate(store, User("cli", "compliance", ""), args.percent)
            else:
                with store.db.tx() as cur:
                    rate = supervision.sample_rate(cur)
            print(f"复听 sample rate: {rate * 100:g}% of calls without a red line (every red-line call is queued)")
        elif args.cmd == "reproject":
            print(f"{store.reproject()} record(s) projected")
        elif args.cmd == "records":
            counts = store.record_counts()
            print(json.dumps(counts) if args.json else "\n".join(f"{k}\t{n}" for k, n in sorted(counts.items())) or "no records")
    except (ValueError, KeyError) as exc:   # AuthError and BadInput are ValueErrors: they name the field
        print(f"assist-hq: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


def _user(store, args) -> int:
    from assist.hq.auth import Accounts

    acc = Accounts(store.db)
    if args.ucmd == "add":
        user = acc.add(args.name, args.role, args.branch, _password())
        print(f"account {user.name} added: role {user.role}, " + (f"branch {user.branch} only" if user.branch else "every branch"))
    elif args.ucmd == "passwd":
        acc.set_password(args.name, _password())
        print(f"password of {args.name} changed; its sessions were signed out")
    elif args.ucmd == "disable":
        acc.disable(args.name)
        print(f"account {args.name} disabled")
    elif args.ucmd == "unlock":
        acc.unlock(args.name)
        print(f"account {args.name} unlocked")
    else:
        rows = acc.accounts()
        if args.json:
            print(json.dumps(rows, ensure_ascii=False))
        for r in rows if not args.json else []:
            state = "disabled" if r["disabled_at"] else (f"locked until {r['locked_until']}" if r["locked_until"] else "active")
            print(f"{r['name']}\t{r['role']}\t{r['branch'] or '*'}\t{state}\tlast login {r['last_login_at'] or '-'}")
        if not rows:
            print("no accounts; add one with `assist-hq user add NAME --role compliance --password-stdin`")
    return 0
