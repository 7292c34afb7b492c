# test_export_diagram.py: Export Diagram draws the three columns with their edges however narrow
# the window, for Kubernetes and for Cilium policies, and leaves the window as it was
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import tempfile

import pyatspi

import npui
from test_export import export, png_size
from test_layout import CILIUM, extents, shown

# Three columns need at least this much: two cards of 200 px, the centre
# card of 240 px and the room for the edges.
THREE_COLUMNS = 780


def compact(app):
    """The canvas on screen is the one-column list: the centre card above
    the ingress cards."""
    name = extents(shown(app.accessible, "entry", "Policy name"))
    ingress = extents(shown(app.accessible, "button", "Add ingress rule: outside cluster"))
    return name.y < ingress.y


def check_export(app, folder, kind):
    path = os.path.join(folder, f"{kind}.png")
    export(app, path)
    size = png_size(path)
    npui.log(f"{kind}: the PNG is {size[0]}×{size[1]}")
    if size[0] < THREE_COLUMNS or size[1] < 300:
        raise npui.Failure(f"the {kind} diagram is {size}: not three columns")
    screenshots = os.environ.get("NP_SCREENSHOT_DIR")
    if screenshots:
        os.makedirs(screenshots, exist_ok=True)
        shutil.copy(path, os.path.join(screenshots, f"export-{kind}-from-600px.png"))


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-export-diagram-")
    try:
        with npui.start_app() as app:
            npui.set_text(app.find("entry", "Policy name"), "exported")
            npui.resize_window(app, 600, 700)
            npui.wait_for(lambda: compact(app), message="the one-column canvas at 600 px")
            check_export(app, folder, "kubernetes")
            # The window keeps its own layout.
            npui.wait_for(lambda: compact(app), message="the one-column canvas after the export")
            npui.screenshot("export-window-after")

        path = os.path.join(folder, "frontend.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(CILIUM)
        with npui.start_app([path]) as app:
            npui.wait_for(lambda: "name: frontend" in npui.get_text(app.find("text", "YAML preview")),
                          message="the Cilium policy")
            npui.resize_window(app, 600, 700)
            check_export(app, folder, "cilium")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    npui.main(test)
