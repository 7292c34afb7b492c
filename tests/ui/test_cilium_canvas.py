# test_cilium_canvas.py: switch a new policy to CiliumNetworkPolicy, add a DNS name, Kubernetes DNS
# through the DNS proxy and the host entity, save, read it back; in a Cilium
# policy without a rule the first edit and the rule it makes are one undo step
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile
import time

import pyatspi

import yaml

import npui

HOME, DOWN, RETURN = 0xFF50, 0xFF54, 0xFF0D

KUBE_DNS = {"k8s:io.kubernetes.pod.namespace": "kube-system", "k8s:k8s-app": "kube-dns"}

EXPECTED = {
    "apiVersion": "cilium.io/v2",
    "kind": "CiliumNetworkPolicy",
    "metadata": {"name": "new-policy", "namespace": "default"},
    "spec": {
        "endpointSelector": {},
        "ingress": [{"fromEntities": ["host"], "toPorts": [{"ports": [{"port": "22", "protocol": "TCP"}]}]}],
        "egress": [
            {
                "toFQDNs": [{"matchName": "api.example.com"}],
                "toPorts": [{"ports": [{"port": "443", "protocol": "TCP"}]}],
            },
            {
                "toEndpoints": [{"matchLabels": KUBE_DNS}],
                "toPorts": [{
                    "ports": [{"port": "53", "protocol": "UDP"}, {"port": "53", "protocol": "TCP"}],
                    "rules": {"dns": [{"matchPattern": "*"}]},
                }],
            },
        ],
    },
}


def choose(root, dropdown_name, item):
    """Picks @item in the drop-down named @dropdown_name the way a keyboard
    user does: open its list, go to the first entry, down to @item, Return.
    (The list is a popover on a surface of its own, so clicks at window
    coordinates would miss it.)"""
    dropdown = npui.wait_for(lambda: next((a for a in npui.find_all(root, None, dropdown_name)
                                           if a.getRoleName() == "combo box"), None),
                             message=f"the drop-down {dropdown_name!r}")

    def offered():
        # the list is made when it first opens
        return [label.name for label in npui.find_all(dropdown, "label")
                if label.parent is not None and label.parent.parent is not None
                and label.parent.parent.getRoleName() == "list item"] or None

    npui.click(dropdown)
    names = npui.wait_for(offered, message=f"the list of {dropdown_name!r}")
    if item not in names:
        raise npui.Failure(f"{item!r} is not offered by {dropdown_name!r}: {names}")
    time.sleep(0.3)
    for keysym in [HOME] + [DOWN] * names.index(item) + [RETURN]:
        pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
        time.sleep(0.1)
    npui.wait_for(lambda: any(label.name == item for label in npui.find_all(dropdown, "label")
                              if label.parent is not None and label.parent.parent is not None
                              and label.parent.parent.getRoleName() != "list item"),
                  message=f"{item!r} chosen in {dropdown_name!r}")


def find_shown(app, name):
    """The control named @name on the Cilium canvas (the Kubernetes canvas,
    hidden, has controls of the same names)."""
    canvas = app.find(None, "Cilium policy canvas")
    return npui.wait_for(lambda: next((a for a in npui.find_all(canvas, None, name)
                                       if a.getRoleName() != "label"), None),
                         message=f"{name!r} on the Cilium canvas")


def scrolled_area(app):
    """What shows of the Cilium canvas: the scrolled window around it."""
    return app.find(None, "Cilium policy canvas").parent


