# test_traffic_fqdn.py: test traffic to a DNS name (Cilium toFQDNs) gives the verdict
# `netpol explain --to NAME` gives, for a Cilium file opened from the command line
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import tempfile

import npui
from nptraffic import settled

CLUSTER = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx
"""

POLICY = """\
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: to-api
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: web
  egress:
  - toFQDNs:
    - matchName: api.example.com
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
"""

# (destination, port): the verdicts come from `netpol explain`, and must be
# these.
CASES = [
    ("api.example.com", "443", "Allowed"),
    ("api.example.com", "80", "Denied"),
    ("www.example.com", "443", "Denied"),
]


def explain(cluster, policy, destination, port):
    """What `netpol explain` says about shop/web → @destination TCP @port."""
    netpol = os.path.join(os.path.dirname(os.path.dirname(os.environ["NETPOL_EDITOR"])), "cli", "netpol")
    run = subprocess.run([netpol, "explain", "--from", "shop/web", "--to", destination, "--port", f"{port}/TCP",
                          cluster, policy], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise npui.Failure(f"netpol explain failed ({run.returncode}): {run.stderr}")
    return "Allowed" if run.returncode == 0 else "Denied"


def page_of(app):
    """The Test Traffic page: the Cilium canvas has "Allowed" and "Denied"
    labels of its own, so the verdict is looked up on the page only."""
    node = app.find("entry", "Source")
    while node is not None and npui.find_label(node, lambda t: t.startswith("Egress of the source")) is None:
        node = node.parent
    return node


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    cluster = os.path.join(folder, "cluster")
    os.mkdir(cluster)
    with open(os.path.join(cluster, "web.yaml"), "w", encoding="utf-8") as file:
        file.write(CLUSTER)
    policy = os.path.join(folder, "to-api.yaml")
    with open(policy, "w", encoding="utf-8") as file:
        file.write(POLICY)

    with npui.start_app(args=[policy]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: to-api" in npui.get_text(preview), message="the Cilium policy")
        npui.show_side_panel(app)
        npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Test Traffic"))
        folder_entry = app.find("entry", "Cluster folder")
        npui.set_text(folder_entry, cluster)
        npui.activate_entry(folder_entry)
        npui.wait_for(lambda: npui.find_label(app.accessible, lambda t: "read from the folder" in t),
                      message="the cluster folder to be read")
        npui.set_text(app.find("entry", "Source"), "shop/web")

        for destination, port, expected in CASES:
            said = explain(cluster, policy, destination, port)
            if said != expected:
                raise npui.Failure(f"netpol explain: shop/web → {destination} {port}/TCP is {said}, "
                                   f"expected {expected}")
            npui.set_text(app.find("entry", "Destination"), destination)
            npui.set_text(app.find("entry", "Port"), port)
            page = npui.wait_for(lambda: page_of(app), message="the Test Traffic page's verdict")
            got, explanation = npui.wait_for(lambda: settled(page), message=f"a verdict for {destination}")
            npui.log(f"shop/web → {destination} {port}/TCP: page {got}, netpol explain {said}")
            if got != said:
                raise npui.Failure(f"the page says {got} for shop/web → {destination} {port}/TCP, "
                                   f"netpol explain says {said}:\n{explanation}")
            if destination == "api.example.com" and port == "443":
                if "toFQDNs" not in explanation:
                    raise npui.Failure(f"the page does not name the toFQDNs rule:\n{explanation}")
                npui.screenshot("traffic-fqdn")


if __name__ == "__main__":
    npui.main(test)
