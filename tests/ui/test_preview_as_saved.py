# test_preview_as_saved.py: the YAML preview shows exactly what Save writes: an untouched file as it
# is on disk (comments, key order, indentation), an edited one as it will be written
# SPDX-License-Identifier: GPL-3.0-or-later

import npui
from npwindow import read_file, write_file

ORIGINAL = """# Owned by the web team: keep this comment
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata:
    namespace: shop      # four spaces, namespace first
    name: web
spec:
    podSelector: {}
# a comment at the end
"""


def test():
    path = write_file(ORIGINAL)
    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the file's policy")
        npui.wait_for(lambda: npui.get_text(preview) == ORIGINAL,
                      message="the preview to show the file exactly as it is on disk")
        npui.screenshot("preview-as-on-disk")

        # Typed text, comments and all, is what Save writes.
        typed = ORIGINAL.replace("    name: web\n", "    name: web   # renamed by hand\n").replace("name: web", "name: typed")
        npui.set_text(preview, typed)
        npui.wait_for(lambda: npui.get_text(name) == "typed", message="the typed name on the canvas")
        saved = npui.save_and_read(preview, path, lambda text: text != ORIGINAL)
        if saved != typed:
            raise npui.Failure(f"Save wrote something else than the text shown:\n{saved}")
        if npui.get_text(preview) != saved:
            raise npui.Failure("the preview changed on saving")

        # A canvas edit: the preview is again what Save writes.
        npui.set_text(name, "from-canvas")
        npui.wait_for(lambda: "name: from-canvas" in npui.get_text(preview), message="the canvas edit in the preview")
        shown = npui.get_text(preview)
        if not shown.startswith("# Owned by the web team: keep this comment\n"):
            raise npui.Failure(f"the file's leading comment went from the preview:\n{shown}")
        saved = npui.save_and_read(preview, path, lambda text: "from-canvas" in text)
        if saved != shown:
            raise npui.Failure(f"the preview showed:\n{shown}\nbut Save wrote:\n{saved}")
        if read_file(path) != npui.get_text(preview):
            raise npui.Failure("the preview and the file differ after saving")


if __name__ == "__main__":
    npui.main(test)
