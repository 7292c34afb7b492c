# test_typed_switch.py: YAML typed for one policy that does not parse yet is kept when another policy
# of the file is shown, and is there again when that policy is shown again; saving while another
# policy is shown asks about it first (keep editing shows it, save as typed writes it)
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import npui
from npwindow import find_text, is_marked, read_file, write_file

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

        # Saving while another policy is shown asks about the typed text.
        pick(app, policies, "second")
        npui.wait_for(lambda: npui.get_text(name) == "second", message="the second policy again")
        npui.key_combo("control", "s")
        keep = app.find("button", "Keep Editing")
        question = find_text(app, "save it as typed, or keep editing?")
        asked = question.name or npui.get_text(question)
        npui.log(f"asked: {asked}")
        if "“first”" not in asked:
            raise npui.Failure(f"the question does not name the policy typed for: {asked}")
        npui.click(keep)
        npui.wait_for(lambda: npui.get_text(name) == "first", message="Keep Editing to show the policy typed for")
        npui.wait_for(lambda: "tier: fro" in npui.get_text(preview), message="the typed text shown to fix")
        if read_file(path) != FIRST + "---\n" + SECOND:
            raise npui.Failure("keeping editing wrote the file")

        pick(app, policies, "second")
        npui.wait_for(lambda: npui.get_text(name) == "second", message="the second policy once more")
        npui.key_combo("control", "s")
        npui.click(app.find("button", "Save as Typed"))
        npui.wait_for(lambda: read_file(path) == TYPED + "---\n" + SECOND, message="the typed text saved as typed")
        npui.wait_for(lambda: not is_marked(app), message="the title to lose its marker after saving")


if __name__ == "__main__":
    npui.main(test)
