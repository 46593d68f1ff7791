"""Read a YAML file keeping line numbers, so every problem can be told as ``path:line: message``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps (dates stay text)."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class SourceError(ValueError):
    """One or more ``path:line: message`` problems."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def compose(path: Path) -> tuple[yaml.Node | None, list[str]]:
    """Parse ``path``; return (root node, problems)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{path}:1: cannot read: {exc}"]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        return None, [f"{path}:{line}: YAML syntax error: {exc.problem}"]
    return node, []


def line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def construct(node: yaml.Node) -> Any:
    return _Loader(" ").construct_object(node, deep=True)


def mapping_items(path: Path, node: yaml.Node, what: str, problems: list[str]) -> list[tuple[yaml.Node, yaml.Node]]:
    """Items of a mapping node; reports a non-mapping and duplicate keys."""
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{path}:{line(node)}: {what} must be a mapping (key: value)")
        return []
    seen: dict[str, int] = {}
    for k, _v in node.value:
        key = str(k.value)
        if key in seen:
            problems.append(f"{path}:{line(k)}: duplicate key {key!r} in {what} (first at line {seen[key]})")
        seen.setdefault(key, line(k))
    return list(node.value)


def string_list(path: Path, node: yaml.Node, what: str, problems: list[str]) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        problems.append(f"{path}:{line(node)}: {what} must be a list, e.g. {what}: [甲, 乙]")
        return []
    out: list[str] = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            problems.append(f"{path}:{line(item)}: {what}: each entry must be non-empty text")
            continue
        val = str(item.value).strip()
        if val in out:
            problems.append(f"{path}:{line(item)}: {what}: duplicate entry {val!r}")
        out.append(val)
    return out
