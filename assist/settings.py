"""Every setting declared once (type, default, description, allowed values), stored as TOML.

Keys are ``section.name``. Unknown keys in the file are kept (and written back) but
ignored; a value of the wrong type or outside its allowed values is reported and the default
used; a file that cannot be read is reported and never overwritten. ``SCHEMA_VERSION`` and
``UPGRADES`` migrate old files forward (Picard's config_upgrade, in small).

Head office (the IT staff who install the panel) may place a second file, the **managed
settings** (``Paths.managed_settings_file``, same format): its values win over the user's, the
settings dialog shows them read-only, and ``set`` refuses them. Typical: the institution name,
branch code, sync URL and the masking policy.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()                 # allowed values (empty: any value of the type)
    bounds: tuple[int, int] | None = None         # inclusive range of an int

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not allowed here (None when it is)."""
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            return f"should be {self.type.__name__}, got {value!r}"
        if self.choices and value not in self.choices:
            return f"should be one of {', '.join(map(str, self.choices))}, got {value!r}"
        if self.bounds is not None and isinstance(value, int) and not self.bounds[0] <= value <= self.bounds[1]:
            return f"should be between {self.bounds[0]} and {self.bounds[1]}, got {value!r}"
        return None


SETTINGS: tuple[Setting, ...] = (
    Setting("ui.language", str, "zh_CN", "UI language: zh_CN (简体中文) or en", choices=("zh_CN", "en")),
    Setting("ui.dock_side", str, "right", "Screen edge the panel docks to: right or left", choices=("right", "left")),
    Setting("ui.zoom", int, 100, "Text size in percent of the system font (90-150)", bounds=(90, 150)),
    Setting("ui.theme", str, "light", "Colours: light, dark or contrast (high contrast)", choices=("light", "dark", "contrast")),
    Setting("ui.always_on_top", bool, True, "Keep the panel above the softphone"),
    Setting("ui.width", int, 400, "Panel width in pixels"),
    Setting("ui.hotkey", str, "<ctrl>+<alt>+<space>", "Global hotkey to summon the panel (X11/Windows); empty to disable"),
    Setting("ui.geometry", str, "", "Remembered window geometry (set by the panel)"),
    Setting("agent.staff_id", str, "", "The agent's staff number (工号), used in scripts"),
    Setting("agent.name", str, "", "The agent's name (坐席姓名)"),
    Setting("org.name", str, "", "Institution name (机构名称)"),
    Setting("org.branch_code", str, "0000", "Branch code used in ticket numbers"),
    Setting("org.device_id", str, "", "Device id used in ticket numbers (generated on first start)"),
    Setting("org.institution_type", str, "银行", "银行 (complaints classified by JR/T 0169-2018 A/B/C) or 保险 (insurer issue and line)",
            choices=("银行", "保险")),
    Setting("complaints.receipt_day_counts", bool, False,
            "Counting convention: true counts the day a complaint is received as day 1 (due = received + 14); "
            "false (default) starts the next day (民法典 Art 201). Recorded on each complaint when it is saved"),
    Setting("complaints.documents_days", int, 7,
            "Days given for the Art 14 documents (power of attorney, proof of inheritance) after receipt; house policy"),
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
    Setting("storage.db_initialised_at", str, "", "When this PC's database was set up (written by the app): a database "
            "that is later missing or empty is reported, never silently re-created"),
)
BY_KEY = {s.key: s for s in SETTINGS}

# version N -> function upgrading a flat dict from N to N+1
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class SettingsError(ValueError):
    pass


def _read(path: Path) -> tuple[dict[str, Any], dict[str, Any], list[str], bool]:
    """(known values, unknown keys, problems, writable) of one settings file."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    unknown: dict[str, Any] = {}
    writable = True
    if not path.exists():
        return values, unknown, problems, writable
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: not valid TOML ({exc}); using defaults for this run and leaving the file "
                        "as it is. Fix or delete the file.")
        raw, writable = {}, False
    flat = _flatten(raw)
    try:
        version = int(flat.pop("schema_version", SCHEMA_VERSION))
    except (TypeError, ValueError):
        problems.append(f"{path}: schema_version must be a whole number; reading the file as version {SCHEMA_VERSION}")
        version = SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        problems.append(f"{path}: written by a newer version (schema {version}); settings are read as far as "
                        "they are known and the file is not overwritten")
        writable = False
    while version < SCHEMA_VERSION:
        upgrade = UPGRADES.get(version)
        if upgrade is None:
            problems.append(f"{path}: no upgrade from schema {version}; reading it as version {SCHEMA_VERSION}")
            break
        flat = upgrade(flat)
        version += 1
    for key, v in flat.items():
        s = BY_KEY.get(key)
        if s is None:
            unknown[key] = v
            continue
        why = s.problem(v)
        if why is not None:
            problems.append(f"{path}: setting {key} {why}; using default {s.default!r}")
            continue
        values[key] = float(v) if s.type is float else v
    return values, unknown, problems, writable


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def _toml_str(v: str) -> str:
    out = []
    for ch in v:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return _toml_str(v)
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
    def __init__(self, path: Path | None, values: dict[str, Any] | None = None, problems: list[str] | None = None,
                 unknown: dict[str, Any] | None = None, writable: bool = True, managed: dict[str, Any] | None = None,
                 managed_path: Path | None = None):
        self.path = path
        self._values: dict[str, Any] = dict(values or {})
        self._unknown: dict[str, Any] = dict(unknown or {})  # kept and written back unchanged
        self._managed: dict[str, Any] = dict(managed or {})  # set by head office: read-only here
        self.managed_path = managed_path
        self.problems: list[str] = list(problems or [])
        self.writable = writable  # False when the file could not be read: never overwrite it

    @classmethod
    def load(cls, path: Path, managed: Path | None = None) -> Settings:
        values, unknown, problems, writable = _read(path)
        fixed: dict[str, Any] = {}
        if managed is not None and managed.exists():
            fixed, extra, more, _ = _read(managed)
            problems += more + [f"{managed}: unknown setting {k!r} ignored" for k in extra]
        return cls(path, values, problems, unknown, writable, fixed, managed)

    def is_managed(self, key: str) -> bool:
        """Set by head office (the managed settings file): shown read-only, never changed here."""
        return key in self._managed

    def get(self, key: str) -> Any:
        s = BY_KEY[key]
        v = self._managed.get(key, self._values.get(key, s.default))
        return list(v) if isinstance(v, list) else v

    def set(self, key: str, value: Any) -> None:
        s = BY_KEY.get(key)
        if s is None:
            raise SettingsError(f"unknown setting {key!r}")
        if key in self._managed:
            raise SettingsError(f"setting {key} is set by head office ({self.managed_path}); it cannot be changed here")
        why = s.problem(value)
        if why is not None:
            raise SettingsError(f"setting {key} {why}")
        self._values[key] = value

    def save(self) -> None:
        """Write atomically (temp file 0600, fsync, rename). A file that could not be read is
        never overwritten: the user's values in it would be lost."""
        if self.path is None or not self.writable:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {**self._unknown, "schema_version": SCHEMA_VERSION, **self._values}
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(dumps(data))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
