# test_recovery_typed.py: YAML typed into the preview that does not parse yet survives the editor
# being killed, and comes back as typed at the next start
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui
from npwindow import WEB_HALF_TYPED as TYPED, WEB_POLICY as POLICY, kill_once_recovered


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
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: npui.get_text(preview) == POLICY, message="the file in the preview")
        npui.set_text(preview, TYPED)
        npui.wait_for(lambda: npui.get_text(preview) == TYPED, message="the typed text")

        # Before the fix only parsed text reached the recovery file: this
        # text never parses, so nothing was written and the kill lost it.
        kill_once_recovered(app, recovery_dir, "tier: fro", message="the typed text in the recovery file")
    finally:
        npui.stop_process(app.process)
    with open(path, encoding="utf-8") as f:
        if f.read() != POLICY:
            raise npui.Failure("the file changed although it was never saved")

    with npui.start_app(env=env) as app:
        restore = app.find("button", "Restore", timeout=15)
        npui.click(restore)
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "tier: fro" in npui.get_text(preview), timeout=15,
                      message="the restored typed text in the YAML preview")
        npui.screenshot("recovery-typed")


if __name__ == "__main__":
    npui.main(test)
