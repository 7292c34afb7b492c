# test_save_failure.py: a save that fails says why, keeps the document modified and leaves the file alone
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui

POLICY = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector: {}
"""


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "web.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(POLICY)

    # The rename, the last step of saving, fails as on a broken disk.
    with npui.start_app(args=[path], env={"NP_TEST_SAVE_FAIL": "rename"}) as app:
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the policy to be shown")
        npui.set_text(name, "web-changed")
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: web-changed" in npui.get_text(preview), message="the edit")
        npui.click(preview)
        npui.key_combo("control", "s")

        def error_dialog():
            for i in range(app.accessible.childCount):
                window = app.accessible.getChildAtIndex(i)
                if window is None:
                    continue
                text = " ".join(label.name or "" for label in npui.find_all(window, "label"))
                if "Could Not Save" in text:
                    return window, text
            return None

        dialog, text = npui.wait_for(error_dialog, timeout=15, message="the save error")
        if "web.yaml" not in text or "Input/output error" not in text:
            raise npui.Failure(f"the error does not say what failed: {text!r}")
        npui.log(f"the error says: {text}")
        npui.screenshot("save-failure")
        npui.click(npui.find(dialog, "button", "Close"))
        npui.wait_for(lambda: error_dialog() is None, message="the error to close")

        frame = app.accessible.getChildAtIndex(0)
        if not (frame.name or "").startswith("• web.yaml"):
            raise npui.Failure(f"the document is no longer marked modified: {frame.name!r}")
        if "name: web-changed" not in npui.get_text(preview):
            raise npui.Failure("the edit was lost")
        with open(path, encoding="utf-8") as f:
            if f.read() != POLICY:
                raise npui.Failure("the file changed although saving failed")
        if sorted(os.listdir(folder)) != ["web.yaml"]:
            raise npui.Failure(f"saving left files behind: {sorted(os.listdir(folder))}")


if __name__ == "__main__":
    npui.main(test)
