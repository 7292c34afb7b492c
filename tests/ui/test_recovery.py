# test_recovery.py: an edit survives the editor being killed, and is offered back at the next start
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import os
import tempfile

import npui
from npwindow import kill_once_recovered

POLICY = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
"""


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    state = tempfile.mkdtemp(prefix="np-ui-state-")
    recovery_dir = os.path.join(state, "netpol-editor", "recovery")
    path = os.path.join(folder, "web.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(POLICY)
    env = {"XDG_STATE_HOME": state}

    app = npui.start_app(args=[path], env=env)
    try:
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the policy to be shown")
        npui.set_text(name, "web-unsaved")
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: web-unsaved" in npui.get_text(preview), message="the edit")

        kill_once_recovered(app, recovery_dir, "web-unsaved", message='the recovery file')
    finally:
        npui.stop_process(app.process)
    with open(path, encoding="utf-8") as f:
        if f.read() != POLICY:
            raise npui.Failure("the file changed although it was never saved")

    with npui.start_app(env=env) as app:
        restore = app.find("button", "Restore", timeout=15)
        app.find("button", "Discard")
        npui.screenshot("recovery-offer")
        npui.click(restore)
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: web-unsaved" in npui.get_text(preview), timeout=15,
                      message="the restored edit in the YAML preview")
        frame = app.accessible.getChildAtIndex(0)
        npui.wait_for(lambda: (frame.name or "").startswith("• web.yaml"),
                      message="the restored document to be modified and bound to web.yaml")

        # Saving writes the edit to the original file and retires the recovery.
        npui.save_and_read(preview, path, lambda text: "name: web-unsaved" in text,
                           message="the restored edit to be saved to web.yaml")
        npui.wait_for(lambda: not glob.glob(os.path.join(recovery_dir, "*.json")),
                      message="the recovery file to go after saving")


if __name__ == "__main__":
    npui.main(test)
