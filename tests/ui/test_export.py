# test_export.py: the diagram exports as a PNG of the canvas's size, and as SVG
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import struct
import tempfile

import npui


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def export(app, path):
    npui.click(app.find("button", "Main Menu"))
    npui.activate(app.find("menu-item", "Export Diagram…"))
    dialog = npui.wait_for(lambda: npui.find_dialog(app, "Export"), message="the export dialog")
    name = npui.find(dialog, "text", "Name:")
    npui.set_text(name, path)
    npui.activate(npui.find(dialog, "button", "Export"))
    npui.settle_after_closing_window()
    npui.wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 0,
                  message=f"{path} to be written")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-export-")
    try:
        with npui.start_app() as app:
            npui.set_text(app.find("entry", "Policy name"), "exported")
            canvas = app.find(None, "Policy diagram")
            extents = canvas.queryComponent().getExtents(npui.pyatspi.WINDOW_COORDS)
            npui.log(f"canvas: {extents.width}×{extents.height}")

            png = os.path.join(folder, "diagram.png")
            export(app, png)
            size = png_size(png)
            if size != (extents.width, extents.height):
                raise npui.Failure(f"the PNG is {size}, the canvas {extents.width}×{extents.height}")
            npui.log(f"the PNG is {size[0]}×{size[1]}, {os.path.getsize(png)} bytes")

            svg = os.path.join(folder, "diagram.svg")
            export(app, svg)
            with open(svg, encoding="utf-8") as f:
                text = f.read()
            if "<svg" not in text or f'width="{extents.width}' not in text:
                raise npui.Failure(f"the SVG does not look like the canvas:\n{text[:300]}")
            npui.log(f"the SVG has {len(text)} characters")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    npui.main(test)
