import pytest

from assist.app import main
from assist.core.privacy import mask, masking


@pytest.fixture(autouse=True)
def reset_policy():
    yield
    masking.set_policy(None)


def test_masking_policy_is_a_setting(tmp_path, capsys, monkeypatch):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text('[privacy]\nmask_card = "4+4"\nmask_mobile = "3+2"\n', encoding="utf-8")
    import io
    import random

    from assist.core.privacy import synth

    card = synth.bank_card(random.Random(3), 19)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"卡号{card} 手机13812345678\n"))
    assert main(["--basedir", str(tmp_path), "privacy", "mask", "-"]) == 0
    out = capsys.readouterr().out
    assert f"{card[:4]}{'*' * 11}{card[-4:]}" in out and "138******78" in out


def test_a_bad_policy_value_is_reported_and_the_default_kept(tmp_path, capsys):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text('[privacy]\nmask_id = "three"\n', encoding="utf-8")
    main(["--basedir", str(tmp_path), "doctor", "--json"])
    assert "privacy.mask_id" in capsys.readouterr().out
    assert mask("11010519491231002X") == "110***********002X"
