# test_undo_to_saved.py: undoing back to the file as saved leaves nothing to save: the title loses
# its "•", closing asks nothing, and the file keeps its own layout; after a save, the saved text is
# the one to come back to
# SPDX-License-Identifier: GPL-3.0-or-later

import npui
from npwindow import is_marked, read_file, write_file

# Flow style and comments: the editor would write neither back the same way
# if it wrote the policy afresh.
ORIGINAL = """# the shop's web pods
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}   # flow style
spec:
  podSelector: {matchLabels: {app: web}}
"""


def step(app, button, name, value, marked, what):
    """Clicks Undo or Redo, then waits for the name to read @value and the
    title to be marked as unsaved or not."""
    npui.click(button)
    npui.wait_for(lambda: npui.get_text(name) == value, message=f"{what}: the name to read {value!r}")
    state = "unsaved" if marked else "clean"
    npui.wait_for(lambda: is_marked(app) == marked, message=f"{what}: the title to be {state}")


def test():
    path = write_file(ORIGINAL)
    with npui.start_app(args=[path]) as app:
        name = app.find("entry", "Policy name")
        preview = app.find("text", "YAML preview")
        undo = app.find("button", "Undo")
        redo = app.find("button", "Redo")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the file's policy")

        npui.set_text(name, "renamed")
        npui.wait_for(lambda: "name: renamed" in npui.get_text(preview), message="the edit in the preview")
        npui.wait_for(lambda: is_marked(app), message="the edit to mark the title")

        step(app, undo, name, "web", False, "Undo back to the file as saved")
        npui.log("undone back to the file as read: the title is clean")
        step(app, redo, name, "renamed", True, "Redo of the rename")

        # Saved as renamed: that is now the text to come back to.
        npui.save_and_read(preview, path, lambda text: "name: renamed" in text)
        npui.wait_for(lambda: not is_marked(app), message="the title to be clean after saving")
        saved = read_file(path)
        step(app, undo, name, "web", True, "Undo after the save")
        step(app, redo, name, "renamed", False, "Redo back to the saved text")
        npui.log("after a save, the saved text is the one to come back to")

        # Nothing to save: closing asks nothing and leaves the file as it is.
        npui.click(preview)
        npui.key_combo("control", "w")
        npui.wait_for(lambda: app.process.poll() is not None, message="the editor to close without asking")
        if app.find_all("button", "Discard"):
            raise npui.Failure("closing asked to save a file that is as saved")
        if read_file(path) != saved:
            raise npui.Failure(f"closing changed the file:\n{read_file(path)}")

    # The first part again, closing right after the undo: the file keeps its
    # flow style and comments.
    path = write_file(ORIGINAL)
    with npui.start_app(args=[path]) as app:
        name = app.find("entry", "Policy name")
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the file's policy")
        npui.set_text(name, "renamed")
        npui.wait_for(lambda: is_marked(app), message="the edit to mark the title")
        npui.click(preview)
        npui.key_combo("control", "z")
        npui.wait_for(lambda: not is_marked(app), message="Ctrl+Z back to the file as saved")
        npui.key_combo("control", "w")
        npui.wait_for(lambda: app.process.poll() is not None, message="the editor to close without asking")
        if read_file(path) != ORIGINAL:
            raise npui.Failure(f"the file changed:\n{read_file(path)}")


if __name__ == "__main__":
    npui.main(test)
