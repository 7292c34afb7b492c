# test_cluster_canvas.py: a file with an AdminNetworkPolicy, a BaselineAdminNetworkPolicy and a
# ClusterNetworkPolicy: the canvas shows each one's subject, priority and ordered rules with
# their actions' colours (told screen readers), and a ClusterNetworkPolicy's tier is edited
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import yaml

import npui
from test_cilium_canvas import choose

POLICIES = """\
# three cluster-wide policies
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: tenants
spec:
  priority: 20
  subject:
    namespaces:
      matchLabels:
        tenant: shop
  egress:
  - name: no-metadata
    action: Deny
    to:
    - networks:
      - 169.254.169.254/32
  - name: own-tenant
    action: Pass
    to:
    - namespaces:
        matchLabels:
          tenant: shop
  - name: dns
    action: Allow
    to:
    - pods:
        namespaceSelector:
          matchLabels:
            kubernetes.io/metadata.name: kube-system
        podSelector:
          matchLabels:
            k8s-app: kube-dns
    ports:
    - portNumber:
        protocol: UDP
        port: 53
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  ingress:
  - name: deny-all
    action: Deny
    from:
    - namespaces: {}
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: web
spec:
  tier: Admin
  priority: 5
  subject:
    pods:
      namespaceSelector: {}
      podSelector:
        matchLabels:
          app: web
  ingress:
  - action: Accept
    from:
    - namespaces: {}
    protocols:
    - tcp:
        destinationPort:
          number: 443
"""


def rule(app, name):
    """The rule row named @name on the cluster canvas."""
    canvas = app.find(None, "Cluster policy canvas")
    return npui.wait_for(lambda: next((a for a in npui.find_all(canvas, None, name)
                                       if a.getRoleName() not in ("label", "push button")), None),
                         message=f"the rule {name!r} on the cluster canvas")


def yaml_of(preview):
    # The file's comment line comes first: skip it.
    return yaml.safe_load(npui.get_text(preview))


def pick_in_sidebar(app, name):
    policies = app.find(None, "Policies of the file")
    label = npui.wait_for(lambda: next(iter(npui.find_all(policies, "label", name)), None),
                          message=f"{name!r} in the sidebar")
    npui.click(label)


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "cluster.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(POLICIES)

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "kind: AdminNetworkPolicy" in npui.get_text(preview), message="the ANP in the preview")
        canvas = app.find(None, "Cluster policy canvas")
        name = npui.find(canvas, "entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "tenants", message="the ANP on the canvas")
        priority = npui.find(canvas, None, "Priority")
        npui.wait_for(lambda: npui.get_text(priority) == "20", message="the priority 20")

        # Each rule says its action and colour, in order.
        expected = [("Egress rule 1 (no-metadata)", "Deny (red)"),
                    ("Egress rule 2 (own-tenant)", "Pass (amber)"),
                    ("Egress rule 3 (dns)", "Allow (green)")]
        for title, colour in expected:
            row = rule(app, title)
            if colour not in (row.description or ""):
                raise npui.Failure(f"{title!r} does not say {colour!r}: {row.description!r}")
        # The legend says what each colour means.
        for words in ("Allow (green)", "Deny (red)", "Pass (amber)"):
            npui.wait_for(lambda: any(words in (label.name or "") for label in app.find_all("label")),
                          message=f"the legend's {words!r}")
        npui.screenshot("cluster-anp-wide")
        npui.resize_window(app, 600, 800)
        rule(app, "Egress rule 3 (dns)")
        npui.screenshot("cluster-anp-narrow")
        npui.resize_window(app, 1400, 900)

        # The file is untouched until an edit: showing changes nothing.
        with open(path, encoding="utf-8") as f:
            if f.read() != POLICIES:
                raise npui.Failure("the file changed without an edit")

        # The ClusterNetworkPolicy: its tier is a drop-down.
        npui.key_combo("shift", "F9")
        pick_in_sidebar(app, "web")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the CNP on the canvas")
        npui.key_combo("shift", "F9")
        row = rule(app, "Ingress rule 1")
        if "Accept (green)" not in (row.description or ""):
            raise npui.Failure(f"the CNP's rule does not say Accept (green): {row.description!r}")
        choose(canvas, "Tier", "Baseline")
        npui.wait_for(lambda: "tier: Baseline" in npui.get_text(preview), message="the tier in the YAML")
        npui.screenshot("cluster-cnp-baseline")
        saved = npui.save_and_read(preview, path, lambda text: "tier: Baseline" in text)
        # The other two documents stay byte for byte.
        if not saved.startswith(POLICIES.split("---\napiVersion: policy.networking.k8s.io/v1alpha2")[0]):
            raise npui.Failure("saving the CNP rewrote the documents before it:\n" + saved)

        # A new name shows in the sidebar's row at once.
        npui.type_text(name, "web-front", replace=True)
        npui.wait_for(lambda: "name: web-front" in npui.get_text(preview), message="the new name in the YAML")
        npui.key_combo("shift", "F9")
        policies = app.find(None, "Policies of the file")
        npui.wait_for(lambda: npui.find_all(policies, "label", "web-front"), message="the new name in the sidebar")

        # Back to the AdminNetworkPolicy.
        pick_in_sidebar(app, "tenants")
        npui.wait_for(lambda: npui.get_text(name) == "tenants", message="the ANP on the canvas again")
        npui.key_combo("shift", "F9")
        # The subject: a term typed into the namespace selector's chips goes to the YAML.
        npui.type_text(npui.find(canvas, "entry", "Subject namespace selector"), "env=prod")
        npui.press_keys("Return")
        npui.wait_for(lambda: (yaml_of(preview)["spec"]["subject"] ==
                               {"namespaces": {"matchLabels": {"tenant": "shop", "env": "prod"}}}),
                      message="the subject's new term in the YAML")
        # (Ctrl+Z in the entry would undo the entry's own typing.)
        undo = app.find("button", "Undo")
        npui.click(undo)
        npui.wait_for(lambda: "env: prod" not in npui.get_text(preview), message="undo of the subject's term")

        # The YAML reads back: an edited action shows on the canvas in its colour.
        npui.set_text(preview, npui.get_text(preview).replace("action: Pass", "action: Deny"))
        npui.wait_for(lambda: "Deny (red)" in (rule(app, "Egress rule 2 (own-tenant)").description or ""),
                      message="the typed action on the canvas")
        npui.click(undo)
        npui.wait_for(lambda: "Pass (amber)" in (rule(app, "Egress rule 2 (own-tenant)").description or ""),
                      message="undo of the typed action")

        # The BaselineAdminNetworkPolicy has no priority.
        npui.key_combo("shift", "F9")
        pick_in_sidebar(app, "default")
        npui.wait_for(lambda: npui.get_text(name) == "default", message="the BANP on the canvas")
        npui.key_combo("shift", "F9")
        rule(app, "Ingress rule 1 (deny-all)")
        if any(npui.is_showing(a) for a in npui.find_all(canvas, None, "Priority")):
            raise npui.Failure("a BaselineAdminNetworkPolicy shows a priority")
        # The tutorial says it is for namespaced policies.
        npui.show_side_panel(app)
        npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Tutorial"))
        npui.wait_for(lambda: any("for namespaced policies" in (label.name or "") for label in app.find_all("label")),
                      message="the tutorial's note")
        npui.screenshot("cluster-banp-tutorial")


if __name__ == "__main__":
    npui.main(test)
