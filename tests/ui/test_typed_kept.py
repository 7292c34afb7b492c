# test_typed_kept.py: YAML typed into the preview that does not parse yet is not wiped by an edit made
# on the canvas meanwhile: it stays, with its error, as an unsaved edit
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import npui
from npwindow import WEB_HALF_TYPED as TYPED, WEB_POLICY as POLICY, is_marked, read_file, write_file


def test():
    path = write_file(POLICY)
    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: npui.get_text(preview) == POLICY, message="the file in the preview")
        npui.set_text(preview, TYPED)
        npui.wait_for(lambda: is_marked(app), message="the typed text to count as a change")
        # Let the text be read back (it fails: half a mapping).
        time.sleep(1.0)

        # An edit on the canvas meanwhile. Before the fix it rewrote the
        # preview from the policy: the typed text was gone, and no undo
        # brought it back.
        name = app.find("entry", "Policy name")
        npui.set_text(name, "renamed")
        time.sleep(1.5)
        if npui.get_text(preview) != TYPED:
            raise npui.Failure(f"the typed text was replaced:\n{npui.get_text(preview)}")
        if not is_marked(app):
            raise npui.Failure("the window no longer says it has unsaved changes")
        npui.screenshot("typed-kept")
        if read_file(path) != POLICY:
            raise npui.Failure("the file changed although it was never saved")


if __name__ == "__main__":
    npui.main(test)
