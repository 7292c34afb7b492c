# test_copy.py: Copy YAML and Copy kubectl Command put the core's YAML on the clipboard
# SPDX-License-Identifier: GPL-3.0-or-later

import yaml

import npui


def paste_into(app, entry):
    npui.set_text(entry, "")
    npui.focus(entry)
    npui.key_combo("control", "v")
    return npui.wait_for(lambda: npui.get_text(entry) or None, message="the pasted text")


def test():
    with npui.start_app() as app:
        npui.set_text(app.find("entry", "Policy name"), "copied")
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: copied" in npui.get_text(preview), message="the new name in the preview")
        npui.show_side_panel(app)
        npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Test Traffic"))
        # An entry of the side panel serves as the paste target.
        target = app.find("entry", "Cluster folder")

        # (The side panel covers the preview at this size.)
        npui.click(app.find("entry", "Policy name"))
        npui.key_combo("control+shift", "c")
        text = paste_into(app, target)
        npui.log(f"pasted {len(text)} characters after Ctrl+Shift+C")
        if yaml.safe_load(text.replace("\r", "")) != yaml.safe_load(npui.get_text(preview)):
            raise npui.Failure(f"Copy YAML gave:\n{text}")

        npui.click(app.find("button", "Main Menu"))
        npui.activate(app.find("menu-item", "Copy kubectl Command"))
        text = paste_into(app, target)
        lines = text.replace("\r", "").split("\n")
        if lines[0] != "kubectl apply -f - <<'EOF'" or (lines[-1] != "EOF" and lines[-2:] != ["EOF", ""]):
            raise npui.Failure(f"Copy kubectl Command gave:\n{text}")
        body = "\n".join(lines[1:lines.index("EOF")])
        if yaml.safe_load(body) != yaml.safe_load(npui.get_text(preview)):
            raise npui.Failure(f"the command's YAML differs from the preview:\n{body}")
        npui.log("both copies hold the policy's YAML")


if __name__ == "__main__":
    npui.main(test)