def add_item(app, opener, steps):
    """Opens the Cilium rule editor with @opener, runs @steps on it and adds."""
    npui.activate(find_shown(app, opener))
    dialog = npui.wait_for(lambda: npui.find_dialog(app, "Add Rule"), message=f"the editor opened by {opener!r}")
    steps(dialog)
    add = npui.find(dialog, "button", "Add Rule")
    npui.wait_for(lambda: npui.is_sensitive(add), message='"Add Rule" to be enabled')
    npui.activate(add)
    npui.settle_after_closing_window()
    npui.wait_for(lambda: npui.find_dialog(app, "Add Rule") is None, message="the editor to close")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "cilium.yaml")

    with open(path, "w", encoding="utf-8"):
        pass  # an empty manifest: the editor offers to add a policy

    # A settings file of its own, so the next start sees the kind chosen last.
    settings = {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": folder}
    with npui.start_app(args=[path], env=settings) as app:
        npui.click(app.find("button", "Add Policy"))
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "kind: NetworkPolicy" in npui.get_text(preview), message="the new policy")
        choose(app.accessible, "Policy kind", "CiliumNetworkPolicy")
        npui.wait_for(lambda: "kind: CiliumNetworkPolicy" in npui.get_text(preview),
                      message="the policy converted to Cilium")
        deny_ingress = find_shown(app, "Deny ingress by default")
        npui.wait_for(lambda: npui.is_checked(deny_ingress), message="ingress denied by default after the switch")

        def fqdn(dialog):
            choose(dialog, "Peer type", "DNS name")
            entry = npui.find(dialog, "entry", "DNS name")
            add = npui.find(dialog, "button", "Add Rule")
            # checked as typed: a wildcard is no DNS name
            npui.set_text(entry, "*.example.com")
            npui.wait_for(lambda: not npui.is_sensitive(add), message='"Add Rule" off for a wildcard name')
            npui.set_text(entry, "api.example.com")
            npui.set_text(npui.find(dialog, "entry", "Ports"), "443/TCP")

        add_item(app, "Add egress rule: outside cluster", fqdn)
        npui.wait_for(lambda: "api.example.com" in npui.get_text(preview), message="the DNS name in the preview")

        # GTK 4.8 gives check boxes no AT-SPI action, so they are clicked, and
        # a click needs the box on screen.
        dns = find_shown(app, "Kubernetes DNS")
        npui.scroll_into_view(dns, scrolled_area(app))
        npui.activate(dns)
        # The canvas makes its rows afresh when the policy changes: the proxy
        # option is looked up once the DNS rule is in, not before.
        npui.wait_for(lambda: "k8s:k8s-app: kube-dns" in npui.get_text(preview), message="the DNS rule")
        proxy = npui.wait_for(lambda: (lambda p: p if npui.is_sensitive(p) else None)(
                                  find_shown(app, "Inspect DNS queries (DNS proxy)")),
                              message="the DNS proxy option")
        npui.scroll_into_view(proxy, scrolled_area(app))
        npui.activate(proxy)
        npui.wait_for(lambda: "matchPattern: '*'" in npui.get_text(preview), message="the DNS proxy rule")

        add_item(app, "Add ingress rule: outside cluster", lambda dialog: choose(dialog, "Entity", "host"))
        npui.wait_for(lambda: "- host" in npui.get_text(preview), message="the host entity in the preview")

        # One more port for an item, from its own button.
        opener = find_shown(app, "Add port to host")
        npui.scroll_into_view(opener, scrolled_area(app))
        npui.click(opener)
        port = npui.wait_for(lambda: next((e for e in npui.find_all(opener, "entry", "Port")), None),
                             message="the port entry")
        npui.set_text(port, "22")
        npui.screenshot("cilium-port")
        npui.activate(npui.find(opener, "button", "Add Port"))
        npui.wait_for(lambda: "port: '22'" in npui.get_text(preview) or 'port: "22"' in npui.get_text(preview),
                      message="the port in the preview")
        npui.screenshot("cilium-canvas")

        text = npui.save_and_read(preview, path, lambda text: text.strip() != "")

        data = yaml.safe_load(text)
        if data != EXPECTED:
            raise npui.Failure(f"the saved policy differs from the expected one:\n{text}")
        npui.log("the saved file holds exactly the expected CiliumNetworkPolicy")

    # The kind chosen last (GSettings "policy-kind") is the kind of the next new policy.
    with npui.start_app(env=settings) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: new-policy" in npui.get_text(preview), message="a new policy")
        if "kind: CiliumNetworkPolicy" not in npui.get_text(preview):
            raise npui.Failure("the new policy is not of the kind chosen last:\n" + npui.get_text(preview))
    npui.log("a new policy starts as the kind chosen last")

    # A Cilium policy without a rule: the first edit makes one, and making
    # it and the edit are one undo step (the canvas opens one change around
    # both).
    bare = os.path.join(folder, "bare.yaml")
    with open(bare, "w", encoding="utf-8") as f:
        f.write("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: bare\n  namespace: default\n")
    with npui.start_app(args=[bare], env=settings) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: bare" in npui.get_text(preview), message="the policy without a rule")
        before = npui.get_text(preview)
        if "endpointSelector" in before:
            raise npui.Failure("the policy already has a rule:\n" + before)
        dns = find_shown(app, "Kubernetes DNS")
        npui.scroll_into_view(dns, scrolled_area(app))
        npui.activate(dns)
        npui.wait_for(lambda: "k8s:k8s-app: kube-dns" in npui.get_text(preview), message="the DNS rule in a new rule")
        npui.click(app.find("button", "Undo"))
        npui.wait_for(lambda: "kube-dns" not in npui.get_text(preview), message="undo of the DNS rule")
        time.sleep(0.5)
        if npui.get_text(preview) != before:
            raise npui.Failure("one undo did not take back the rule made for the DNS option:\n" + npui.get_text(preview))
    npui.log("making the first rule and the edit in it were one undo step")


if __name__ == "__main__":
    npui.main(test)
