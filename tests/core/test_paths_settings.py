import os
import stat

import pytest

from assist.paths import ENV_BASEDIR, Paths
from assist.settings import SETTINGS, Settings, SettingsError


def test_basedir_override_puts_everything_under_one_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_BASEDIR, raising=False)
    p = Paths.resolve(tmp_path)
    for d in (p.config_dir, p.data_dir, p.log_dir, p.cache_dir, p.runtime_dir):
        assert str(d).startswith(str(tmp_path))
    assert not p.config_dir.exists(), "nothing is created until ensure()"
    p.ensure()
    assert p.data_dir.is_dir()
    assert stat.S_IMODE(os.stat(p.data_dir).st_mode) == 0o700


def test_env_variable_is_the_same_override(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_BASEDIR, str(tmp_path))
    assert Paths.resolve().db_file == tmp_path / "data" / "assist.sqlite3"
    assert Paths.resolve(tmp_path / "x").db_file == tmp_path / "x" / "data" / "assist.sqlite3"


def test_default_paths_come_from_platformdirs(monkeypatch):
    monkeypatch.delenv(ENV_BASEDIR, raising=False)
    p = Paths.resolve()
    assert "assist" in str(p.data_dir)
    assert p.portable is False


def test_every_setting_is_declared_once_with_a_description():
    keys = [s.key for s in SETTINGS]
    assert len(keys) == len(set(keys))
    assert all(s.description and isinstance(s.default, s.type) for s in SETTINGS)


def test_settings_round_trip_and_defaults(tmp_path):
    f = tmp_path / "settings.toml"
    s = Settings.load(f)
    assert s.get("ui.language") == "zh_CN"
    s.set("ui.language", "en")
    s.set("agent.staff_id", "8001")
    s.set("kb.trusted_keys", ["abc"])
    s.save()
    again = Settings.load(f)
    assert again.get("ui.language") == "en"
    assert again.get("agent.staff_id") == "8001"
    assert again.get("kb.trusted_keys") == ["abc"]
    assert "schema_version = 1" in f.read_text(encoding="utf-8")
    with pytest.raises(SettingsError):
        s.set("ui.width", "wide")
    with pytest.raises(SettingsError):
        s.set("no.such", 1)


def test_bad_settings_file_is_reported_not_fatal(tmp_path):
    f = tmp_path / "settings.toml"
    f.write_text("[ui\nlanguage = ", encoding="utf-8")
    s = Settings.load(f)
    assert s.get("ui.language") == "zh_CN"
    assert "not valid TOML" in s.problems[0]
    f.write_text('[ui]\nwidth = "wide"\n', encoding="utf-8")
    s = Settings.load(f)
    assert s.get("ui.width") == 400 and "should be int" in s.problems[0]


def test_unreadable_settings_file_is_never_overwritten(tmp_path):
    f = tmp_path / "settings.toml"
    broken = '[sync]\nurl = "https://hq.example/v1\n[kb]\ntrusted_keys = ["abc"]\n'
    f.write_text(broken, encoding="utf-8")
    s = Settings.load(f)
    s.set("ui.geometry", "AAAA")
    s.save()
    assert f.read_text(encoding="utf-8") == broken


def test_unknown_keys_survive_a_save_and_control_characters_round_trip(tmp_path):
    f = tmp_path / "settings.toml"
    f.write_text('[custom]\nbranch_note = "keep me"\n[ui]\nwidth = 420\n', encoding="utf-8")
    s = Settings.load(f)
    s.set("agent.name", "王\x01五\t")
    s.save()
    again = Settings.load(f)
    assert again.problems == []
    assert again.get("agent.name") == "王\x01五\t" and again.get("ui.width") == 420
    assert 'branch_note = "keep me"' in f.read_text(encoding="utf-8")
    assert oct(os.stat(f).st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("version", ['"x"', "0", "99"])
def test_a_bad_schema_version_is_reported_not_fatal(tmp_path, version):
    f = tmp_path / "settings.toml"
    f.write_text(f"schema_version = {version}\n[ui]\nwidth = 420\n", encoding="utf-8")
    s = Settings.load(f)
    assert s.get("ui.width") == 420
    assert s.problems and "schema" in s.problems[0]
