"""Every setting declared once (type, default, description), stored as TOML.

Keys are ``section.name``. Unknown keys in the file are kept but ignored; a value of
the wrong type is reported and the default used. ``SCHEMA_VERSION`` and ``UPGRADES``
migrate old files forward (Picard's config_upgrade, in small).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting("ui.language", str, "zh_CN", "UI language: zh_CN (简体中文) or en"),
    Setting("ui.dock_side", str, "right", "Screen edge the panel docks to: right or left"),
    Setting("ui.always_on_top", bool, True, "Keep the panel above the softphone"),
    Setting("ui.width", int, 400, "Panel width in pixels"),
    Setting("ui.hotkey", str, "<ctrl>+<alt>+<space>", "Global hotkey to summon the panel (X11/Windows); empty to disable"),
    Setting("ui.geometry", str, "", "Remembered window geometry (set by the panel)"),
    Setting("agent.staff_id", str, "", "The agent's staff number (工号), used in scripts"),
    Setting("agent.name", str, "", "The agent's name (坐席姓名)"),
    Setting("org.name", str, "", "Institution name (机构名称)"),
    Setting("org.branch_code", str, "0000", "Branch code used in ticket numbers"),
    Setting("org.device_id", str, "", "Device id used in ticket numbers (generated on first start)"),
    Setting("search.boost_usage", bool, True, "Rank frequently and recently opened cards higher"),
    Setting("search.boost_pinned", bool, True, "Rank pinned cards first"),
    Setting("kb.trusted_keys", list, [], "Base64 Ed25519 public keys trusted for KB packs"),
    Setting("privacy.mask_card", str, "6+4", "Bank-card digits left visible, HEAD+TAIL (house policy; JR/T 0171 Appendix A unverified)"),
    Setting("privacy.mask_mobile", str, "3+4", "Mobile-number digits left visible, HEAD+TAIL (house policy)"),
    Setting("privacy.mask_id", str, "3+4", "ID-card characters left visible, HEAD+TAIL (house policy)"),
    Setting("privacy.retention_days", int, 0, "Days to keep closed complaint records before purge (0 = head office decides, never purge automatically)"),
    Setting("sync.url", str, "", "Head-office receiver base URL (https://…); empty = offline only"),
    Setting("sync.ca_bundle", str, "", "PEM file with the bank's CA certificates (empty = system CAs)"),
    Setting("sync.proxy", str, "", "HTTP(S) proxy URL, if the branch needs one"),
)
BY_KEY = {s.key: s for s in SETTINGS}

# version N -> function upgrading a flat dict from N to N+1
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class SettingsError(ValueError):
    pass


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise SettingsError(f"cannot store {type(v).__name__} in settings")


def dumps(flat: dict[str, Any]) -> str:
    sections: dict[str, dict[str, Any]] = {}
    top: dict[str, Any] = {}
    for key, v in sorted(flat.items()):
        if "." in key:
            sec, name = key.split(".", 1)
            sections.setdefault(sec, {})[name] = v
        else:
            top[key] = v
    lines = ["# Assist settings. Edit with care; see `assist doctor` for the path."]
    lines += [f"{k} = {_toml_value(v)}" for k, v in top.items()]
    for sec, vals in sections.items():
        lines.append(f"\n[{sec}]")
        lines += [f'{k} = {_toml_value(v)}' if "." not in k else f'"{k}" = {_toml_value(v)}' for k, v in vals.items()]
    return "\n".join(lines) + "\n"


class Settings:
    def __init__(self, path: Path | None, values: dict[str, Any] | None = None, problems: list[str] | None = None):
        self.path = path
        self._values: dict[str, Any] = dict(values or {})
        self.problems: list[str] = list(problems or [])

    @classmethod
    def load(cls, path: Path) -> "Settings":
        problems: list[str] = []
        values: dict[str, Any] = {}
        if path.exists():
            try:
                raw = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: not valid TOML ({exc}); using defaults. Fix or delete the file.")
                raw = {}
            flat = _flatten(raw)
            version = int(flat.pop("schema_version", SCHEMA_VERSION) or 0)
            while version < SCHEMA_VERSION:
                flat = UPGRADES[version](flat)
                version += 1
            for key, v in flat.items():
                s = BY_KEY.get(key)
                if s is None:
                    continue
                if s.type is float and isinstance(v, int):
                    v = float(v)
                if not isinstance(v, s.type) or (s.type is int and isinstance(v, bool)):
                    problems.append(f"{path}: setting {key} should be {s.type.__name__}, got {v!r}; using default {s.default!r}")
                    continue
                values[key] = v
        return cls(path, values, problems)

    def get(self, key: str) -> Any:
        s = BY_KEY[key]
        v = self._values.get(key, s.default)
        return list(v) if isinstance(v, list) else v

    def set(self, key: str, value: Any) -> None:
        s = BY_KEY.get(key)
        if s is None:
            raise SettingsError(f"unknown setting {key!r}")
        if not isinstance(value, s.type):
            raise SettingsError(f"setting {key} must be {s.type.__name__}, not {type(value).__name__}")
        self._values[key] = value

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"schema_version": SCHEMA_VERSION, **self._values}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(dumps(data), encoding="utf-8")
        os.replace(tmp, self.path)
