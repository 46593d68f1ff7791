"""``kb/rules/lexicon.yaml``: the word classes rules refer to (``$索要``) and the scope cues."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from assist.core.rulelang.scope import ScopeCues
from assist.core.rulelang.spec import BUILTINS
from assist.core.yamlfile import LDict, LList, RulesError, line_of, load_yaml

_NAME = re.compile(r"^[\w\u4e00-\u9fff]{1,20}$")
CUE_FIELDS = tuple(f.name for f in fields(ScopeCues) if f.name != "negation_window")


@dataclass(frozen=True)
class Lexicon:
    classes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cues: ScopeCues = field(default_factory=ScopeCues)
    path: str = ""


def words(shown: str, container: LDict | LList, key: str | int, value: object, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(w, (str, int)) and not isinstance(w, bool) for w in value):
        raise RulesError(shown, line_of(container, key), f"{what} must be a list of words, e.g. [告诉, 报, 念]")
    out = tuple(str(w).strip() for w in value)
    if any(not w for w in out):
        raise RulesError(shown, line_of(container, key), f"{what} holds an empty word; remove it")
    return out


def read_cues(shown: str, node: object, base: ScopeCues | None = None) -> ScopeCues:
    """A ``scope:`` mapping of cue lists; fields not given keep ``base``'s value."""
    base = base or ScopeCues()
    if not isinstance(node, LDict):
        raise RulesError(shown, getattr(node, "line", 1) or 1, "scope cues must be a mapping, e.g. negation: [不, 没]")
    kw: dict[str, object] = {}
    for k, v in node.items():
        if k == "negation_window":
            if isinstance(v, bool) or not isinstance(v, int) or not 0 < v <= 40:
                raise RulesError(shown, line_of(node, k), "negation_window must be a whole number from 1 to 40")
            kw[k] = v
        elif k in CUE_FIELDS:
            kw[k] = words(shown, node, k, v, f"scope cue list '{k}'")
        else:
            raise RulesError(shown, line_of(node, k), f"unknown scope cue list '{k}'; known: "
                                                      f"{', '.join(CUE_FIELDS)}, negation_window")
    return ScopeCues(**{**{f.name: getattr(base, f.name) for f in fields(ScopeCues)}, **kw})


def load_lexicon(path: Path, shown: str) -> Lexicon:
    data = load_yaml(path, shown)
    if not isinstance(data, LDict):
        raise RulesError(shown, 1, "lexicon.yaml must be a mapping with 'classes:' and 'scope:'")
    for k in data:
        if k not in ("classes", "scope"):
            raise RulesError(shown, line_of(data, k), f"unknown section '{k}'; allowed: classes, scope")
    classes: dict[str, tuple[str, ...]] = {}
    cls = data.get("classes") or LDict()
    if not isinstance(cls, LDict):
        raise RulesError(shown, line_of(data, "classes"), "classes must be a mapping: 名称: [词, 词]")
    for name, value in cls.items():
        name = str(name)
        if not _NAME.match(name) or name in BUILTINS:
            raise RulesError(shown, line_of(cls, name), f"bad class name '{name}': use up to 20 letters, digits or "
                                                        f"Chinese characters, not one of the built-ins {', '.join(BUILTINS)}")
        classes[name] = words(shown, cls, name, value, f"class '{name}'")
    cues = read_cues(shown, data["scope"]) if "scope" in data else ScopeCues()
    return Lexicon(classes, cues, shown)
