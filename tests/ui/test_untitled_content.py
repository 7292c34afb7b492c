# test_untitled_content.py: an untitled document with content (a template, a lesson) is a change:
# the title is marked, and New and quit ask before throwing it away; a blank new policy does not
# SPDX-License-Identifier: GPL-3.0-or-later

import npui
from npwindow import is_marked, window_title
from test_templates import menu_item


def ask_and_cancel(app, preview, key):
    npui.click(preview)
    npui.key_combo("control", key)
    app.find("button", "Discard")
    npui.click(app.find("button", "Cancel"))
    npui.wait_for(lambda: not app.find_all("button", "Discard"), message="the prompt to go")


def test():
    with npui.start_app() as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: new-policy" in npui.get_text(preview), message="the new policy")

        # A template opens at once over a blank policy, and counts as a change.
        npui.activate(menu_item(app, "New from Template", "Deny All Traffic"))
        npui.wait_for(lambda: "name: new-policy" not in npui.get_text(preview), message="the template's policy")
        template_text = npui.get_text(preview)
        npui.wait_for(lambda: is_marked(app), message="the template to count as unsaved")
        npui.log(f"title: {window_title(app)!r}")
        ask_and_cancel(app, preview, "n")
        ask_and_cancel(app, preview, "q")
        if npui.get_text(preview) != template_text or app.process.poll() is not None:
            raise npui.Failure("cancelling lost the template's policy")

        # Discarding gives a blank policy, which is no change: New asks nothing.
        npui.click(preview)
        npui.key_combo("control", "n")
        npui.click(app.find("button", "Discard"))
        npui.wait_for(lambda: "name: new-policy" in npui.get_text(preview), message="a blank policy")
        npui.wait_for(lambda: not is_marked(app), message="a blank policy to be unmarked")

        # A lesson's example is a change too.
        npui.show_side_panel(app)
        npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Tutorial"))
        load = npui.wait_for(lambda: next((node for node in npui.iter_tree(app.accessible)
                                           if node.getRole() == npui.pyatspi.ROLE_PUSH_BUTTON
                                           and (node.name or "").startswith("Load lesson: ")
                                           and npui.is_sensitive(node)), None),
                             message="a lesson with an example")
        npui.log(f"loading {load.name!r}")
        npui.activate(load)
        npui.wait_for(lambda: "name: new-policy" not in npui.get_text(preview), message="the lesson's example")
        npui.wait_for(lambda: is_marked(app), message="the lesson's example to count as unsaved")
        ask_and_cancel(app, preview, "n")


if __name__ == "__main__":
    npui.main(test)
