# test_dialog_keyboard.py: in both rule editors Enter in the ports field adds the rule and the focus
# comes back to the button that opened the editor; Tab reaches the remove button of a label chip;
# both editors use the same words, say what a port without a protocol means, and a new Cilium
# rule outside the cluster does not start as "all"
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import pyatspi

import npui
from test_cilium_canvas import choose, find_shown, scrolled_area


def focused(accessible):
    try:
        return accessible.getState().contains(pyatspi.STATE_FOCUSED)
    except Exception:
        return False


def focused_name(root):
    for node in npui.iter_tree(root):
        if focused(node):
            return npui.describe(node)
    return None


def reopens_with_space(app, button_name, what):
    """Checks that the keyboard focus is back on the control that opened
    the editor (it must be for the next key to reach it): Space opens the
    editor again, and Escape closes it. (Without a window manager the
    main window is not the active one again after a dialog, so its
    accessible focus state is not reported: the key is the test.)"""
    time.sleep(0.5)
    npui.press_keys("space")
    try:
        dialog = npui.wait_for(lambda: npui.find_dialog(app, button_name), timeout=5,
                               message=f"Space on {what} to open the editor again")
    except npui.Failure:
        raise npui.Failure(f"the keyboard focus is not back on {what} after the editor closed "
                           "(Space does not open it again)") from None
    npui.click(npui.find(dialog, "entry", "Ports"))
    npui.press_keys("Escape")
    npui.settle_after_closing_window()
    npui.wait_for(lambda: npui.find_dialog(app, button_name) is None, message="Escape to close the editor")


def press_return_in(dialog, name):
    """Puts the keyboard in the field @name of @dialog (a click) and presses Return."""
    npui.click(npui.find(dialog, "entry", name))
    time.sleep(0.3)
    npui.press_keys("Return")


def check_kubernetes(app, preview):
    opener_name = "Add ingress rule: outside cluster"
    npui.click(app.find("button", opener_name))
    dialog = npui.wait_for(lambda: npui.find_dialog(app, "Add Rule"), message="the rule editor")
    note = npui.wait_for(lambda: next((label for label in npui.find_all(dialog, "label")
                                       if "A port without a protocol is TCP." in label.name), None),
                         message="the note on ports without a protocol")
    npui.log(f"the Kubernetes editor says: {note.name!r}")
    npui.set_text(npui.find(dialog, "entry", "Ports"), "8443")
    press_return_in(dialog, "Ports")
    npui.settle_after_closing_window()
    npui.wait_for(lambda: npui.find_dialog(app, "Add Rule") is None,
                  message="Return in the ports field to add the rule and close the editor")
    npui.wait_for(lambda: "port: 8443" in npui.get_text(preview), message="the new rule in the preview")
    # Space opens it again (the focus is back on the add button); Escape
    # closes it without a change, and the focus comes back once more.
    reopens_with_space(app, "Add Rule", repr(opener_name))
    reopens_with_space(app, "Add Rule", repr(opener_name))
    npui.log("Kubernetes: Return added the rule, the focus is back on its add button")

    # The rule's row opens it for editing; Return in a field applies.
    row = npui.wait_for(lambda: next((a for a in app.find_all(None, "Addresses in 0.0.0.0/0")
                                      if a.getRoleName() == "list item"), None),
                        message="the new rule's row")
    npui.click(row)
    dialog = npui.wait_for(lambda: npui.find_dialog(app, "Apply"), message="the editor of the rule")
    npui.set_text(npui.find(dialog, "entry", "Ports"), "9443")
    press_return_in(dialog, "Ports")
    npui.settle_after_closing_window()
    npui.wait_for(lambda: npui.find_dialog(app, "Apply") is None, message="Return to apply the edit")
    npui.wait_for(lambda: "port: 9443" in npui.get_text(preview), message="the edited rule in the preview")
    reopens_with_space(app, "Apply", "the rule's row")
    npui.log("Kubernetes: Return applied the edit, the focus is back on the rule's row")


def tab_order(dialog, key, count):
    """The names of the controls the focus goes to with @count presses of
    @key ("Tab", or "shift+Tab")."""
    names = []
    for _ in range(count):
        if key == "Tab":
            npui.press_keys("Tab")
        else:
            npui.key_combo("shift", "Tab")
        time.sleep(0.3)
        names.append(focused_name(dialog))
    return names


