# test_peer_block.py: a peer in the rule editor: its type, the CIDR fix, exceptions, "or", removal
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile
import time

import pyatspi
import yaml

import npui

OUTSIDE = "Addresses outside the cluster (CIDR)"
HOME, DOWN, RETURN = 0xFF50, 0xFF54, 0xFF0D


def in_list(label):
    """Whether @label is (in) an item of a drop-down's open list."""
    node = label.parent
    for _ in range(2):
        if node is None:
            return False
        if node.getRoleName() == "list item":
            return True
        node = node.parent
    return False


def choose(dialog, item):
    """Picks @item in the (only) peer's type drop-down with the keyboard:
    open its list, go to the first entry, down to @item, Return."""
    dropdown = npui.wait_for(lambda: next((a for a in npui.find_all(dialog, None, "Peer type")
                                           if a.getRoleName() == "combo box"), None),
                             message="the Peer type drop-down")
    npui.click(dropdown)
    names = npui.wait_for(lambda: [label.name for label in npui.find_all(dropdown, "label")
                                   if in_list(label)] or None,
                          message="the list of peer types")
    if item not in names:
        raise npui.Failure(f"{item!r} is not a peer type: {names}")
    time.sleep(0.3)
    for keysym in [HOME] + [DOWN] * names.index(item) + [RETURN]:
        pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
        time.sleep(0.1)
    npui.wait_for(lambda: any(label.name == item and not in_list(label)
                              for label in npui.find_all(dropdown, "label")),
                  message=f"{item!r} to be the peer's type")


def visible(accessible):
    try:
        return accessible.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def showing(dialog, role, name):
    """The controls of @role and @name the dialog shows (GTK 4.8 marks them
    visible, not showing)."""
    return [a for a in npui.find_all(dialog, role, name) if visible(a)]


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "web.yaml")
    with open(path, "w", encoding="utf-8"):
        pass  # an empty manifest: the editor offers to add a policy

    with npui.start_app(args=[path]) as app:
        npui.click(app.find("button", "Add Policy"))
        npui.set_text(app.find("entry", "Policy name"), "web")
        npui.set_text(app.find("entry", "Policy namespace"), "default")
        preview = app.find("text", "YAML preview")

        npui.activate(app.find("button", "Add ingress rule: in namespace"))
        dialog = npui.wait_for(lambda: npui.find_dialog(app, "Add Rule"), message="the rule editor")
        add = npui.find(dialog, "button", "Add Rule")
        npui.find(dialog, "entry", "Pod selector")
        if showing(dialog, "label", "or"):
            raise npui.Failure('"or" is shown above the only peer')

        # Another type: the address fields, starting with every address.
        choose(dialog, OUTSIDE)
        cidr = npui.wait_for(lambda: next(iter(showing(dialog, "entry", "CIDR")), None),
                             message="the CIDR field")
        npui.wait_for(lambda: npui.get_text(cidr) == "0.0.0.0/0", message="the CIDR of every address")
        if showing(dialog, "entry", "Pod selector"):
            raise npui.Failure("the pod selector is shown for addresses outside the cluster")

        # A CIDR with host bits: a warning, and a button that writes it right.
        npui.set_text(cidr, "10.0.0.1/8")
        fix = npui.wait_for(lambda: next(iter(showing(dialog, "button", "Use 10.0.0.0/8")), None),
                            message='the "Use 10.0.0.0/8" button')
        npui.screenshot("peer-block-cidr-fix")
        npui.activate(fix)
        npui.wait_for(lambda: npui.get_text(cidr) == "10.0.0.0/8", message="the fixed CIDR")
        npui.wait_for(lambda: not showing(dialog, "button", "Use 10.0.0.0/8"), message="the fix button to go")

        # An exception outside the CIDR blocks the rule; one inside does not.
        exceptions = npui.find(dialog, "entry", "Exceptions")
        npui.set_text(exceptions, "192.168.0.0/16")
        npui.wait_for(lambda: not npui.is_sensitive(add), message='"Add Rule" off for an exception outside')
        npui.find_label(dialog, lambda text: "is not inside 10.0.0.0/8" in text)
        npui.set_text(exceptions, "10.1.0.0/16")
        npui.wait_for(lambda: npui.is_sensitive(add), message='"Add Rule" on for an exception inside')

        # A second peer is OR'd with the first; removing it takes the word away.
        npui.activate(npui.find(dialog, "button", "Add Peer"))
        npui.wait_for(lambda: len(npui.find_all(dialog, None, "Peer type")) == 2, message="a second peer")
        npui.wait_for(lambda: showing(dialog, "label", "or"), message='"or" between the peers')
        npui.screenshot("peer-block-or")
        npui.activate(npui.find_all(dialog, "button", "Remove peer")[-1])
        npui.wait_for(lambda: len(npui.find_all(dialog, None, "Peer type")) == 1, message="one peer again")
        npui.wait_for(lambda: not showing(dialog, "label", "or"), message='"or" to go with the second peer')

        # Switching type and back restores the addresses put aside.
        choose(dialog, "Pods in this namespace")
        npui.wait_for(lambda: showing(dialog, "entry", "Pod selector"), message="the pod selector again")
        choose(dialog, OUTSIDE)
        cidr = npui.wait_for(lambda: next(iter(showing(dialog, "entry", "CIDR")), None),
                             message="the CIDR field again")
        npui.wait_for(lambda: npui.get_text(cidr) == "10.0.0.0/8", message="the CIDR kept aside")
        npui.screenshot("peer-block")

        npui.activate(add)
        npui.settle_after_closing_window()
        npui.wait_for(lambda: npui.find_dialog(app, "Add Rule") is None, message="the rule editor to close")
        npui.wait_for(lambda: "10.1.0.0/16" in npui.get_text(preview), message="the rule in the preview")

        data = yaml.safe_load(npui.get_text(preview))
        wanted = [{"from": [{"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}}]}]
        if data["spec"].get("ingress") != wanted:
            raise npui.Failure(f"the rule is {data['spec'].get('ingress')!r}, not {wanted!r}")
        npui.log("the peer block switches type, fixes a CIDR, checks exceptions and says \"or\"")


if __name__ == "__main__":
    npui.main(test)
