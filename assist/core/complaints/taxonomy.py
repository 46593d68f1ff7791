"""Load ``kb/taxonomy/complaint.yaml`` (JR/T 0169-2018 A/B/C labels, our D list, insurer classes, enums).

Code values are ours; the A/B/C labels follow the banking standard (certainty M), the insurer
issue and line headings the regulator's bulletins. Classes that are our own (not from a
standard or bulletin: e.g. the credit-card sub-classes, the demand list) are listed under
``own:`` and :meth:`Taxonomy.is_own` says so; reports to a regulator map an own sub-class to
its parent (:meth:`Taxonomy.parent`). ``topics:`` maps call-topic words to a business class
(:mod:`assist.core.complaints.topics`, :meth:`Taxonomy.business_for_topic`: the form's prefill
on a call). Problems are reported as ``path:line: message`` through :class:`TaxonomyError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from assist.core.complaints.topics import TopicMatch, Topics, parse_topics
from assist.core.yamlfile import compose, mapping_items, string_list
from assist.core.yamlfile import node_line as line

CODE_MAPS = {"A_channel": "A", "B_business": "B", "B_business_sub": "B", "C_reason": "C",
             "D_demand": "D", "INS_issue": "I", "INS_line": "L"}
LISTS = ("complainant_types", "sources", "statuses", "notice_methods", "remedies", "pause_types", "id_doc_types",
         "institution_types")
REQUIRED = ("A_channel", "B_business", "C_reason", "D_demand", "complainant_types", "sources",
            "statuses", "notice_methods", "remedies", "pause_types")


class TaxonomyError(ValueError):
    """One or more ``path:line: message`` problems of the taxonomy file."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Taxonomy:
    codes: dict[str, dict[str, str]] = field(default_factory=dict)   # dimension -> code -> label
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    version: int = 1
    own: dict[str, frozenset[str]] = field(default_factory=dict)    # dimension -> codes that are our own classes
    topics: Topics = field(default_factory=Topics)                   # call-topic words -> business class

    def is_own(self, dimension: str, code: str) -> bool:
        return code in self.own.get(dimension, frozenset())

    def parent(self, dimension: str, code: str) -> str | None:
        """The two-digit parent of a four-digit code (B0305 → B03); None for a top-level code."""
        return code[:-2] if len(code) == 5 and code[:-2] else None

    def children(self, dimension: str, parent: str) -> dict[str, str]:
        return {c: lab for c, lab in self.codes.get(dimension, {}).items() if self.parent(dimension, c) == parent}

    def label(self, dimension: str, code: str) -> str | None:
        return self.codes.get(dimension, {}).get(code)

    def has(self, dimension: str, code: str) -> bool:
        return code in self.codes.get(dimension, {})

    def options(self, name: str) -> tuple[str, ...]:
        return self.lists.get(name, ())

    def business_for_topic(self, topic: str) -> TopicMatch | None:
        """The business class (and sub-class) a call topic suggests, from ``topics:`` (None: none)."""
        return self.topics.decide(topic)


def load_taxonomy(path: str | Path) -> Taxonomy:
    """Read the taxonomy: a file, or a KB folder holding ``taxonomy/complaint.yaml``."""
    p = Path(path)
    if p.is_dir():
        p = p / "taxonomy" / "complaint.yaml"
    return _load_cached(str(p), p.stat().st_mtime_ns if p.exists() else 0)


@lru_cache(maxsize=8)
def _load_cached(path: str, _mtime: int) -> Taxonomy:
    p = Path(path)
    root, problems = compose(p)
    if root is None:
        raise TaxonomyError(problems or [f"{p}:1: file is empty"])
    codes: dict[str, dict[str, str]] = {}
    lists: dict[str, tuple[str, ...]] = {}
    version = 1
    present: set[str] = set()
    own_node = topics_node = None
    for k, v in mapping_items(p, root, "the file", problems):
        key = str(k.value)
        present.add(key)
        if key == "version":
            version = int(v.value) if str(v.value).isdigit() else version
        elif key in CODE_MAPS:
            codes[key] = _code_map(p, key, v, CODE_MAPS[key], problems)
        elif key in LISTS:
            lists[key] = tuple(string_list(p, v, key, problems))
        elif key == "own":
            own_node = v
        elif key == "topics":
            topics_node = v
        else:
            problems.append(f"{p}:{line(k)}: unknown section {key!r}; known: {', '.join([*CODE_MAPS, *LISTS, 'own', 'topics'])}")
    for req in REQUIRED:
        if req not in present:
            problems.append(f"{p}:1: missing section {req!r}")
    own = _own(p, own_node, codes, problems) if own_node is not None else {}
    topics = parse_topics(p, topics_node, codes, problems) if topics_node is not None else Topics()
    if problems:
        raise TaxonomyError(problems)
    return Taxonomy(codes=codes, lists=lists, version=version, own=own, topics=topics)


def _own(p: Path, node: Any, codes: dict[str, dict[str, str]], problems: list[str]) -> dict[str, frozenset[str]]:
    """``own: {dimension: all | [codes]}``: the classes that are ours, not a standard's."""
    out: dict[str, frozenset[str]] = {}
    for k, v in mapping_items(p, node, "own", problems):
        dim = str(k.value)
        if dim not in CODE_MAPS:
            problems.append(f"{p}:{line(k)}: own: unknown dimension {dim!r}; known: {', '.join(CODE_MAPS)}")
            continue
        if getattr(v, "value", None) == "all":
            out[dim] = frozenset(codes.get(dim, {}))
            continue
        listed = string_list(p, v, f"own.{dim}", problems)
        for code in listed:
            if code not in codes.get(dim, {}):
                problems.append(f"{p}:{line(v)}: own.{dim}: code {code!r} is not in {dim}")
        out[dim] = frozenset(listed)
    return out


def _code_map(p: Path, key: str, node: Any, prefix: str, problems: list[str]) -> dict[str, str]:
    rx = re.compile(rf"^{prefix}\d{{2}}(\d{{2}})?$")
    out: dict[str, str] = {}
    labels: dict[str, str] = {}
    for k, v in mapping_items(p, node, key, problems):
        code, label = str(k.value), str(getattr(v, "value", "")).strip()
        if not rx.match(code):
            problems.append(f"{p}:{line(k)}: {key}: code {code!r} must look like {prefix}01 or {prefix}0101")
        if not label or not isinstance(v.value, str):
            problems.append(f"{p}:{line(k)}: {key}: code {code!r} needs a text label, e.g. {code}: 其他")
            continue
        if label in labels:
            problems.append(f"{p}:{line(k)}: {key}: label {label!r} also used by {labels[label]}")
        labels.setdefault(label, code)
        out[code] = label
    return out
