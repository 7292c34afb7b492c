# test_cluster_edit.py: an AdminNetworkPolicy built by clicking: "Policy kind" adds one, three egress rules
# (Deny, Pass, Allow) through the rule editor, each in its action's colour; rules reordered with
# Alt+Up, with Move up and by dragging, each one undo step; the YAML follows
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import pyatspi
import yaml

import npui
from test_cilium_canvas import choose


def canvas_of(app):
    return app.find(None, "Cluster policy canvas")


def rule(app, name):
    """The rule row named @name on the cluster canvas."""
    canvas = canvas_of(app)
    return npui.wait_for(lambda: next((a for a in npui.find_all(canvas, None, name)
                                       if a.getRoleName() not in ("label", "push button")), None),
                         message=f"the rule {name!r} on the cluster canvas")


def control(app, name):
    canvas = canvas_of(app)
    return npui.wait_for(lambda: next((a for a in npui.find_all(canvas, "button", name)), None),
                         message=f"the button {name!r} on the cluster canvas")


def egress_of(preview):
    document = yaml.safe_load(npui.get_text(preview))
    return [(r.get("name"), r.get("action")) for r in document["spec"].get("egress", [])]


def wait_order(preview, expected, message):
    npui.wait_for(lambda: egress_of(preview) == expected, message=message)


def add_rule(app, action, name, peer_kind, fields, port=None):
    """Adds an egress rule with the canvas's button and fills it in the rule editor."""
    npui.activate(control(app, "Add Egress Rule"))
    dialog = npui.wait_for(lambda: npui.find_dialog(app, "Add peer"), message="the rule editor")
    choose(dialog, "Action", action)
    npui.type_text(npui.find(dialog, "entry", "Rule name"), name)
    choose(dialog, "Peer kind", peer_kind)
    for entry, text in fields.items():
        npui.type_text(npui.find(dialog, "entry", entry), text)
    npui.activate(npui.find(dialog, "button", "Add peer"))
    if port is not None:
        npui.type_text(npui.find(dialog, "entry", "Port"), port)
        npui.activate(npui.find(dialog, "button", "Add port"))
    npui.wait_for(lambda: not any("No peer yet" in (label.name or "") for label in npui.find_all(dialog, "label")),
                  message="the peer in the editor")
    if port is not None:
        npui.screenshot("cluster-rule-editor")
    npui.activate(npui.find(dialog, "button", "Done"))
    npui.settle_after_closing_window()


