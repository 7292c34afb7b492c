# test_unsaved_prompt.py: closing with unsaved changes asks Save / Discard / Cancel
# SPDX-License-Identifier: GPL-3.0-or-later

import npui


def test():
    with npui.start_app() as app:
        name = app.find("entry", "Policy name")
        npui.set_text(name, "changed")
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: changed" in npui.get_text(preview), message="the change")

        npui.click(preview)
        npui.key_combo("control", "w")
        cancel = app.find("button", "Cancel")
        app.find("button", "Discard")
        app.find("button", "Save")
        npui.screenshot("unsaved-prompt")
        npui.click(cancel)
        npui.wait_for(lambda: not app.find_all("button", "Discard"), message="the prompt to close")
        if app.process.poll() is not None:
            raise npui.Failure("the editor quit although the user cancelled")

        npui.click(preview)
        npui.key_combo("control", "w")
        npui.click(app.find("button", "Discard"))
        npui.wait_for(lambda: app.process.poll() is not None, message="the editor to close after Discard")
        if app.process.returncode != 0:
            raise npui.Failure(f"the editor exited with status {app.process.returncode}")


if __name__ == "__main__":
    npui.main(test)
