# test_undo_redo.py: one undo stack across canvas and YAML edits
# SPDX-License-Identifier: GPL-3.0-or-later

import npui


def test():
    with npui.start_app() as app:
        name = app.find("entry", "Policy name")
        namespace = app.find("entry", "Policy namespace")
        preview = app.find("text", "YAML preview")
        undo = app.find("button", "Undo")
        redo = app.find("button", "Redo")
        npui.wait_for(lambda: npui.get_text(name) == "new-policy", message="the new policy")

        # an edit on the canvas
        npui.set_text(name, "from-canvas")
        npui.wait_for(lambda: "name: from-canvas" in npui.get_text(preview), message="the canvas edit in the YAML")

        # an edit in the YAML
        text = npui.get_text(preview).replace("namespace: default", "namespace: from-yaml")
        npui.set_text(preview, text)
        npui.wait_for(lambda: npui.get_text(namespace) == "from-yaml", message="the YAML edit on the canvas")

        npui.click(undo)
        npui.wait_for(lambda: npui.get_text(namespace) == "default", message="undo of the YAML edit")
        npui.click(undo)
        npui.wait_for(lambda: npui.get_text(name) == "new-policy", message="undo of the canvas edit")
        npui.wait_for(lambda: not npui.is_sensitive(undo), message="nothing left to undo")

        npui.click(redo)
        npui.wait_for(lambda: npui.get_text(name) == "from-canvas", message="redo of the canvas edit")
        npui.click(redo)
        npui.wait_for(lambda: npui.get_text(namespace) == "from-yaml", message="redo of the YAML edit")
        npui.wait_for(lambda: "namespace: from-yaml" in npui.get_text(preview), message="the YAML after redo")
        npui.wait_for(lambda: not npui.is_sensitive(redo), message="nothing left to redo")
        npui.screenshot("undo-redo")


if __name__ == "__main__":
    npui.main(test)
