"""Render resources/icons/assist.svg to PNGs (hicolor sizes) and a Windows .ico.

    python packaging/make_icons.py --png-dir DIR      # DIR/48x48/apps/assist.png, …
    python packaging/make_icons.py --ico FILE.ico     # 16, 24, 32, 48, 64, 128, 256 (PNG-compressed)

Uses Qt's SVG renderer (offscreen), so it needs no ImageMagick SVG delegate. The SVG draws
the character 助 with the system's sans-serif font: run it where a CJK font is installed.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "assist.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(sizes) -> dict[int, bytes]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    out: dict[int, bytes] = {}
    for size in sizes:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        renderer.render(p)
        p.end()
        ba = QByteArray()
        buf = QBuffer(ba)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        img.save(buf, "PNG")
        buf.close()
        out[size] = bytes(ba.data())
    return out


def write_ico(path: Path, pngs: dict[int, bytes]) -> None:
    """ICO container with PNG entries (Windows Vista+ reads these at every size)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        data = pngs[s]
        dim = 0 if s >= 256 else s
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + entries + blobs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--png-dir", type=Path, help="write DIR/<n>x<n>/apps/assist.png")
    ap.add_argument("--ico", type=Path, help="write a multi-size .ico")
    args = ap.parse_args()
    if not (args.png_dir or args.ico):
        ap.error("nothing to do: give --png-dir and/or --ico")
    pngs = render(sorted(set(PNG_SIZES) | set(ICO_SIZES)))
    if args.png_dir:
        for s in PNG_SIZES:
            f = args.png_dir / f"{s}x{s}" / "apps" / "assist.png"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(pngs[s])
    if args.ico:
        write_ico(args.ico, {s: pngs[s] for s in ICO_SIZES})
    return 0


if __name__ == "__main__":
    sys.exit(main())