def drag(source, target):
    """Drags @source onto @target with the mouse, in small steps, as GTK's
    drag threshold and the drop target's motion events need."""
    start = source.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    end = target.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x0, y0 = start.x + start.width // 3, start.y + start.height // 2
    x1, y1 = end.x + end.width // 3, end.y + end.height // 2
    pyatspi.Registry.generateMouseEvent(x0, y0, "abs")
    time.sleep(0.2)
    pyatspi.Registry.generateMouseEvent(x0, y0, "b1p")
    time.sleep(0.2)
    for step in range(1, 21):
        pyatspi.Registry.generateMouseEvent(x0 + (x1 - x0) * step // 20, y0 + (y1 - y0) * step // 20, "abs")
        time.sleep(0.05)
    time.sleep(0.3)
    pyatspi.Registry.generateMouseEvent(x1, y1, "b1r")
    time.sleep(0.5)


def test():
    with npui.start_app() as app:
        npui.resize_window(app, 1280, 900)
        preview = app.find("text", "YAML preview")
        choose(app.accessible, "Policy kind", "AdminNetworkPolicy")
        canvas = canvas_of(app)
        npui.wait_for(lambda: "kind: AdminNetworkPolicy" in npui.get_text(preview), message="the new ANP")
        # A new ANP starts with a priority and every namespace as its subject.
        document = yaml.safe_load(npui.get_text(preview))
        if document["spec"].get("priority") != 10 or document["spec"].get("subject") != {"namespaces": {}}:
            raise npui.Failure(f"the new ANP does not start as expected: {document}")
        npui.wait_for(lambda: npui.get_text(npui.find(canvas, None, "Priority")) == "10", message="the priority 10")
        # It took the place of the blank NetworkPolicy the window started with.
        npui.key_combo("shift", "F9")
        policies = app.find(None, "Policies of the file")
        names = npui.wait_for(lambda: [label.name for label in npui.find_all(policies, "label")] or None,
                              message="the sidebar's list")
        if "cluster-policy" not in names or "new-policy" in names:
            raise npui.Failure(f"the file should hold the new ANP alone: {names}")
        npui.key_combo("shift", "F9")

        add_rule(app, "Deny", "no-metadata", "Networks (CIDRs)", {"Peer addresses or names": "169.254.169.254/32"})
        add_rule(app, "Pass", "own-team", "Every pod of namespaces", {"Peer namespace selector": "team=a"})
        add_rule(app, "Allow", "dns", "Pods in namespaces",
                 {"Peer namespace selector": "kubernetes.io/metadata.name=kube-system",
                  "Peer pod selector": "k8s-app=kube-dns"}, port="53/UDP")
        wait_order(preview, [("no-metadata", "Deny"), ("own-team", "Pass"), ("dns", "Allow")], "the three rules in the YAML")
        egress = yaml.safe_load(npui.get_text(preview))["spec"]["egress"]
        if egress[0]["to"] != [{"networks": ["169.254.169.254/32"]}] or \
           egress[1]["to"] != [{"namespaces": {"matchLabels": {"team": "a"}}}] or \
           egress[2]["to"] != [{"pods": {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
                                         "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}}] or \
           egress[2]["ports"] != [{"portNumber": {"protocol": "UDP", "port": 53}}]:
            raise npui.Failure(f"the rules' peers and ports are not as built: {egress}")

        # Each row (and its edge) is in its action's colour, and says so.
        for title, colour in (("Egress rule 1 (no-metadata)", "Deny (red)"),
                              ("Egress rule 2 (own-team)", "Pass (amber)"),
                              ("Egress rule 3 (dns)", "Allow (green)")):
            description = rule(app, title).description or ""
            if colour not in description:
                raise npui.Failure(f"{title!r} does not say {colour!r}: {description!r}")
        npui.screenshot("cluster-edit-built")
        # No problems: the built policy is valid.
        npui.wait_for(lambda: any("No problems" in (label.name or "") for label in app.find_all("label")),
                      message="no problems with the built policy")

        # Move up with the button: the Allow rule decides before the Pass rule.
        npui.activate(control(app, "Move up: Egress rule 3 (dns)"))
        wait_order(preview, [("no-metadata", "Deny"), ("dns", "Allow"), ("own-team", "Pass")], "Move up")
        if "Allow (green)" not in (rule(app, "Egress rule 2 (dns)").description or ""):
            raise npui.Failure("the moved rule does not keep its colour")
        # The focus stays with the moved rule: Alt+Up moves it on, by keyboard.
        npui.wait_for(lambda: control(app, "Move up: Egress rule 2 (dns)").getState().contains(pyatspi.STATE_FOCUSED),
                      message="the focus on the moved rule")
        npui.key_combo("alt", "Up")
        wait_order(preview, [("dns", "Allow"), ("no-metadata", "Deny"), ("own-team", "Pass")], "Alt+Up")
        npui.screenshot("cluster-edit-moved")
        # Each move is one undo step.
        npui.key_combo("control", "z")
        wait_order(preview, [("no-metadata", "Deny"), ("dns", "Allow"), ("own-team", "Pass")], "undo of Alt+Up")
        npui.key_combo("control", "z")
        wait_order(preview, [("no-metadata", "Deny"), ("own-team", "Pass"), ("dns", "Allow")], "undo of Move up")

        # Drag the Allow rule onto the first one.
        drag(rule(app, "Egress rule 3 (dns)"), rule(app, "Egress rule 1 (no-metadata)"))
        wait_order(preview, [("dns", "Allow"), ("no-metadata", "Deny"), ("own-team", "Pass")], "the dragged rule first")
        npui.key_combo("control", "z")
        wait_order(preview, [("no-metadata", "Deny"), ("own-team", "Pass"), ("dns", "Allow")], "undo of the drag")

        npui.resize_window(app, 600, 900)
        rule(app, "Egress rule 3 (dns)")
        npui.screenshot("cluster-edit-narrow")


if __name__ == "__main__":
    npui.main(test)
