"""``assist kb …``: check, build, keygen, pack, import, rollback, status, trust."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assist.core.clock import local_minute

if TYPE_CHECKING:
    from assist.app import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("kb", help="knowledge base: check, build the index, signed packs")
    kb = p.add_subparsers(dest="kb_command", metavar="KB_COMMAND")
    p.set_defaults(func=lambda a, c: (p.print_help(), 2)[1])

    c = kb.add_parser("check", help="validate every file; prints path:line: message (exit 0 clean, 1 errors, 2 unusable input)")
    c.add_argument("path", nargs="?", help="KB folder (default: the active KB)")
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.set_defaults(func=run_check)

    b = kb.add_parser("build", help="compile the search index of the active KB (only changed files are re-parsed)")
    b.add_argument("path", nargs="?", help="KB folder (default: the active KB)")
    b.set_defaults(func=run_build)

    k = kb.add_parser("keygen", help="create an Ed25519 signing key (KEYFILE, owner-only) and KEYFILE.pub")
    k.add_argument("--out", required=True, metavar="KEYFILE")
    k.set_defaults(func=run_keygen)

    pk = kb.add_parser("pack", help="build a signed, versioned KB pack")
    pk.add_argument("--key", required=True, metavar="KEYFILE", help="private key from `assist kb keygen`")
    pk.add_argument("--out", required=True, metavar="FILE")
    pk.add_argument("path", nargs="?", help="KB folder (default: the active KB)")
    pk.set_defaults(func=run_pack)

    im = kb.add_parser("import", help="verify a pack against the trusted keys and make it the active KB")
    im.add_argument("file", metavar="FILE")
    im.set_defaults(func=run_import)

    kb.add_parser("rollback", help="switch back to the previously active KB").set_defaults(func=run_rollback)
    kb.add_parser("status", help="active KB version, source and previous version").set_defaults(func=run_status)

    t = kb.add_parser("trust", help="trust a public key (KEYFILE.pub) for importing packs")
    t.add_argument("pubkey", metavar="PUBKEYFILE")
    t.set_defaults(func=run_trust)

    from assist.cli.search import register_kb_eval

    register_kb_eval(kb)
    m = kb.add_parser("misses", help="searches that ended without opening a card (candidates for new cards)")
    m.add_argument("--limit", type=int, default=100, help="at most this many distinct queries (default 100)")
    m.add_argument("--json", action="store_true", help="one JSON list of {query, count, last}")
    m.set_defaults(func=run_misses)


def _kb_path(args: argparse.Namespace, ctx: Context) -> Path:
    return Path(args.path) if getattr(args, "path", None) else ctx.kb_dir


def _fail(msg: str, code: int = 2) -> int:
    print(f"assist kb: {msg}", file=sys.stderr)
    return code


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.kb.checker import KBUnusable, check_kb, summarize
    from assist.core.kb.loader import iter_card_files

    path = _kb_path(args, ctx)
    try:
        problems = check_kb(path)
    except KBUnusable as exc:
        if args.json:
            print(json.dumps({"path": str(path), "usable": False, "message": str(exc)}, ensure_ascii=False))
        return _fail(str(exc))
    errors, warnings = summarize(problems)
    n_cards = len(iter_card_files(path))
    if args.json:
        print(json.dumps({
            "path": str(path), "usable": True, "cards": n_cards, "errors": errors, "warnings": warnings,
            "problems": [{"path": p.path, "line": p.line, "severity": p.severity, "code": p.code, "message": p.message} for p in problems],
        }, ensure_ascii=False, indent=1))
    else:
        for p in problems:
            print(p)
        print(f"{path}: {n_cards} cards, {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def run_build(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.kb.index import compile_kb

    path = _kb_path(args, ctx)
    if not path.is_dir():
        return _fail(f"{path}: no such folder")
    ctx.paths.ensure()
    kb, stats = compile_kb(path, ctx.paths.kb_index_file)
    print(f"{path}: {len(kb.cards)} cards, version {kb.version}, {len(kb.errors)} problem(s); "
          f"index {ctx.paths.kb_index_file} (re-parsed {stats['parsed']}, reused {stats['reused']}, dropped {stats['dropped']})")
    return 0


def run_keygen(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.kb.packs import PackError, keygen

    try:
        pub = keygen(Path(args.out))
    except (PackError, OSError) as exc:
        return _fail(str(exc))
    print(f"private key: {args.out} (owner-only; keep it off agent machines)\npublic key:  {args.out}.pub\n{pub}")
    return 0


def run_pack(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.kb.checker import KBUnusable, check_kb, summarize
    from assist.core.kb.packs import PackError, build_pack

    path = _kb_path(args, ctx)
    try:
        errors, _w = summarize(check_kb(path))
    except KBUnusable as exc:
        return _fail(str(exc))
    if errors:
        return _fail(f"{path} has {errors} error(s); run `assist kb check {path}` and fix them before packing", 1)
    try:
        manifest = build_pack(path, Path(args.key), Path(args.out))
    except (PackError, OSError) as exc:
        return _fail(str(exc))
    print(f"{args.out}: KB version {manifest['kb_version']}, {len(manifest['files'])} files, signed")
    return 0


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.kb.packs import PackError, import_pack

    keys = ctx.settings.get("kb.trusted_keys")
    try:
        info = import_pack(Path(args.file), ctx.paths.kb_store_dir, keys)
    except PackError as exc:
        return _fail(f"pack refused: {exc}", 1)
    except OSError as exc:
        return _fail(f"cannot read pack: {exc}")
    prev = info.get("previous") or "the bundled KB"
    print(f"KB version {info['version']} is now active (previous: {prev}; `assist kb rollback` to go back)")
    return 0


def run_rollback(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.kb.packs import PackError, rollback

    try:
        info = rollback(ctx.paths.kb_store_dir)
    except PackError as exc:
        return _fail(str(exc), 1)
    now = f"KB version {info['version']}" if info.get("version") else "the bundled KB"
    print(f"rolled back from {info.get('from')}: {now} is active again")
    return 0


def run_status(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.kb.packs import status

    st = status(ctx.paths.kb_store_dir)
    kb_dir = ctx.kb_dir
    vfile = kb_dir / "VERSION"
    version = vfile.read_text(encoding="utf-8").strip() if vfile.exists() else "dev"
    source = "imported pack" if st.get("active") and Path(st["active_dir"]) == kb_dir else (
        "bundled" if kb_dir == ctx.paths.bundled_kb_dir else "override (--kb / $ASSIST_KB)")
    print(f"active:   {version} ({source}) {kb_dir}")
    if st.get("active"):
        print(f"pack:     {st['active']} built {st.get('built_at', '?')} imported {st.get('imported_at', '?')}")
    print(f"previous: {st.get('previous') or ('bundled' if st.get('active') else '-')}")
    return 0


def run_trust(args: argparse.Namespace, ctx: Context) -> int:
    from assist.core.kb.packs import PackError, read_public_key

    try:
        key = read_public_key(Path(args.pubkey))
    except (PackError, OSError) as exc:
        return _fail(str(exc))
    keys = ctx.settings.get("kb.trusted_keys")
    if key in keys:
        print("key already trusted")
        return 0
    ctx.settings.set("kb.trusted_keys", keys + [key])
    ctx.settings.save()
    print(f"trusted: {key}")
    return 0


def run_misses(args: argparse.Namespace, ctx: Context) -> int:
    """Queries (already masked when recorded) that ended without an opened card, most frequent first."""
    from assist.core.storage import panel

    if not ctx.paths.db_file.exists() and not ctx.db_initialised:
        rows: list[dict] = []
    else:
        db = ctx.open_db()
        try:
            rows = panel.list_misses(db, limit=args.limit)
        finally:
            db.conn.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print("no search misses recorded")
        return 0
    width = max(len(r["query"]) for r in rows)
    for r in rows:
        print(f"{r['count']:5d}  {r['query']:<{width}}  last {local_minute(r['last'])}")
    return 0
