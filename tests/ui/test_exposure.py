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


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "shop.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(POLICIES)

    with npui.start_app(args=[path]) as app:
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the first policy to be shown")
        # GTK 4.8 names a label by its text: the group named "Exposure"
        # holds the label with the sentences.
        group = app.find(None, "Exposure")

        def sentences():
            labels = npui.find_all(group, "label")
            return labels[0].name if labels else None

        npui.wait_for(lambda: sentences() == BOTH,
                      message=f"the card to read {BOTH!r}, not {sentences()!r}")
        npui.log("the card counts the file's other policy")
        npui.screenshot("exposure")

        # In another namespace the other policy no longer selects these pods:
        # the sentence follows the edit.
        namespace = app.find("entry", "Policy namespace")
        npui.set_text(namespace, "payments")
        npui.wait_for(lambda: sentences() == ALONE,
                      message=f"the card to read {ALONE!r}, not {sentences()!r}")
        npui.log("the sentence follows the policy's namespace")


if __name__ == "__main__":
    npui.main(test)
