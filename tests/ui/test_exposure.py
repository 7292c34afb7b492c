# test_exposure.py: the centre card says who may reach the pods of the policy shown, from the file's policies
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui

# The policy shown opens its pods to namespaces labelled team=payments; the
# file's other policy, in the same namespace for every pod, to the outside.
POLICIES = (
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
    "metadata: {name: web, namespace: shop}\n"
    "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n"
    "  ingress:\n  - from: [{namespaceSelector: {matchLabels: {team: payments}}}]\n"
    "---\n"
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
    "metadata: {name: outside, namespace: shop}\n"
    "spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n"
    "  ingress:\n  - from: [{ipBlock: {cidr: 0.0.0.0/0}}]\n"
)

BOTH = ("Reachable from: any pod in namespaces labelled team=payments; outside the cluster\n"
        "Can reach: anywhere (no policy isolates these pods)")
ALONE = ("Reachable from: any pod in namespaces labelled team=payments\n"
         "Can reach: anywhere (no policy isolates these pods)")

# An AdminNetworkPolicy decides before the NetworkPolicies: here it denies
# what the sentences above say is open, so the card must not stop at them.
ADMIN = (
    "---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\n"
    "metadata: {name: deny-payments}\n"
    "spec:\n  priority: 10\n  subject: {namespaces: {}}\n"
    "  ingress:\n  - name: deny\n    action: Deny\n"
    "    from: [{namespaces: {matchLabels: {team: payments}}}]\n"
)
WITH_ADMIN = BOTH + "\nRead from NetworkPolicies only: the file's AdminNetworkPolicies may decide too."


def sentences(group):
    """The text of the label inside the group named "Exposure" (GTK 4.8
    names a label by its text)."""
    labels = npui.find_all(group, "label")
    return labels[0].name if labels else None


def open_exposure(app):
    """Waits for the file's first policy, "web", and returns the group
    named "Exposure"."""
    name = app.find("entry", "Policy name")
    npui.wait_for(lambda: npui.get_text(name) == "web", message="the first policy to be shown")
    return app.find(None, "Exposure")


def expect(group, text):
    npui.wait_for(lambda: sentences(group) == text,
                  message=f"the card to read {text!r}, not {sentences(group)!r}")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "shop.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(POLICIES)

    with npui.start_app(args=[path]) as app:
        group = open_exposure(app)
        expect(group, BOTH)
        npui.log("the card counts the file's other policy")
        npui.screenshot("exposure")

        # In another namespace the other policy no longer selects these pods:
        # the sentence follows the edit.
        namespace = app.find("entry", "Policy namespace")
        npui.set_text(namespace, "payments")
        expect(group, ALONE)
        npui.log("the sentence follows the policy's namespace")

    # With a cluster-wide policy in the file, the card says that the
    # sentences read the NetworkPolicies only.
    path = os.path.join(folder, "shop-admin.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(POLICIES + ADMIN)
    with npui.start_app(args=[path]) as app:
        group = open_exposure(app)
        expect(group, WITH_ADMIN)
        npui.log("the card says an AdminNetworkPolicy of the file may decide too")
        npui.screenshot("exposure-admin")


if __name__ == "__main__":
    npui.main(test)
