# test_other_side.py: the test traffic page says when an egress rule's destination does not let the traffic in
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import tempfile

import npui

CLUSTER = """apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: x, ports: [{containerPort: 5432}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
"""

EDITED = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
    ports: [{port: 5432}]
"""


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-cluster-")
    try:
        os.mkdir(os.path.join(folder, "cluster"))
        with open(os.path.join(folder, "cluster", "cluster.yaml"), "w", encoding="utf-8") as f:
            f.write(CLUSTER)
        edited = os.path.join(folder, "web-out.yaml")
        with open(edited, "w", encoding="utf-8") as f:
            f.write(EDITED)

        with npui.start_app(args=[edited]) as app:
            npui.show_side_panel(app)
            npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Test Traffic"))
            entry = app.find("entry", "Cluster folder")
            npui.set_text(entry, os.path.join(folder, "cluster"))
            npui.activate_entry(entry)
            warning = npui.wait_for(lambda: npui.find_label(app.accessible, lambda t: "the other side does not allow this" in t),
                                    message="the warning about db's ingress")
            if "shop/web[Deployment] → shop/db[Deployment] TCP 5432" not in warning.name:
                raise npui.Failure(f"the warning names the wrong connection: {warning.name}")
            npui.log(f"warning: {warning.name}")

            npui.set_text(app.find("entry", "Source"), "shop/web")
            npui.set_text(app.find("entry", "Destination"), "shop/db")
            npui.set_text(app.find("entry", "Port"), "5432")
            npui.wait_for(lambda: npui.find_label(app.accessible, lambda t: t == "Denied"), message="the verdict Denied")
            # Files of the cluster folder are named relative to it.
            npui.wait_for(lambda: npui.find_label(app.accessible, lambda t: "\n    cluster.yaml:" in t),
                          message="cluster.yaml named relative to the folder")
            npui.screenshot("side-panel-traffic-other-side")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    npui.main(test)
