# test_cilium_edit.py: the Cilium canvas draws an edge per item with the core's verdict, edits an item
# in place as one undo step, and shows every rule of a policy with several
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile
import time

import pyatspi
import yaml

import npui
from test_cilium_canvas import choose, scrolled_area

POLICY = """\
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: two-rules
  namespace: prod
specs:
  - endpointSelector:
      matchLabels:
        app: web
    ingress:
      - fromEntities:
          - host
        toPorts:
          - ports:
              - port: "80"
                protocol: TCP
    ingressDeny:
      - fromCIDR:
          - 192.0.2.0/24
    egress:
      - toEntities:
          - world
  - endpointSelector:
      matchLabels:
        app: db
    ingress:
      - fromEndpoints:
          - matchLabels:
              app: web
        toPorts:
          - ports:
              - port: "5432"
                protocol: TCP
"""


def item(app, name):
    """The item row named @name on the Cilium canvas."""
    canvas = app.find(None, "Cilium policy canvas")
    return npui.wait_for(lambda: next((a for a in npui.find_all(canvas, None, name)
                                       if a.getRoleName() not in ("label", "push button")), None),
                         message=f"the item {name!r} on the Cilium canvas")


def editor_window(app):
    """The Cilium rule editor editing an ingress item, or None. (The main
    window has a Save button too.)"""
    for i in range(app.accessible.childCount):
        window = app.accessible.getChildAtIndex(i)
        if window is not None and window.name == "Edit Ingress Rule":
            return window
    return None


def find_control(app, name):
    """The control named @name on the Cilium canvas, scrolled into view."""
    canvas = app.find(None, "Cilium policy canvas")
    control = npui.wait_for(lambda: next((a for a in npui.find_all(canvas, None, name)
                                          if a.getRoleName() != "label"), None),
                            message=f"{name!r} on the Cilium canvas")
    npui.scroll_into_view(control, scrolled_area(app))
    return control


def tab_to(app, target):
    """Moves the keyboard focus to @target with Tab, from the policy name
    (a click would activate an item's button)."""
    npui.focus(find_control(app, "Endpoint selector"))
    for _ in range(60):
        if target.getState().contains(pyatspi.STATE_FOCUSED):
            return
        npui.press_keys("Tab")
    raise npui.Failure(f"Tab does not reach {npui.describe(target)}")


