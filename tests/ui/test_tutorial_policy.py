# test_tutorial_policy.py: build the tutorial's policy by pointing and clicking, save, read it back
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import yaml

import npui

EXPECTED = {
    "apiVersion": "networking.k8s.io/v1",
    "kind": "NetworkPolicy",
    "metadata": {"name": "backend", "namespace": "default"},
    "spec": {
        "podSelector": {"matchLabels": {"app": "backend"}},
        "policyTypes": ["Ingress", "Egress"],
        "ingress": [{
            "from": [{"podSelector": {"matchLabels": {"app": "frontend"}}}],
            "ports": [{"protocol": "TCP", "port": 8080}],
        }],
        "egress": [
            {
                "to": [{
                    "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
                    "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
                }],
                "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
            },
            {
                "to": [{"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}}],
                "ports": [{"protocol": "TCP", "port": 443}],
            },
        ],
    },
}


def fill_rule(app, opener, fields, apply_label="Add Rule"):
    """Opens the rule editor with @opener, types each (name, text) of
    @fields into its entries, and applies."""
    npui.activate(app.find("button", opener))
    dialog = npui.wait_for(lambda: npui.find_dialog(app, apply_label),
                           message=f"the rule editor opened by {opener!r}")
    for name, text in fields:
        entry = npui.find(dialog, "entry", name)
        npui.set_text(entry, text)
        if name.endswith("selector"):
            npui.activate_entry(entry)
    apply = npui.find(dialog, "button", apply_label)
    npui.wait_for(lambda: npui.is_sensitive(apply), message=f'"{apply_label}" to be enabled')
    npui.activate(apply)
    npui.settle_after_closing_window()
    npui.wait_for(lambda: npui.find_dialog(app, apply_label) is None, message="the rule editor to close")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "backend.yaml")
    with open(path, "w", encoding="utf-8"):
        pass  # an empty manifest: the editor offers to add a policy

    with npui.start_app(args=[path]) as app:
        npui.click(app.find("button", "Add Policy"))
        npui.set_text(app.find("entry", "Policy name"), "backend")
        npui.set_text(app.find("entry", "Policy namespace"), "default")
        selector = app.find("entry", "Pod selector")
        npui.set_text(selector, "app=backend")
        npui.activate_entry(selector)

        deny_ingress = app.find("button", "Deny ingress by default")
        deny_egress = app.find("button", "Deny egress by default")
        if not npui.is_checked(deny_ingress):
            npui.activate(deny_ingress)
        if not npui.is_checked(deny_egress):
            npui.activate(deny_egress)
        npui.wait_for(lambda: npui.is_checked(deny_egress), message="egress to be denied by default")

        dns = app.find(None, "Allow DNS to kube-dns")
        if not npui.is_checked(dns):
            npui.activate(dns)
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "k8s-app: kube-dns" in npui.get_text(preview), message="the DNS rule in the preview")

        fill_rule(app, "Add ingress rule: in namespace",
                  [("Pod selector", "app=frontend"), ("Ports", "8080/TCP")])
        fill_rule(app, "Add egress rule: outside cluster",
                  [("CIDR", "10.0.0.0/8"), ("Exceptions", "10.1.0.0/16"), ("Ports", "443/TCP")])

        npui.wait_for(lambda: "10.1.0.0/16" in npui.get_text(preview), message="the CIDR rule in the preview")
        npui.screenshot("tutorial-policy")

        text = npui.save_and_read(preview, path, lambda text: text.strip() != "")
        data = yaml.safe_load(text)
        if data != EXPECTED:
            raise npui.Failure(f"the saved policy differs from the expected one:\n{text}")
        npui.log("the saved file holds exactly the tutorial's policy")


if __name__ == "__main__":
    npui.main(test)
