"""Every path the app uses, from one object.

Default locations come from platformdirs. One override, ``--basedir DIR`` or the
``ASSIST_BASEDIR`` environment variable, puts everything (config, data, logs,
cache, runtime socket) under one folder; tests, e2e runs and portable builds use
it. Nothing is created at import time: call :meth:`Paths.ensure` when needed.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_BASEDIR = "ASSIST_BASEDIR"
ENV_KB = "ASSIST_KB"
ENV_MANAGED = "ASSIST_MANAGED_SETTINGS"   # head office's settings file (read-only for the agent)


def _bundle_root() -> Path:
    """Where the read-only resources live (repo checkout or frozen bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    log_dir: Path
    cache_dir: Path
    runtime_dir: Path
    bundle_dir: Path
    portable: bool = False
    site_config_dir: Path | None = None   # machine-wide configuration (head office's managed settings)

    @classmethod
    def from_basedir(cls, basedir: str | os.PathLike[str]) -> Paths:
        base = Path(basedir).expanduser().resolve()
        return cls(
            config_dir=base / "config",
            data_dir=base / "data",
            log_dir=base / "logs",
            cache_dir=base / "cache",
            runtime_dir=base / "runtime",
            bundle_dir=_bundle_root(),
            portable=True,
        )

    @classmethod
    def default(cls) -> Paths:
        import platformdirs

        from assist import APP_AUTHOR, APP_NAME

        dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
        if sys.platform != "win32" and os.environ.get("XDG_RUNTIME_DIR"):
            runtime = Path(dirs.user_runtime_dir)
        else:  # no per-session runtime dir (headless, Windows): a private folder in the cache
            runtime = Path(dirs.user_cache_dir) / "run"
        return cls(
            site_config_dir=Path(dirs.site_config_dir),
            config_dir=Path(dirs.user_config_dir),
            data_dir=Path(dirs.user_data_dir),
            log_dir=Path(dirs.user_log_dir),
            cache_dir=Path(dirs.user_cache_dir),
            runtime_dir=runtime,
            bundle_dir=_bundle_root(),
        )

    @classmethod
    def resolve(cls, basedir: str | os.PathLike[str] | None = None) -> Paths:
        """``--basedir`` wins, then ``$ASSIST_BASEDIR``, then a ``portable.txt``
        marker beside a frozen executable, then the platform defaults."""
        if basedir:
            return cls.from_basedir(basedir)
        env = os.environ.get(ENV_BASEDIR)
        if env:
            return cls.from_basedir(env)
        if getattr(sys, "frozen", False):
            exe_dir = Path(sys.executable).resolve().parent
            if (exe_dir / "portable.txt").exists():
                return cls.from_basedir(exe_dir / "userdata")
        return cls.default()

    # ---- files -------------------------------------------------------------
    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def managed_settings_file(self) -> Path:
        """Head office's settings (placed by IT; wins over the user's, shown read-only):
        ``$ASSIST_MANAGED_SETTINGS``, else ``managed.toml`` in the machine-wide configuration
        folder (``/etc/xdg/assist``, ``C:\\ProgramData\\assist``), or in ``config/`` of a basedir."""
        env = os.environ.get(ENV_MANAGED)
        if env:
            return Path(env)
        return (self.site_config_dir or self.config_dir) / "managed.toml"

    @property
    def db_file(self) -> Path:
        return self.data_dir / "assist.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "assist.log.jsonl"

    @property
    def kb_store_dir(self) -> Path:
        """Imported (signed) KB packs live here; see core.kb.packs."""
        return self.data_dir / "kb"

    @property
    def kb_index_file(self) -> Path:
        return self.cache_dir / "kb-index.sqlite3"

    @property
    def bundled_kb_dir(self) -> Path:
        return self.bundle_dir / "kb"

    @property
    def resources_dir(self) -> Path:
        return self.bundle_dir / "resources"

    def ensure(self) -> Paths:
        for d in (self.config_dir, self.data_dir, self.log_dir, self.cache_dir, self.runtime_dir):
            d.mkdir(parents=True, exist_ok=True)
            if sys.platform != "win32":
                try:
                    os.chmod(d, 0o700)
                except OSError:
                    pass
        return self

    def as_dict(self) -> dict[str, str]:
        return {
            "config": str(self.config_dir),
            "data": str(self.data_dir),
            "logs": str(self.log_dir),
            "cache": str(self.cache_dir),
            "runtime": str(self.runtime_dir),
            "database": str(self.db_file),
            "settings": str(self.settings_file),
            "managed_settings": str(self.managed_settings_file),
            "bundled_kb": str(self.bundled_kb_dir),
        }