def check_verdict(app, name, expected):
    row = item(app, name)
    npui.wait_for(lambda: row.description == expected,
                  message=f"{name!r} described as {expected!r} (is {row.description!r})")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "two-rules.yaml")
    with open(path, "w", encoding="utf-8") as out:
        out.write(POLICY)

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "two-rules" in npui.get_text(preview), message="the policy")

        # Edges: each item's verdict comes from the core (a deny item is denied).
        check_verdict(app, "host", "Allowed")
        check_verdict(app, "Deny: 192.0.2.0/24", "Denied")
        check_verdict(app, "world", "Allowed")
        npui.screenshot("cilium-edges-compact")
        # Room for three columns, and edges between them.
        side_panel = app.find("button", "Side panel")
        show_preview = app.find("button", "Show YAML preview")
        if npui.is_checked(side_panel):  # a new window starts without it
            npui.activate(side_panel)
        npui.activate(show_preview)
        npui.wait_for(lambda: not npui.is_checked(side_panel) and not npui.is_checked(show_preview),
                      message="the side panel and the preview hidden")
        policies = app.find("button", "Show policies of the file")
        if npui.is_checked(policies):
            npui.activate(policies)
            npui.wait_for(lambda: not npui.is_checked(policies), message="the list of policies hidden")
        canvas = app.find(None, "Cilium policy canvas")

        def left(name):
            control = next(a for a in npui.find_all(canvas, None, name) if a.getRoleName() != "label")
            return control.queryComponent().getExtents(pyatspi.WINDOW_COORDS).x

        def right(name):
            control = next(a for a in npui.find_all(canvas, None, name) if a.getRoleName() != "label")
            extents = control.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            return extents.x + extents.width

        # Wide: the ingress column left of the centre card, with the edges
        # between. (The add button ends the card's header, as on the
        # Kubernetes canvas.)
        npui.wait_for(lambda: right("Add ingress rule: outside cluster") + 40 < left("Cilium rule"),
                      message="the three-column layout")
        time.sleep(1.0)  # the list of policies slides away
        npui.screenshot("cilium-edges")
        npui.activate(side_panel)
        npui.activate(show_preview)
        npui.wait_for(lambda: npui.is_checked(side_panel) and npui.is_checked(show_preview),
                      message="the side panel and the preview back")
        npui.log("the items carry the verdicts of their edges")

        def spec_count():
            return npui.get_text(preview).count("endpointSelector:")

        # Every rule can be shown: the second one has its own items.
        choose(app.accessible, "Cilium rule", "Rule 2: app=db")
        npui.wait_for(lambda: npui.get_text(app.find("entry", "Endpoint selector")) == "app=db",
                      message="the second rule's endpoint selector")
        item(app, "app=web")
        canvas = app.find(None, "Cilium policy canvas")
        if npui.find_all(canvas, None, "host"):
            raise npui.Failure("the first rule's items are still shown with the second rule")
        choose(app.accessible, "Cilium rule", "Rule 1: app=web")
        item(app, "host")
        npui.log("the rule switcher shows each rule with its own items")

        # In-place editing: the editor opens filled with the item; Save
        # replaces it, one undo step.
        edit = find_control(app, "Edit host")
        npui.activate(edit)
        dialog = npui.wait_for(lambda: editor_window(app), message="the editor of the item")
        port = npui.find(dialog, "entry", "Ports")
        if npui.get_text(port) != "80/TCP":
            raise npui.Failure(f"the editor shows the ports {npui.get_text(port)!r}, not 80/TCP")
        # a bad entry is flagged as typed, and Save stays off
        save = npui.find(dialog, "button", "Apply")
        npui.set_text(port, "80, 80_x")
        npui.wait_for(lambda: not npui.is_sensitive(save), message='"Apply" off for a bad port')
        npui.set_text(port, "8080/TCP")
        npui.wait_for(lambda: npui.is_sensitive(save), message='"Apply" on again')
        npui.screenshot("cilium-edit-item")
        npui.activate(npui.find(dialog, "button", "Apply"))
        npui.settle_after_closing_window()
        npui.wait_for(lambda: editor_window(app) is None, message="the editor to close")
        npui.wait_for(lambda: 'port: "8080"' in npui.get_text(preview) or "port: '8080'" in npui.get_text(preview),
                      message="the new port in the preview")
        text = npui.get_text(preview)
        if '"80"' in text or spec_count() != 2 or text.count("- host") != 1:
            raise npui.Failure(f"the item was not replaced in place:\n{text}")
        # The edited row is gone with the edit: the window has the focus.
        npui.key_combo("control", "z")
        try:
            npui.wait_for(lambda: ('port: "80"' in npui.get_text(preview) or "port: '80'" in npui.get_text(preview))
                          and "8080" not in npui.get_text(preview),
                          message="Ctrl+Z to give the old port back")
        except npui.Failure:
            npui.screenshot("cilium-edit-undo")
            raise npui.Failure("Ctrl+Z did not give the old port back:\n" + npui.get_text(preview)) from None
        npui.log("an item edited in place, and its old form back with one Ctrl+Z")

        # Several ports for a new item, as one toPorts entry, with the
        # sentence above the form following the fields.
        npui.activate(find_control(app, "Add ingress rule: outside cluster"))
        dialog = npui.wait_for(lambda: npui.find_dialog(app, "Add Rule"), message="the editor of a new item")
        choose(dialog, "Entity", "cluster")
        ports = npui.find(dialog, "entry", "Ports")
        add = npui.find(dialog, "button", "Add Rule")
        sentence = npui.find(dialog, "label", "Rule description")
        npui.set_text(ports, "80, 443/TCP, 53/UDP")
        expected = "Ingress traffic from cluster on 80/ANY, 443/TCP, 53/UDP will be allowed"
        npui.wait_for(lambda: sentence.description == expected,
                      message=f"the sentence {expected!r} (is {sentence.description!r})")
        npui.wait_for(lambda: npui.is_sensitive(add), message='"Add Rule" on for good ports')
        # "80x" would be a port name; "80_x" is no port at all
        npui.set_text(ports, "80, 80_x")
        # the message under the field is the entry's description too
        npui.wait_for(lambda: "80_x" in (ports.description or ""), message="the message about the bad port")
        npui.log(f"bad port flagged: {ports.description!r}")
        npui.wait_for(lambda: not npui.is_sensitive(add), message='"Add Rule" off for a bad port')
        npui.screenshot("cilium-ports-error")
        npui.set_text(ports, "80, 443/TCP, 53/UDP")
        npui.wait_for(lambda: sentence.description == expected, message="the sentence back")
        npui.screenshot("cilium-ports")
        npui.wait_for(lambda: npui.is_sensitive(add), message='"Add Rule" on again')
        npui.activate(add)
        npui.settle_after_closing_window()
        npui.wait_for(lambda: npui.find_dialog(app, "Add Rule") is None, message="the editor to close")

        def new_item():
            data = yaml.safe_load(npui.get_text(preview))
            for entry in data["specs"][0].get("ingress", []):
                if entry.get("fromEntities") == ["cluster"]:
                    return entry
            return None

        entry = npui.wait_for(new_item, message="the new item in the preview")
        wanted = [{"ports": [{"port": "80"}, {"port": "443", "protocol": "TCP"}, {"port": "53", "protocol": "UDP"}]}]
        if entry.get("toPorts") != wanted:
            raise npui.Failure(f"the new item's toPorts are {entry.get('toPorts')!r}, not {wanted!r}")
        npui.key_combo("control", "z")
        npui.wait_for(lambda: new_item() is None, message="Ctrl+Z to take the new item back")
        npui.log("three ports in one toPorts entry, described as typed")

        # Pod labels are chips, expressions included, as in the Kubernetes editor.
        npui.activate(find_control(app, "Add ingress rule: in namespace"))
        dialog = npui.wait_for(lambda: npui.find_dialog(app, "Add Rule"), message="the editor of a pod item")
        labels = npui.find(dialog, "entry", "Pod labels")
        npui.set_text(labels, "app=api, tier in (a, b)")
        npui.activate_entry(labels)
        npui.wait_for(lambda: npui.find_all(dialog, None, "tier in (a, b)"), message="a chip for the expression")
        npui.set_text(npui.find(dialog, "entry", "Ports"), "8080/TCP")
        npui.screenshot("cilium-pod-labels")
        add = npui.find(dialog, "button", "Add Rule")
        npui.wait_for(lambda: npui.is_sensitive(add), message='"Add Rule" on for the pod item')
        npui.activate(add)
        npui.settle_after_closing_window()
        npui.wait_for(lambda: npui.find_dialog(app, "Add Rule") is None, message="the pod item editor to close")

        def pod_item():
            data = yaml.safe_load(npui.get_text(preview))
            for entry in data["specs"][0].get("ingress", []):
                for selector in entry.get("fromEndpoints", []):
                    if selector.get("matchLabels", {}).get("app") == "api":
                        return selector
            return None

        selector = npui.wait_for(pod_item, message="the pod item in the preview")
        wanted = [{"key": "tier", "operator": "In", "values": ["a", "b"]}]
        if selector.get("matchExpressions") != wanted:
            raise npui.Failure(f"the pod item's expressions are {selector.get('matchExpressions')!r}, not {wanted!r}")
        npui.key_combo("control", "z")
        npui.wait_for(lambda: pod_item() is None, message="Ctrl+Z to take the pod item back")
        npui.log("pod labels typed as chips, an expression included")

        # Delete removes the focused item.
        tab_to(app, find_control(app, "Edit world"))
        npui.press_keys("Delete")
        npui.wait_for(lambda: "- world" not in npui.get_text(preview), message="Delete to remove the item")
        # The rows are made afresh: the focus stays in the group, on its add
        # button when no item is left, so Ctrl+Z goes to the window's undo.
        add_world = find_control(app, "Add egress rule: outside cluster")
        npui.wait_for(lambda: add_world.getState().contains(pyatspi.STATE_FOCUSED),
                      message="the focus on the group's add button")
        npui.key_combo("control", "z")
        try:
            npui.wait_for(lambda: "- world" in npui.get_text(preview), message="the removed item back")
        except npui.Failure:
            npui.screenshot("cilium-undo-delete")
            raise npui.Failure("Ctrl+Z did not give the removed item back:\n" + npui.get_text(preview)) from None

        # With items left, the one that took the removed one's place gets the focus.
        tab_to(app, find_control(app, "Edit host"))
        npui.press_keys("Delete")
        npui.wait_for(lambda: "- host" not in npui.get_text(preview), message="Delete to remove host")
        npui.wait_for(lambda: find_control(app, "Edit Deny: 192.0.2.0/24").getState().contains(pyatspi.STATE_FOCUSED),
                      message="the focus on the next item")
        npui.key_combo("control", "z")
        npui.wait_for(lambda: "- host" in npui.get_text(preview), message="host back")

        # One more rule, shown at once.
        # ("Add rule" is no rule: the new one is chosen instead.)
        switcher = find_control(app, "Cilium rule")
        npui.click(switcher)
        time.sleep(0.5)
        npui.press_keys("End")
        npui.press_keys("Return")
        npui.wait_for(lambda: spec_count() == 3, message="a third rule in the preview")
        npui.wait_for(lambda: any(label.name == "Rule 3: all pods" for label in npui.find_all(switcher, "label")),
                      message="the new rule chosen in the switcher")
        npui.wait_for(lambda: npui.get_text(app.find("entry", "Endpoint selector")) == "",
                      message="the new rule shown")
        npui.log("a rule added from the switcher")


if __name__ == "__main__":
    npui.main(test)
