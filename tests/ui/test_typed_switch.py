# test_typed_switch.py: YAML typed for one policy that does not parse yet is kept when another policy
# of the file is shown, and is there again when that policy is shown again
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import npui
from npwindow import is_marked, write_file

FIRST = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: first
spec:
  podSelector:
    matchLabels: {app: web}
"""
SECOND = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: second
spec:
  podSelector: {}
"""
TYPED = FIRST.replace("matchLabels: {app: web}", "matchLabels: {app: web, tier: fro")


def pick(app, policies, label):
    row = npui.wait_for(lambda: next(iter(npui.find_all(policies, "label", label)), None),
                        message=f"{label} in the list")
    npui.click(row)


def test():
    path = write_file(FIRST + "---\n" + SECOND)
    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "first", message="the first policy")
        npui.set_text(preview, TYPED)
        npui.wait_for(lambda: is_marked(app), message="the typed text to count as a change")
        time.sleep(1.0)

        npui.key_combo("shift", "F9")
        policies = app.find(None, "Policies of the file")
        pick(app, policies, "second")
        npui.wait_for(lambda: npui.get_text(name) == "second", message="the second policy")
        # Before the fix, showing another policy dropped the typed text.
        pick(app, policies, "first")
        npui.wait_for(lambda: "tier: fro" in npui.get_text(preview), message="the typed text back on the first policy")
        if not is_marked(app):
            raise npui.Failure("the window no longer says it has unsaved changes")


if __name__ == "__main__":
    npui.main(test)
