"""Thin command-line commands over the core.

Each command lives in its own module here with two functions:

    def register(sub: argparse._SubParsersAction) -> None   # add_parser(...).set_defaults(func=run)
    def run(args: argparse.Namespace, ctx: assist.app.Context) -> int

No module here imports Qt at import time (commands start fast); only
``assist open`` and the panel itself load the UI.
"""

from __future__ import annotations

import argparse
import importlib

# Order = order in --help.
COMMAND_MODULES = (
    "doctor", "open_cmd", "kb", "search", "lint", "privacy", "complaints", "audit", "calls", "sync", "db",
)


def build_parser() -> argparse.ArgumentParser:
    from assist import __version__
    from assist.buildinfo import version_string

    p = argparse.ArgumentParser(
        prog="assist",
        description="Assist 坐席助手: offline side panel for call-centre agents. Without a command, starts the panel.",
    )
    p.add_argument("--version", action="version", version=version_string())
    p.add_argument("--basedir", metavar="DIR", help="keep all config, data, logs and cache under DIR (tests, portable use); also $ASSIST_BASEDIR")
    p.add_argument("--kb", metavar="DIR", help="use this knowledge-base folder instead of the active one; also $ASSIST_KB")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="UI language for this run (default: the setting, zh_CN)")
    p.add_argument("--platform", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    _ = __version__
    for name in COMMAND_MODULES:
        importlib.import_module(f"assist.cli.{name}").register(sub)
    return p
