"""The one composition root: parse arguments, resolve paths, build every service once, then
start the panel or run a command. Nothing else wires services together.

- :func:`build_context`: the command context (paths, settings) with the KB-services builder.
- :func:`build_kb_rules`: the guidance rules, the complaint risk rules and the taxonomy of one KB
  folder; :func:`build_kb_services` adds its cards and search. The panel and every command get
  them from here, so both judge with the rules of the active KB (an imported pack), never the
  bundled defaults behind the agent's back.
- :func:`build_panel_services`: what the panel needs; a KB reload builds a new set and swaps it whole.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assist.context import Context
from assist.paths import Paths

if TYPE_CHECKING:
    import argparse

    from assist.core.finder import Finder
    from assist.core.kb import KnowledgeBase
    from assist.services import KbRules, KbServices, PanelServices, TranslationsLike

__all__ = ["Context", "build_context", "build_kb_rules", "build_kb_services", "build_panel_services", "main",
           "start_panel"]


def build_kb_rules(ctx: Context, kb_dir: Path, strict: bool, errors: list[Any] | None = None) -> KbRules:
    """The rules of ``kb_dir``: call guidance, complaint risk rules, complaint taxonomy.

    ``strict`` (commands): a rule file that does not load raises (``RulesError`` /
    ``TaxonomyError``, ``path:line: message``). Not strict (the panel): the problem is appended to
    ``errors`` (the KB status shows it) and the panel keeps working — without call guidance, or
    with the bundled complaint rules. A KB folder without ``rules/risk.yaml`` or
    ``taxonomy/complaint.yaml`` (a draft of cards) uses the bundled files, for the panel and the
    commands alike, and says so; a signed pack always carries its own (``packs.REQUIRED_FILES``)."""
    from assist.core.complaints.risk import load_risk_rules
    from assist.core.complaints.taxonomy import TaxonomyError, load_taxonomy
    from assist.core.guidance.lint import load_rules
    from assist.core.kb import CardError
    from assist.core.yamlfile import RulesError
    from assist.services import KbRules

    kb_dir = Path(kb_dir)
    bundled = ctx.paths.bundled_kb_dir
    log = logging.getLogger("assist.app")

    def note(path: Path, line: int, message: str, severity: str = "error") -> None:
        log.error("kb rules problem", extra={"fields": {"error": f"{path}:{line}: {message}"[:300]}})
        if errors is not None:
            errors.append(CardError(str(path), line, message, severity=severity, code="rules"))

    def own_or_bundled(rel: str) -> Path:
        if (kb_dir / rel).is_file() or kb_dir.resolve() == bundled.resolve():
            return kb_dir / rel
        if errors is not None:
            errors.append(CardError(str(kb_dir / rel), 1, f"missing: the bundled {rel} is used", severity="warning",
                                    code="rules-bundled"))
        return bundled / rel

    guidance = None
    try:
        guidance = load_rules(kb_dir)
    except RulesError as exc:
        if strict:
            raise
        note(Path(kb_dir) / "rules", exc.line, f"call guidance is off: {exc}")
    risk_file, tax_file = own_or_bundled("rules/risk.yaml"), own_or_bundled("taxonomy/complaint.yaml")
    try:
        risk = load_risk_rules(risk_file)
    except RulesError as exc:
        if strict or risk_file.is_relative_to(bundled):
            raise
        note(risk_file, exc.line, f"the bundled complaint risk rules are used: {exc}")
        risk = load_risk_rules(bundled / "rules" / "risk.yaml")
    try:
        taxonomy = load_taxonomy(tax_file)
    except TaxonomyError as exc:
        if strict or tax_file.is_relative_to(bundled):
            raise
        note(tax_file, 1, f"the bundled complaint taxonomy is used: {exc.problems[0]}")
        taxonomy = load_taxonomy(bundled / "taxonomy" / "complaint.yaml")
    return KbRules(guidance=guidance, risk=risk, taxonomy=taxonomy)


def build_kb_services(ctx: Context, kb_dir: Path, strict: bool, *, kb: KnowledgeBase | None = None,
                      finder_factory: Any = None) -> KbServices:
    """The KB services of ``kb_dir``: its cards, the search over them and its rules
    (:func:`build_kb_rules`)."""
    from assist.core.finder import Finder
    from assist.services import KbServices

    if kb is None:
        from assist.core.kb.index import load_compiled

        kb = load_compiled(kb_dir, ctx.paths.kb_index_file)
    rules = build_kb_rules(ctx, kb_dir, strict, kb.errors)
    finder = finder_factory(kb) if finder_factory is not None else Finder(
        kb, boost_usage=ctx.settings.get("search.boost_usage"), boost_pinned=ctx.settings.get("search.boost_pinned"))
    return KbServices(kb=kb, finder=finder, rules=rules.guidance, risk_rules=rules.risk, taxonomy=rules.taxonomy)


def build_panel_services(ctx: Context, translations: TranslationsLike | None = None) -> PanelServices:
    """Wire the services the panel needs (called once the single-instance check passed)."""
    from assist.core.storage import DbLane
    from assist.core.storage import panel as store
    from assist.schema import open_app_db
    from assist.services import KbHolder, PanelServices, local_now

    lane = DbLane(lambda: open_app_db(ctx.paths.db_file))   # checked by ctx.check_database() before
    usage = lane.call(store.usage_scores, local_now())
    pins = lane.call(store.pinned)

    def make_finder(kb: KnowledgeBase) -> Finder:
        from assist.core.finder import Finder

        # usage and pins are shared, not copied: a reloaded KB keeps this session's opens and pins
        return Finder(kb, usage=usage, pinned=pins, boost_usage=ctx.settings.get("search.boost_usage"),
                      boost_pinned=ctx.settings.get("search.boost_pinned"))

    def reload_kb() -> KbServices:
        """A new KB became active (a pack imported by sync or `assist kb import`): build its set."""
        return build_kb_services(ctx, ctx.kb_dir, False, finder_factory=make_finder)

    def sync_factory() -> Any:
        from assist.core.sync.service import SyncService

        return SyncService.from_settings(ctx.settings, ctx.paths, db_call=lane.call)

    def cipher_factory() -> Any:
        """The data-key cipher from the OS keyring, or None (masked-only storage, said aloud)."""
        import keyring

        from assist.core.privacy.crypto import FieldCipher

        return FieldCipher.maybe_from_keyring(keyring)

    icon = ctx.paths.resources_dir / "icons" / "assist.svg"
    return PanelServices(settings=ctx.settings, kbs=KbHolder(reload_kb()), lane=lane, store=store,
                         translations=translations, icon_path=str(icon) if icon.exists() else "",
                         cipher_factory=cipher_factory, sync_factory=sync_factory, reload_kb=reload_kb)


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

    rc = run_panel(ctx, lambda tr: build_panel_services(ctx, tr), platform=platform)
    # Everything is written by now (the DB lane closed, settings and logs flushed): leave without
    # tearing down the KB, the search index and the Qt objects one by one, which took 1-3 s.
    import logging as _logging
    import os

    _logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(rc)


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


def build_context(args: argparse.Namespace | None = None, *, paths: Paths | None = None,
                  kb: str | None = None, lang: str | None = None) -> Context:
    if args is not None:
        paths, kb, lang = Paths.resolve(args.basedir), args.kb, args.lang
    ctx = Context(paths=paths or Paths.resolve(None), kb_override=kb, lang=lang, kb_builder=build_kb_services,
                  rules_builder=build_kb_rules)
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
