"""The one composition root: parse arguments, resolve paths, build services,
then start the panel or run a command. Nothing else wires services together."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assist.paths import ENV_KB, Paths

if TYPE_CHECKING:
    import argparse

    from sqlite_utils import Database

    from assist.core.kb import KnowledgeBase
    from assist.settings import Settings


@dataclass
class Context:
    """Services handed to commands and to the UI controller (no global registry)."""

    paths: Paths
    kb_override: str | None = None
    lang: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def settings(self) -> "Settings":
        from assist.settings import Settings

        return Settings.load(self.paths.settings_file)

    @property
    def kb_dir(self) -> Path:
        """The active KB: --kb / $ASSIST_KB, else an imported pack, else the bundled kb/."""
        if self.kb_override:
            return Path(self.kb_override)
        env = os.environ.get(ENV_KB)
        if env:
            return Path(env)
        from assist.core.kb.packs import active_kb_dir

        return active_kb_dir(self.paths.kb_store_dir) or self.paths.bundled_kb_dir

    def load_kb(self) -> "KnowledgeBase":
        """From the compiled index: only files that changed are parsed again."""
        from assist.core.kb.index import load_compiled

        return load_compiled(self.kb_dir, self.paths.kb_index_file)

    def open_db(self, *, migrate: bool = True) -> "Database":
        """The app's database. A missing (once set up), empty, unreadable or damaged file raises
        ``health.DbProblem``: it is never silently replaced by a new one."""
        from assist.core.storage import health

        self.paths.ensure()
        db = health.open_checked(self.paths.db_file, initialised=self.db_initialised, migrate=migrate)
        self.remember_db()
        return db

    @property
    def db_initialised(self) -> bool:
        return bool(self.settings.get("storage.db_initialised_at"))

    def remember_db(self) -> None:
        """Note in the settings that this PC has a database (once)."""
        if not self.db_initialised and self.paths.db_file.exists():
            import datetime as dt

            self.settings.set("storage.db_initialised_at", dt.datetime.now().astimezone().isoformat(timespec="seconds"))
            try:
                self.settings.save()
            except OSError:
                pass

    def start_fresh(self) -> Path | None:
        """Move the database file aside (kept, renamed) and create a new one; returns where the
        old file went (None if there was none)."""
        from assist.core.storage import health

        self.paths.ensure()
        moved = health.move_aside(self.paths.db_file)
        health.open_checked(self.paths.db_file, initialised=False).conn.close()
        self.remember_db()
        return moved

    def check_database(self) -> Any:
        """For the panel's start: the file check, an open (migrations applied) and SQLite's quick
        check. Returns a ``health.DbProblem`` or None; nothing is changed on a problem."""
        from assist.core.storage import health

        self.paths.ensure()
        problem = health.check_file(self.paths.db_file, initialised=self.db_initialised)
        if problem is None and self.paths.db_file.exists():
            problem = health.integrity(self.paths.db_file)
        if problem is None:
            try:
                self.open_db().conn.close()
            except health.DbProblem as exc:
                problem = exc
        return problem

    def setup_logging(self, process: str = "cli") -> None:
        from assist.logging_setup import setup_logging

        setup_logging(self.paths, process=process)


def _load_rules(kb: "KnowledgeBase", consequence: str) -> Any:
    """The guidance rules of ``kb``, or None: a broken rules folder never stops the panel; it is
    shown in the KB status (``consequence`` says what the agent loses) and logged."""
    from assist.core.guidance.lint import load_rules
    from assist.core.kb import CardError

    try:
        return load_rules(Path(kb.root))
    except Exception as exc:  # noqa: BLE001 - `assist kb check` gives the details
        import logging

        logging.getLogger("assist.app").error("guidance rules unavailable", extra={"fields": {"error": str(exc)[:300]}})
        kb.errors.append(CardError(str(Path(kb.root) / "rules"), 1, f"{consequence}: {exc}", code="rules"))
        return None


def build_panel_services(ctx: Context, translations: Any = None):
    """Wire the services the panel needs (called once the single-instance check passed)."""
    import datetime as dt

    from assist.core.finder import Finder
    from assist.core.storage import DbLane, open_db
    from assist.core.storage import panel as store
    from assist.ui.call_support import CallServices
    from assist.ui.controller import PanelServices

    lane = DbLane(lambda: open_db(ctx.paths.db_file))  # checked by ctx.check_database() before
    usage = lane.call(store.usage_scores, dt.datetime.now().astimezone())
    pins = lane.call(store.pinned)

    def make_finder(kb: "KnowledgeBase") -> Finder:
        return Finder(kb, usage=usage, pinned=pins, boost_usage=ctx.settings.get("search.boost_usage"),
                      boost_pinned=ctx.settings.get("search.boost_pinned"))

    kb = ctx.load_kb()
    finder = make_finder(kb)
    rules = _load_rules(kb, "call guidance is off")
    call_services = None if rules is None else CallServices(kb=kb, rules=rules, settings=ctx.settings, lane=lane,
                                                             store=store, search=finder)

    def reload_kb():
        """A new KB became active (pack imported by sync or `assist kb import`): load it again.
        Usage and pins carry over (the finder shares them); broken rules keep the previous ones."""
        new_kb = ctx.load_kb()
        return new_kb, make_finder(new_kb), _load_rules(new_kb, "call guidance keeps the previous rules")

    def sync_factory():
        from assist.core.sync.service import SyncService

        return SyncService.from_settings(ctx.settings, ctx.paths, db_call=lane.call)

    icon = ctx.paths.resources_dir / "icons" / "assist.svg"
    return PanelServices(settings=ctx.settings, kb=kb, search=finder, lane=lane, store=store,
                         translations=translations, icon_path=str(icon) if icon.exists() else "", suggest=finder.suggest,
                         call_services=call_services, sync_factory=sync_factory, reload_kb=reload_kb)


def start_panel(ctx: Context, platform: str | None = None) -> int:
    """`assist` without a command: raise a running panel, or start one."""
    from assist import ipc

    try:
        if ipc.send(ctx.paths.runtime_dir, {"cmd": "show"}).startswith("ok"):
            return 0
    except ConnectionError:
        pass
    except ipc.PanelBusy as exc:
        print(f"assist: a panel is running but does not answer ({exc}); try again in a moment", file=sys.stderr)
        return 1
    ctx.paths.ensure()
    ctx.setup_logging("panel")
    from assist.ui.launch import run_panel  # Qt only from here

    return run_panel(ctx, lambda tr: build_panel_services(ctx, tr), platform=platform)


def apply_privacy_policy(ctx: Context) -> None:
    """The masking policy is a setting (house policy); a bad value is reported and the default kept."""
    from assist.core.privacy import masking

    values: dict[str, int] = {}
    for kind in ("card", "mobile", "id"):
        raw = ctx.settings.get(f"privacy.mask_{kind}")
        try:
            values[f"{kind}_head"], values[f"{kind}_tail"] = masking.parse_head_tail(raw)
        except ValueError as exc:
            ctx.settings.problems.append(f"setting privacy.mask_{kind}: {exc}; using the default")
    masking.set_policy(masking.MaskPolicy.from_mapping(values))


def build_context(args: "argparse.Namespace") -> Context:
    ctx = Context(paths=Paths.resolve(args.basedir), kb_override=args.kb, lang=args.lang)
    apply_privacy_policy(ctx)
    return ctx


def main(argv: list[str] | None = None) -> int:
    from assist.cli import build_parser

    from assist.core.text import clean_text

    parser = build_parser()
    args = parser.parse_args(argv)
    for key, value in vars(args).items():  # CLI input is free text at the boundary too
        if isinstance(value, str):
            setattr(args, key, clean_text(value))
    ctx = build_context(args)
    if args.command is None:
        return start_panel(ctx, platform=args.platform)
    import sqlite3

    from assist.core.storage.health import DbProblem

    try:
        return int(args.func(args, ctx) or 0)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except DbProblem as exc:  # one line, exit 2, never a traceback
        print(f"assist: {exc.one_line()}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:
        print(f"assist: the database {ctx.paths.db_file} cannot be used ({exc}); nothing was changed. "
              "`assist db check` tells what is wrong; `assist db recover` copies what can be read into a new file",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
