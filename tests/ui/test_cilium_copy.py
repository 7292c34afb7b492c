# test_cilium_copy.py: Copy YAML, Copy kubectl Command and Save as Template work for Cilium policies
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import tempfile

import yaml

import npui
from test_copy import paste_into
from test_templates import menu_item

EXAMPLE = ("corpus", "cilium", "examples", "l3", "simple", "l3.yaml")


def test():
    path = os.path.join(os.environ["NP_SHARED_DIR"], *EXAMPLE)
    with open(path, encoding="utf-8") as f:
        expected = yaml.safe_load(f.read())
    config = tempfile.mkdtemp(prefix="np-ui-config-")
    env = {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config}
    try:
        with npui.start_app(args=[path], env=env) as app:
            preview = app.find("text", "YAML preview")
            npui.wait_for(lambda: "CiliumNetworkPolicy" in npui.get_text(preview), message="the Cilium policy")
            npui.show_side_panel(app)
            npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Test Traffic"))
            target = app.find("entry", "Cluster folder")

            npui.click(preview)
            npui.key_combo("control+shift", "c")
            text = paste_into(app, target)
            if yaml.safe_load(text.replace("\r", "")) != expected:
                raise npui.Failure(f"Copy YAML gave:\n{text}")

            item = menu_item(app, "Copy kubectl Command")
            if not npui.is_sensitive(item):
                raise npui.Failure("Copy kubectl Command is greyed out for a Cilium policy")
            npui.activate(item)
            text = paste_into(app, target).replace("\r", "")
            lines = text.split("\n")
            if lines[0] != "kubectl apply -f - <<'EOF'":
                raise npui.Failure(f"Copy kubectl Command gave:\n{text}")
            if yaml.safe_load("\n".join(lines[1:lines.index("EOF")])) != expected:
                raise npui.Failure(f"the command's YAML is not the policy:\n{text}")

            npui.activate(menu_item(app, "Save as Template…"))
            npui.set_text(app.find("text", "Template name"), "Cilium l3")
            npui.activate(app.find("button", "Save Template"))
            npui.settle_after_closing_window()
            npui.activate(menu_item(app, "New from Template", "Cilium l3"))
            npui.wait_for(lambda: "CiliumNetworkPolicy" in npui.get_text(preview), message="the template")
            npui.log("a Cilium policy copies and becomes a template")
    finally:
        shutil.rmtree(config, ignore_errors=True)


if __name__ == "__main__":
    npui.main(test)
