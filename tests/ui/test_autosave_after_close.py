"""A draft autosave that fires after the database lane closed (the panel quitting) is skipped,
not an error in the event loop: the quit path saved the draft before the lane closed."""

from __future__ import annotations

from assist.core.storage.db import open_db
from assist.core.storage.lane import DbLane
from assist.ui.complaint_autosave import DraftKeeper


def test_an_autosave_after_the_lane_closed_is_skipped(qtbot, tmp_path):
    lane = DbLane(lambda: open_db(tmp_path / "a.sqlite3"))
    keeper = DraftKeeper(lane, None, lambda: ({"complainant_name": "张三"}, ""))
    lane.close()
    keeper.save_now()   # raised "cannot schedule new futures after shutdown" inside Qt before
    assert not keeper.pending()
