# test_save_text_error.py: saving while the YAML preview does not parse asks "save it as typed, or keep
# editing?": keeping editing leaves text and file alone, saving as typed writes the text exactly;
# the close prompt's Save asks the same
# SPDX-License-Identifier: GPL-3.0-or-later

import npui
from npwindow import find_text, is_marked, read_file, write_file

ORIGINAL = """# hand written: the comments stay
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector: {}
"""

BROKEN = ORIGINAL.replace("  namespace: shop\n", "  namespace: [shop\n")
BROKEN_AGAIN = BROKEN.replace("  name: web\n", "  name: web-2\n")


def test():
    path = write_file(ORIGINAL)
    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: npui.get_text(preview) == ORIGINAL, message="the file as it is in the preview")

        npui.set_text(preview, BROKEN)
        app.find("label", "YAML error")
        npui.click(preview)
        npui.key_combo("control", "s")
        keep = app.find("button", "Keep Editing")
        app.find("button", "Save as Typed")
        question = find_text(app, "save it as typed, or keep editing?")
        npui.log(f"asked: {question.name or npui.get_text(question)}")
        if "The YAML has an error on line" not in (question.name or npui.get_text(question)):
            raise npui.Failure("the question does not say the line of the error")
        npui.screenshot("save-yaml-error")
        npui.click(keep)
        npui.wait_for(lambda: not app.find_all("button", "Keep Editing"), message="the question to go")
        npui.time.sleep(1)
        if npui.get_text(preview) != BROKEN:
            raise npui.Failure(f"keeping editing changed the text:\n{npui.get_text(preview)}")
        if read_file(path) != ORIGINAL:
            raise npui.Failure("keeping editing wrote the file")
        if not is_marked(app):
            raise npui.Failure("the text typed is not marked as unsaved")

        # Save as typed: the file is the text, byte for byte.
        npui.click(preview)
        npui.key_combo("control", "s")
        npui.click(app.find("button", "Save as Typed"))
        npui.wait_for(lambda: read_file(path) == BROKEN, message="the text to be saved as typed")
        npui.wait_for(lambda: not is_marked(app), message="the title to lose its marker after saving")
        if npui.get_text(preview) != BROKEN:
            raise npui.Failure("saving as typed changed the text shown")
        npui.log("saved as typed")

        # The close prompt's Save asks the same, and saves as typed.
        npui.set_text(preview, BROKEN_AGAIN)
        npui.wait_for(lambda: is_marked(app), message="the new edit to be marked")
        npui.click(preview)
        npui.key_combo("control", "w")
        prompt = npui.wait_for(lambda: npui.find_dialog(app, "Discard"), message="the close prompt")
        npui.click(npui.find(prompt, "button", "Save"))
        npui.click(app.find("button", "Save as Typed"))
        npui.wait_for(lambda: app.process.poll() is not None, message="the editor to close after saving")
    if read_file(path) != BROKEN_AGAIN:
        raise npui.Failure(f"the close prompt's Save wrote:\n{read_file(path)}")


if __name__ == "__main__":
    npui.main(test)
