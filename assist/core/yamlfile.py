"""The one YAML reader of the project: every problem is told as ``path:line: message``.

- :class:`Loader`: safe, libyaml's parser when present (fast: card front matter). In every
  loader dates stay text (a typo in a date is reported by the field's own check).
- :func:`load_yaml`: a whole file into :class:`LDict` / :class:`LList`, which know the line of
  each key and item (rule files, the lexicon); any problem raises :class:`RulesError`.
- :func:`compose` + :func:`mapping_items` / :func:`string_list`: the node tree, for a reader that
  collects every problem of a file at once (the complaint taxonomy).
- :func:`error_at`: the line and words of a YAML syntax error (an unclosed ``[`` at its opening).
- :class:`Example`: a sentence a rule file gives as an example, with its line (lint rules,
  disclosures, risk cues, topics); :func:`text_field`: one text field of an entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Example:
    """A sentence a rule must (or must not) match, and the line it stands on."""

    text: str
    line: int


class RulesError(ValueError):
    """A bad rule file. ``str(err)`` is ``path:line: message``."""

    def __init__(self, path: str | Path, line: int, message: str):
        self.path, self.line, self.message = str(path), int(line), message
        super().__init__(f"{self.path}:{self.line}: {message}")


class LDict(dict[Any, Any]):
    """A mapping that knows its own line, the line of each value and of each key (1-based)."""

    line: int = 0
    lines: dict[Any, int]
    key_lines: dict[Any, int]


class LList(list[Any]):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    lines: list[int]


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader (libyaml's parser when present) that keeps dates as text."""


_NO_DATES = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.yaml_implicit_resolvers = _NO_DATES


class LineLoader(yaml.SafeLoader):  # type: ignore[misc]
    """The pure-Python safe loader building :class:`LDict` / :class:`LList` (duplicate keys are
    errors). Pure Python on purpose: libyaml reads ``[找谁, 也?, 没用]`` as the text "也?",
    while a rule author means an optional part — PyYAML refuses it, and the message says why."""


LineLoader.yaml_implicit_resolvers = _NO_DATES


def _mapping(loader: LineLoader, node: yaml.MappingNode) -> LDict:
    out = LDict()
    out.line = node.start_mark.line + 1
    out.lines, out.key_lines = {}, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a key must be plain text", key_node.start_mark) from None
        if key in out:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = value_node.start_mark.line + 1
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _sequence(loader: LineLoader, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [n.start_mark.line + 1 for n in node.value]
    return out


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def error_at(exc: yaml.YAMLError, first_line: int = 1) -> tuple[int, str]:
    """(file line, message) for a YAML error. An unclosed construct is reported at the line that
    opened it (``[``, ``{``, a quote, a key), other errors where detected. ``first_line``: the
    file line of the text's first line (front matter starts on line 2)."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    ctx, ctx_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    opened = ctx and any(w in ctx for w in ("flow", "simple key", "quoted scalar"))
    if opened and ctx_mark is not None and (mark is None or ctx_mark.line <= mark.line):
        where = f" ({ctx} opened here)" if ctx and ctx_mark.line != getattr(mark, "line", -1) else ""
        return first_line + ctx_mark.line, f"{problem}{where}"
    return (first_line + mark.line) if mark is not None else first_line, str(problem)


def parse(text: str) -> Any:
    """Plain data from YAML text (raises ``yaml.YAMLError``; :func:`error_at` tells where)."""
    return yaml.load(text, Loader=Loader)


def load_yaml(path: Path, shown: str | None = None) -> Any:
    """Parse one YAML file; any problem becomes a :class:`RulesError` with its line."""
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError(shown, 1, "file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(shown, 1, f"cannot read the file: {exc}") from None
    try:
        return yaml.load(text, Loader=LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = str(exc.problem or exc.context)
        if "'?'" in problem or "'{'" in problem or "'@'" in problem:
            problem += ("; inside [...] write ?, { and @ only within quotes ('{受理编号}'); a rule pattern has no "
                        "optional part: the window between parts already lets a few characters through")
        raise RulesError(shown, line, f"bad YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise RulesError(shown, 1, f"bad YAML: {exc}") from None


def line_of(container: Any, key: Any, default: int = 1) -> int:
    """Best line number for ``container[key]`` (falls back to the container's line)."""
    if isinstance(container, LDict):
        return int(container.lines.get(key, container.line or default))
    if isinstance(container, LList) and isinstance(key, int) and 0 <= key < len(container.lines):
        return container.lines[key]
    return int(getattr(container, "line", default) or default)


# ---- the node tree, for readers that report every problem of a file at once ----------------

def compose(path: Path) -> tuple[yaml.Node | None, list[str]]:
    """Parse ``path`` into its node tree; returns (root node, problems)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{path}:1: cannot read: {exc}"]
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as exc:
        line, problem = error_at(exc)
        return None, [f"{path}:{line}: YAML syntax error: {problem}"]
    return node, []


def node_line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def mapping_items(path: Path, node: yaml.Node, what: str, problems: list[str]) -> list[tuple[yaml.Node, yaml.Node]]:
    """Items of a mapping node; reports a non-mapping and duplicate keys."""
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{path}:{node_line(node)}: {what} must be a mapping (key: value)")
        return []
    seen: dict[str, int] = {}
    for k, _v in node.value:
        key = str(k.value)
        if key in seen:
            problems.append(f"{path}:{node_line(k)}: duplicate key {key!r} in {what} (first at line {seen[key]})")
        seen.setdefault(key, node_line(k))
    return list(node.value)


def string_list(path: Path, node: yaml.Node, what: str, problems: list[str]) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        problems.append(f"{path}:{node_line(node)}: {what} must be a list, e.g. {what}: [甲, 乙]")
        return []
    out: list[str] = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            problems.append(f"{path}:{node_line(item)}: {what}: each entry must be non-empty text")
            continue
        val = str(item.value).strip()
        if val in out:
            problems.append(f"{path}:{node_line(item)}: {what}: duplicate entry {val!r}")
        out.append(val)
    return out


def text_field(shown: str, entry: LDict, key: str, default: str = "") -> str:
    """``entry[key]`` as stripped text (a number is taken as its text); ``default`` when it is
    missing or empty; anything else is a :class:`RulesError` at the field's line."""
    v = entry.get(key, default)
    if v is None:
        return default
    if not isinstance(v, (str, int, float)) or isinstance(v, bool):
        raise RulesError(shown, line_of(entry, key), f"field '{key}' must be text")
    return str(v).strip()
