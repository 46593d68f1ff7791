"""YAML loading that remembers line numbers, for ``path:line: message`` errors (rule files, lexicon)."""

from __future__ import annotations

from pathlib import Path

import yaml


class RulesError(ValueError):
    """A bad rule file. ``str(err)`` is ``path:line: message``."""

    def __init__(self, path: str | Path, line: int, message: str):
        self.path, self.line, self.message = str(path), int(line), message
        super().__init__(f"{self.path}:{self.line}: {message}")


class LDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    lines: dict


class LList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    lines: list


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    out = LDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
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
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [n.start_mark.line + 1 for n in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(path: Path, shown: str | None = None):
    """Parse one YAML file; any problem becomes a :class:`RulesError` with its line."""
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError(shown, 1, "file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(shown, 1, f"cannot read the file: {exc}") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
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


def line_of(container, key, default: int = 1) -> int:
    """Best line number for ``container[key]`` (falls back to the container's line)."""
    if isinstance(container, LDict):
        return container.lines.get(key, container.line or default)
    if isinstance(container, LList) and isinstance(key, int) and 0 <= key < len(container.lines):
        return container.lines[key]
    return getattr(container, "line", default) or default
