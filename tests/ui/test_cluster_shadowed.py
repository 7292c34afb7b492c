# test_cluster_shadowed.py: a cluster-wide rule that an earlier rule covers is shown as never
# matching (grey, told screen readers), not in its action's colour; moving it first brings the
# colour back, and undo takes it away again; the header bar rates the policy
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui
from test_cluster_edit import control, egress_of, rule, wait_order

POLICY = """\
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: lockdown
spec:
  priority: 10
  subject:
    namespaces: {}
  egress:
  - name: deny-all
    action: Deny
    to:
    - namespaces: {}
  - name: allow-dns
    action: Allow
    to:
    - pods:
        namespaceSelector:
          matchLabels:
            kubernetes.io/metadata.name: kube-system
        podSelector: {}
    ports:
    - portNumber:
        protocol: UDP
        port: 53
"""

NEVER = "Never matches"


def description(app, title):
    return rule(app, title).description or ""


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "lockdown.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(POLICY)

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        wait_order(preview, [("deny-all", "Deny"), ("allow-dns", "Allow")], "the policy in the preview")

        # The Allow rule comes after a Deny of every namespace: it never
        # decides, and must not be drawn as if it allowed DNS.
        npui.wait_for(lambda: "Never matches: Egress rule 1 (deny-all)" in description(app, "Egress rule 2 (allow-dns)"),
                      message="the Allow rule to be shown as never matching")
        if NEVER in description(app, "Egress rule 1 (deny-all)"):
            raise npui.Failure("the first rule is shown as never matching")
        npui.screenshot("cluster-shadowed")

        # The rating in the header bar rates this kind too, not an empty button.
        rating = app.find("button", "Policy rating")
        said = npui.wait_for(lambda: "of 5" in (rating.description or "") and rating.description,
                             message="the rating of the AdminNetworkPolicy")
        npui.log(f"rating: {said}")

        # First, it decides: both rules now match something.
        npui.activate(control(app, "Move up: Egress rule 2 (allow-dns)"))
        wait_order(preview, [("allow-dns", "Allow"), ("deny-all", "Deny")], "the Allow rule moved first")
        npui.wait_for(lambda: "Allow (green)" in description(app, "Egress rule 1 (allow-dns)")
                      and NEVER not in description(app, "Egress rule 1 (allow-dns)"),
                      message="the moved Allow rule in green")
        if NEVER in description(app, "Egress rule 2 (deny-all)"):
            raise npui.Failure("the Deny rule is shown as never matching after the move")

        # Undo puts the shadow back.
        npui.key_combo("control", "z")
        wait_order(preview, [("deny-all", "Deny"), ("allow-dns", "Allow")], "undo of the move")
        npui.wait_for(lambda: NEVER in description(app, "Egress rule 2 (allow-dns)"),
                      message="the Allow rule never matching again after undo")
        if egress_of(preview)[1] != ("allow-dns", "Allow"):
            raise npui.Failure("undo did not restore the order")


if __name__ == "__main__":
    npui.main(test)
