"""The command context: paths, settings, the active KB folder, the database, logging.

Built by the composition root (:func:`assist.app.build_context`), which also sets
``kb_builder``: commands get the KB services from the same builder as the panel. This module
imports no command and no UI, so the CLI modules can import it without a cycle.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assist.paths import ENV_KB, Paths

if TYPE_CHECKING:
    from sqlite_utils import Database

    from assist.core.kb import KnowledgeBase
    from assist.services import KbRules, KbServices
    from assist.settings import Settings


@dataclass
class Context:
    """Services handed to commands and to the UI controller (no global registry)."""

    paths: Paths
    kb_override: str | None = None
    lang: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    # set by the composition root (assist.app.build_context): builds the KB services of a KB folder
    kb_builder: Callable[[Context, Path, bool], KbServices] | None = None
    rules_builder: Callable[[Context, Path, bool], KbRules] | None = None
    _kb_services: KbServices | None = field(default=None, repr=False)
    _kb_rules: KbRules | None = field(default=None, repr=False)

    def kb_rules(self) -> KbRules:
        """The active KB's guidance rules, complaint risk rules and taxonomy (no cards loaded), from
        the builder the panel uses. A rule file that does not load raises ``RulesError``."""
        if self._kb_rules is None:
            if self.rules_builder is None:
                raise RuntimeError("Context.rules_builder is not set: build the context with assist.app.build_context")
            self._kb_rules = self.rules_builder(self, self.kb_dir, True)
        return self._kb_rules

    def kb_services(self) -> KbServices:
        """The active KB's cards, search, guidance rules, risk rules and taxonomy, built once per
        command by the same builder the panel uses. A rule file that does not load raises
        ``RulesError`` (``path:line: message``) here; the panel keeps running without it."""
        if self._kb_services is None:
            if self.kb_builder is None:
                raise RuntimeError("Context.kb_builder is not set: build the context with assist.app.build_context")
            self._kb_services = self.kb_builder(self, self.kb_dir, True)
        return self._kb_services

    @cached_property
    def settings(self) -> Settings:
        from assist.settings import Settings

        return Settings.load(self.paths.settings_file, managed=self.paths.managed_settings_file)

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

    def load_kb(self) -> KnowledgeBase:
        """From the compiled index: only files that changed are parsed again."""
        from assist.core.kb.index import load_compiled

        return load_compiled(self.kb_dir, self.paths.kb_index_file)

    def open_db(self, *, migrate: bool = True) -> Database:
        """The app's database. A missing (once set up), empty, unreadable or damaged file raises
        ``health.DbProblem``: it is never silently replaced by a new one."""
        from assist.core.storage import health
        from assist.schema import SCHEMA_SETS

        self.paths.ensure()
        db = health.open_checked(self.paths.db_file, SCHEMA_SETS, initialised=self.db_initialised, migrate=migrate)
        self.remember_db()
        return db

    @property
    def db_initialised(self) -> bool:
        return bool(self.settings.get("storage.db_initialised_at"))

    def remember_db(self) -> None:
        """Note in the settings that this PC has a database (once)."""
        if not self.db_initialised and self.paths.db_file.exists():
            from assist.core.clock import utc_stamp

            self.settings.set("storage.db_initialised_at", utc_stamp())
            try:
                self.settings.save()
            except OSError:
                pass

    def start_fresh(self) -> Path | None:
        """Move the database file aside (kept, renamed) and create a new one; returns where the
        old file went (None if there was none)."""
        from assist.core.storage import health
        from assist.schema import SCHEMA_SETS

        self.paths.ensure()
        moved = health.move_aside(self.paths.db_file)
        health.open_checked(self.paths.db_file, SCHEMA_SETS, initialised=False).conn.close()
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
