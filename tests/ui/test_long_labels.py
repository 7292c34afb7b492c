# test_long_labels.py: the long selectors of a generated policy take a few lines at most, with the
# whole text in a tooltip, and never push the centre card or the default-deny toggles out of view
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import tempfile

import npui
from test_layout import extents, shown

LONG = """\
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: generated-from-flows-for-the-checkout-service-in-production
  namespace: production-eu-west-1-checkout-and-payments
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: checkout-service-with-a-very-long-name
      app.kubernetes.io/instance: checkout-service-production-eu-west-1-blue
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ingress-nginx-controller-namespace-production
      podSelector:
        matchLabels:
          app.kubernetes.io/component: controller-of-the-ingress-for-the-whole-cluster
          app.kubernetes.io/instance: ingress-nginx-production-eu-west-1-blue-green-canary
          app.kubernetes.io/part-of: the-shared-edge-platform-of-the-payments-department
    ports:
    - {port: 8443, protocol: TCP}
  egress:
  - to:
    - podSelector:
        matchLabels:
          app.kubernetes.io/name: payments-gateway-adapter-for-the-external-provider-xyz
    ports:
    - {port: 9090, protocol: TCP}
"""

PEER = "app.kubernetes.io/component=controller-of-the-ingress-for-the-whole-cluster"


def check(app, size):
    canvas = shown(app.accessible, None, "Policy diagram")
    view = extents(canvas.parent)

    def in_view(name, role=None):
        box = extents(shown(app.accessible, role, name))
        return box.x >= view.x and box.x + box.width <= view.x + view.width

    for name, role in (("Policy name", "entry"), ("Deny ingress by default", "button"),
                       ("Deny egress by default", "button")):
        npui.wait_for(lambda: in_view(name, role), message=f"{name!r} inside the canvas's view at {size}")

    # The peer with the long selector: a row of a few lines, not a column of words.
    row = npui.wait_for(lambda: next((a for a in npui.find_all(canvas, None)
                                      if a.name and PEER in a.name and a.getRoleName() != "label"
                                      and extents(a).height > 0), None),
                        message="the row of the long peer")
    height = extents(row).height
    npui.log(f"{size}: the long peer's row is {extents(row).width}×{height}")
    if height > 120:
        raise npui.Failure(f"the row of the long peer is {height} px high at {size}")
    # ... and a few lines, not one line cut short: the title wraps to its
    # three lines, so the row is taller than that of a one-line title by
    # two lines at least.
    short = npui.wait_for(lambda: next((a for a in npui.find_all(canvas, None, "Everything in the cluster")
                                        if a.getRoleName() != "label" and extents(a).height > 0), None),
                          message="the row of a one-line title")
    if height < extents(short).height + 24:
        raise npui.Failure(f"the row of the long peer is {height} px high at {size}, the row of a one-line "
                           f"title {extents(short).height} px: its title does not wrap")
    npui.screenshot(f"long-labels-{size}")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-long-")
    try:
        path = os.path.join(folder, "generated.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(LONG)
        with npui.start_app(args=[path]) as app:
            npui.wait_for(lambda: npui.get_text(app.find("entry", "Policy name")).startswith("generated-"),
                          message="the generated policy")
            check(app, "1280x860")
            npui.resize_window(app, 900, 700)
            check(app, "900x700")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    npui.main(test)
