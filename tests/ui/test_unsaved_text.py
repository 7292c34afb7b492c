# test_unsaved_text.py: text typed into the YAML preview that is not the policy yet (a half-typed
# syntax error) is an unsaved edit: the title is marked, and closing and New ask first
# SPDX-License-Identifier: GPL-3.0-or-later

import npui
from npwindow import is_marked, window_title


def test():
    path_text = None
    with npui.start_app() as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: new-policy" in npui.get_text(preview), message="the new policy")
        if is_marked(app):
            raise npui.Failure(f"a new, untouched policy is marked as changed: {window_title(app)!r}")

        # Half-way through typing a flow sequence: no valid YAML.
        broken = npui.get_text(preview).replace("namespace: default", "namespace: [default")
        npui.set_text(preview, broken)
        app.find("label", "YAML error")
        npui.wait_for(lambda: is_marked(app), message="the title to show the unsaved marker")
        npui.log(f"title: {window_title(app)!r}")

        # Ctrl+W asks; Cancel keeps the window and the text.
        npui.click(preview)
        npui.key_combo("control", "w")
        npui.click(app.find("button", "Cancel"))
        npui.wait_for(lambda: not app.find_all("button", "Discard"), message="the prompt to go")
        if app.process.poll() is not None:
            raise npui.Failure("the editor closed although the user cancelled")
        if npui.get_text(preview) != broken:
            raise npui.Failure("cancelling the prompt changed the text typed")

        # New asks too, and Cancel keeps the text.
        npui.click(preview)
        npui.key_combo("control", "n")
        app.find("button", "Save")
        npui.click(app.find("button", "Cancel"))
        npui.wait_for(lambda: not app.find_all("button", "Discard"), message="the prompt to go")
        if npui.get_text(preview) != broken:
            raise npui.Failure("New replaced the text typed without asking")

        # Discard closes.
        npui.click(preview)
        npui.key_combo("control", "w")
        npui.click(app.find("button", "Discard"))
        npui.wait_for(lambda: app.process.poll() is not None, message="the editor to close after Discard")


if __name__ == "__main__":
    npui.main(test)
