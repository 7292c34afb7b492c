# test_window.py: the main window's form drives its YAML preview
# SPDX-License-Identifier: GPL-3.0-or-later

import npui


def test():
    with npui.start_app() as app:
        window = app.find("frame", "Untitled — Network Policy Editor")
        npui.log(f"window: {npui.describe(window)}")

        name_entry = app.find("entry", "Policy name")
        preview = app.find("text", "YAML preview")

        npui.wait_for(lambda: "name: new-policy" in npui.get_text(preview),
                      message="the preview to show the initial policy")

        npui.set_text(name_entry, "frontend-allow")
        entry_text = npui.get_text(name_entry)
        if entry_text != "frontend-allow":
            raise npui.Failure(f'"Policy name" reads {entry_text!r} after setting it')

        npui.wait_for(lambda: "name: frontend-allow" in npui.get_text(preview),
                      message="the preview to show the new name")
        yaml = npui.get_text(preview)
        for expected in ("name: frontend-allow",
                         "apiVersion: networking.k8s.io/v1",
                         "namespace: default"):
            if expected not in yaml:
                raise npui.Failure(f"the YAML preview lacks {expected!r}:\n{yaml}")
        npui.log("the preview follows the policy name")

        npui.screenshot("main-window")

        # Ctrl+Q asks about the unsaved change; discarding it quits cleanly.
        npui.click(preview)
        npui.key_combo("control", "q")
        npui.click(app.find("button", "Discard"))
        status = npui.wait_for(lambda: app.process.poll() is not None and [app.process.returncode],
                               message="the editor to exit after Ctrl+Q")[0]
        if status != 0:
            raise npui.Failure(f"the editor exited with status {status} after Ctrl+Q")
        npui.log("Ctrl+Q quits")


if __name__ == "__main__":
    npui.main(test)
