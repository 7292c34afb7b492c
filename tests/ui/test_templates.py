# test_templates.py: a policy saved as a template survives a restart and opens from New from Template
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import tempfile

import npui


def menu_item(app, *path):
    """Opens the main menu and walks @path (submenu names, then the item)."""
    npui.click(app.find("button", "Main Menu"))
    for name in path[:-1]:
        npui.activate(app.find("menu-item", name))
    return app.find("menu-item", path[-1])


def test():
    config = tempfile.mkdtemp(prefix="np-ui-config-")
    env = {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config}
    try:
        with npui.start_app(env=env) as app:
            npui.set_text(app.find("entry", "Policy name"), "kept-web")
            npui.set_text(app.find("entry", "Pod selector"), "app=kept")
            npui.activate_entry(app.find("entry", "Pod selector"))
            preview = app.find("text", "YAML preview")
            npui.wait_for(lambda: "app: kept" in npui.get_text(preview), message="the selector in the preview")

            npui.activate(menu_item(app, "Save as Template…"))
            name = app.find("text", "Template name")
            npui.set_text(name, "My web template")
            npui.activate(app.find("button", "Save Template"))
            npui.settle_after_closing_window()
            keyfile = os.path.join(config, "glib-2.0", "settings", "keyfile")
            npui.wait_for(lambda: os.path.exists(keyfile) and "My web template" in open(keyfile).read(),
                          message="the template in the settings file")
            npui.log("the template is stored")

            # Hide the side panel (F9) and the preview: both are remembered.
            npui.click(preview)
            npui.show_side_panel(app)
            npui.press_keys("F9")
            npui.wait_for(lambda: not npui.is_checked(app.find("button", "Side panel")),
                          message="F9 to hide the side panel")
            npui.activate(app.find("button", "Show YAML preview"))
            npui.wait_for(lambda: not npui.is_checked(app.find("button", "Show YAML preview")),
                          message="the preview to hide")
            npui.key_combo("control", "q")
            npui.click(app.find("button", "Discard"))
            npui.wait_for(lambda: app.process.poll() is not None, message="the editor to quit")

        with npui.start_app(env=env) as app:
            if npui.is_checked(app.find("button", "Side panel")) or app.find_all(None, "Side panel pages"):
                raise npui.Failure("the side panel is shown again after a restart")
            show_preview = app.find("button", "Show YAML preview")
            if npui.is_checked(show_preview):
                raise npui.Failure("the preview is shown again after a restart")
            npui.log("the side panel and the preview stay hidden after a restart")
            npui.activate(show_preview)
            npui.press_keys("F9")
            app.find(None, "Side panel pages")
            preview = app.find("text", "YAML preview")
            npui.wait_for(lambda: "name: new-policy" in npui.get_text(preview), message="a new policy")
            item = menu_item(app, "New from Template", "My web template")
            # The built-in ones are there too.
            for builtin in ("Deny All Traffic", "Deny All but DNS", "Allow from the Same Namespace",
                            "Allow from the Ingress Controller Namespace", "Web Server (HTTP and HTTPS In)"):
                app.find("menu-item", builtin)
            npui.screenshot("templates-menu")
            npui.activate(item)
            npui.wait_for(lambda: "name: kept-web" in npui.get_text(preview) and "app: kept" in npui.get_text(preview),
                          message="the template's policy in the preview")
            npui.log("the template came back after a restart")

            # Preferences lists it. (GTK 4.8 does not put the rows of a
            # preferences page in the accessibility tree, so renaming and
            # deleting are checked in tests/test-templates.c and by looking.)
            # (The side panel covers the preview at this size.)
            npui.click(app.find("entry", "Policy name"))
            npui.key_combo("control", "comma")
            app.find("frame", "Preferences")
            npui.time.sleep(1)
            npui.screenshot("preferences-templates")
    finally:
        shutil.rmtree(config, ignore_errors=True)


if __name__ == "__main__":
    npui.main(test)
