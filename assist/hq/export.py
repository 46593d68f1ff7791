"""The 风险隐患清单 as a file: ``assist-hq register export --format xlsx|csv --out FILE`` and the
web view's download links. The workbook is a real Office Open XML file (openpyxl): one sheet,
a bold frozen header, an auto-filter, column widths, dates as text in ISO form. Everything in it
is masked as at head office (examples were masked on the device and again when compiled)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

HEADERS = (("id", "编号"), ("source", "来源"), ("issue", "规则/问题"), ("issue_label", "说明"), ("product", "产品/业务"),
           ("branch", "分支机构"), ("team", "团队"), ("hits", "次数"), ("first_seen", "首次发现"), ("last_seen", "最近发现"),
           ("examples", "示例（已脱敏）"), ("owner", "责任人"), ("due_date", "整改期限"), ("status", "状态"),
           ("measures", "整改措施"), ("updated_by", "更新人"), ("updated_at", "更新时间"))
SOURCES = {"finding": "质检发现", "complaint": "投诉"}
WIDTHS = {"issue": 28, "issue_label": 36, "product": 18, "team": 16, "examples": 60, "measures": 40, "first_seen": 20,
          "last_seen": 20, "updated_at": 22}


def _cell(key: str, value: Any) -> Any:
    if key == "examples":
        return "\n".join(value or [])
    if key == "source":
        return SOURCES.get(value, value)
    return value if value is not None else ""


def rows(entries: list[dict[str, Any]]) -> list[list[Any]]:
    return [[_cell(k, e.get(k)) for k, _ in HEADERS] for e in entries]


def to_csv(entries: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([h for _, h in HEADERS])
    w.writerows(rows(entries))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")   # BOM: Excel opens UTF-8 CSV correctly


def to_xlsx(entries: list[dict[str, Any]], *, title: str = "风险隐患清单") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([h for _, h in HEADERS])
    for r in rows(entries):
        ws.append(r)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F0")
    for c in ws[1]:
        c.font, c.fill = bold, fill
    for i, (key, _h) in enumerate(HEADERS, 1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(key, 12)
        if key in ("examples", "measures", "issue_label"):
            for cell in ws[get_column_letter(i)][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{max(1, ws.max_row)}"
    wb.properties.title = title
    wb.properties.created = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