def check_chip_tab(app):
    """Each chip's remove button is a stop for Tab and Shift+Tab, in the
    order shown, between the control before the selector and its entry."""
    npui.click(app.find("button", "Add ingress rule: in namespace"))
    dialog = npui.wait_for(lambda: npui.find_dialog(app, "Add Rule"), message="the rule editor for pods")
    selector = npui.find(dialog, "entry", "Pod selector")
    npui.set_text(selector, "app=web, tier=db")
    npui.click(selector)
    time.sleep(0.3)
    npui.press_keys("Return")
    npui.wait_for(lambda: npui.find_all(dialog, "button", "Remove tier=db"), message="the chips")
    npui.click(selector)
    time.sleep(0.3)
    web, db = 'push button "Remove app=web"', 'push button "Remove tier=db"'
    backward = tab_order(dialog, "shift+Tab", 3)
    npui.log(f"Shift+Tab from the entry: {backward}")
    if backward[:2] != [db, web] or backward[2] in (db, web, 'text "Pod selector"', None):
        raise npui.Failure(f"Shift+Tab from the selector goes {backward}, not through both chips and on")
    forward = tab_order(dialog, "Tab", 3)
    npui.log(f"Tab back: {forward}")
    if forward != [web, db, 'text "Pod selector"']:
        raise npui.Failure(f"Tab goes {forward}, not through both chips to the entry")
    # Return on a remove button removes its chip, and the next one has the focus.
    tab_order(dialog, "shift+Tab", 2)
    npui.press_keys("Return")
    npui.wait_for(lambda: not npui.find_all(dialog, "button", "Remove app=web"),
                  message="Return on the remove button to remove the chip")
    npui.wait_for(lambda: focused_name(dialog) == db, message="the focus on the next chip")
    npui.press_keys("Escape")
    npui.settle_after_closing_window()
    npui.log("a chip's remove button is reached with Tab")


def check_cilium(app, preview):
    choose(app.accessible, "Policy kind", "CiliumNetworkPolicy")
    npui.wait_for(lambda: "kind: CiliumNetworkPolicy" in npui.get_text(preview),
                  message="the policy converted to Cilium")
    opener_name = "Add egress rule: outside cluster"
    opener = find_shown(app, opener_name)
    npui.scroll_into_view(opener, scrolled_area(app))
    npui.click(opener)
    dialog = npui.wait_for(lambda: npui.find_dialog(app, "Add Rule"), message="the Cilium rule editor")
    # The same words as the Kubernetes editor.
    npui.find(dialog, "button", "Cancel")
    npui.wait_for(lambda: any("A port without a protocol is TCP, UDP and SCTP (ANY)." in label.name
                              for label in npui.find_all(dialog, "label")),
                  message="the note on ports without a protocol")
    entity = npui.wait_for(lambda: next((a for a in npui.find_all(dialog, None, "Entity")
                                         if a.getRoleName() == "combo box"), None),
                           message="the Entity drop-down")
    chosen = [label.name for label in npui.find_all(entity, "label")]
    npui.log(f"a new egress item starts with the entity {chosen}")
    if "all" in chosen or "world" not in chosen:
        raise npui.Failure(f"a new Cilium egress rule outside the cluster starts as {chosen}, not world")
    npui.set_text(npui.find(dialog, "entry", "Ports"), "443/TCP")
    sentence = npui.find(dialog, "label", "Rule description")
    npui.wait_for(lambda: "443/TCP" in (sentence.description or ""),
                  message=f"the sentence to name the protocol (is {sentence.description!r})")
    press_return_in(dialog, "Ports")
    npui.settle_after_closing_window()
    npui.wait_for(lambda: npui.find_dialog(app, "Add Rule") is None,
                  message="Return in the ports field to add the Cilium rule")
    npui.wait_for(lambda: "- world" in npui.get_text(preview), message="the world item in the preview")
    reopens_with_space(app, "Add Rule", repr(opener_name))
    npui.log("Cilium: Return added the item, the focus is back on its add button")


def test():
    with npui.start_app() as app:
        preview = app.find("text", "YAML preview")
        check_kubernetes(app, preview)
        check_chip_tab(app)
        check_cilium(app, preview)


if __name__ == "__main__":
    npui.main(test)
