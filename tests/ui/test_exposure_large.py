# test_exposure_large.py: in a large file the exposure sentences, read a slice of the file at a time, count its last policy
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The centre card reads a large file's documents for the sentences a few at
# a time between frames (np-centre-card.c): the reading must go on to the
# end of the file, and an edit after it must count.

import os
import tempfile

import npui

N_FILLERS = 3000

FIRST = ("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
         "metadata: {name: web, namespace: shop}\n"
         "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n"
         "  ingress:\n  - from: [{namespaceSelector: {matchLabels: {team: payments}}}]\n")
# Policies of other namespaces: they open nothing to the pods shown.
FILLER = ("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
          "metadata: {{name: filler-{i}, namespace: other-{i}}}\n"
          "spec:\n  podSelector: {{matchLabels: {{app: app-{i}}}}}\n  policyTypes: [Ingress]\n"
          "  ingress:\n  - from: [{{podSelector: {{matchLabels: {{app: client-{i}}}}}}}]\n")
LAST = ("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
        "metadata: {name: outside, namespace: shop}\n"
        "spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n"
        "  ingress:\n  - from: [{ipBlock: {cidr: 0.0.0.0/0}}]\n")

BOTH = ("Reachable from: any pod in namespaces labelled team=payments; outside the cluster\n"
        "Can reach: anywhere (no policy isolates these pods)")
MOVED = ("Reachable from: any pod in namespaces labelled team=payments\n"
         "Can reach: anywhere (no policy isolates these pods)")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "large.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("---\n".join([FIRST] + [FILLER.format(i=i) for i in range(N_FILLERS)] + [LAST]))

    with npui.start_app(args=[path]) as app:
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the first policy to be shown")
        group = app.find(None, "Exposure")

        def sentences():
            labels = npui.find_all(group, "label")
            return labels[0].name if labels else None

        # The last document of the file counts.
        npui.wait_for(lambda: sentences() == BOTH, timeout=60,
                      message=f"the card to read {BOTH!r}, not {sentences()!r}")
        npui.screenshot("exposure-large")

        # An edit of the policy shown is counted as well: in another
        # namespace, the last policy no longer opens its pods.
        namespace = app.find("entry", "Policy namespace")
        npui.set_text(namespace, "elsewhere")
        npui.wait_for(lambda: sentences() == MOVED, timeout=60,
                      message=f"the card to read {MOVED!r}, not {sentences()!r}")


if __name__ == "__main__":
    npui.main(test)
