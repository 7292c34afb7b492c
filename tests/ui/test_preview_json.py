# test_preview_json.py: a JSON file's preview shows what Save writes: the file as it is, then after a
# canvas edit the JSON that saving writes (not YAML), and text typed and saved is written as typed
# SPDX-License-Identifier: GPL-3.0-or-later

import npui
from npwindow import read_file, write_file

ORIGINAL = """{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
 "metadata": {"name": "web", "namespace": "shop"},
 "spec": {"podSelector": {}}}
"""


def test():
    path = write_file(ORIGINAL, name="web.json")
    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the file's policy")
        npui.wait_for(lambda: npui.get_text(preview) == ORIGINAL, message="the JSON file as it is")

        # A canvas edit: the preview shows the JSON that Save writes.
        npui.set_text(name, "from-canvas")
        npui.wait_for(lambda: "from-canvas" in npui.get_text(preview), message="the edit in the preview")
        shown = npui.get_text(preview)
        if not shown.lstrip().startswith("{"):
            raise npui.Failure(f"the preview of a JSON file shows something else than JSON:\n{shown}")
        saved = npui.save_and_read(preview, path, lambda text: "from-canvas" in text)
        if saved != shown:
            raise npui.Failure(f"the preview showed:\n{shown}\nbut Save wrote:\n{saved}")

        # Typed JSON, spacing and all, is written as typed.
        typed = ORIGINAL.replace('"name": "web"', '"name":   "typed"')
        npui.set_text(preview, typed)
        npui.wait_for(lambda: npui.get_text(name) == "typed", message="the typed name on the canvas")
        saved = npui.save_and_read(preview, path, lambda text: "typed" in text)
        if saved != typed:
            raise npui.Failure(f"Save wrote something else than the text typed:\n{saved}")
        if read_file(path) != npui.get_text(preview):
            raise npui.Failure("the preview and the file differ after saving")


if __name__ == "__main__":
    npui.main(test)
