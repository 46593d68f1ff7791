import argparse
import io

from assist.cli import open_cmd


def test_caller_from_stdin_is_masked_for_display_and_kept_full_only_for_the_panel(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("13812345678\n"))
    args = argparse.Namespace(caller="-", call_start=True, customer_name=None, topic="年费", call_type="投诉",
                              query=None, call_end=False)
    [msg] = open_cmd.build_messages(args)
    assert msg["cmd"] == "call_start" and msg["caller"] == "138****5678" and msg["caller_full"] == "13812345678"
