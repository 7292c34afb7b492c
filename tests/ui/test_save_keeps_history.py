# test_save_keeps_history.py: saving keeps the undo history: Undo stays available after Ctrl+S and
# takes back the edit made before saving
# SPDX-License-Identifier: GPL-3.0-or-later

import npui
from npwindow import is_marked, read_file, write_file

ORIGINAL = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector: {}
"""


def test():
    path = write_file(ORIGINAL)
    with npui.start_app(args=[path]) as app:
        name = app.find("entry", "Policy name")
        preview = app.find("text", "YAML preview")
        undo = app.find("button", "Undo")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the file's policy")

        npui.set_text(name, "renamed")
        npui.wait_for(lambda: "name: renamed" in npui.get_text(preview), message="the edit in the preview")
        npui.save_and_read(preview, path, lambda text: "name: renamed" in text)
        npui.wait_for(lambda: not is_marked(app), message="the title to be clean after saving")
        npui.wait_for(lambda: npui.is_sensitive(undo), message="Undo to stay available after saving")

        npui.click(undo)
        npui.wait_for(lambda: npui.get_text(name) == "web", message="Undo to take back the edit made before saving")
        npui.wait_for(lambda: "name: web\n" in npui.get_text(preview), message="the preview after undo")
        npui.wait_for(lambda: is_marked(app), message="the undone edit to be unsaved")
        if "name: renamed" not in read_file(path):
            raise npui.Failure("undo wrote the file")


if __name__ == "__main__":
    npui.main(test)
