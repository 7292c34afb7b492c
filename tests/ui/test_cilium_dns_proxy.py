# test_cilium_dns_proxy.py: "Inspect DNS queries (DNS proxy)" on a UDP-only kube-dns rule adds
# the proxy's dns rule and keeps the rule UDP-only; the Kubernetes DNS option says so
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import yaml

import npui

UDP_ONLY = """\
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: lookups
  namespace: shop
spec:
  endpointSelector: {}
  egress:
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s:k8s-app: kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: UDP
"""


def find_shown(app, name):
    """The control named @name on the Cilium canvas (the Kubernetes canvas,
    hidden, has controls of the same names)."""
    canvas = app.find(None, "Cilium policy canvas")
    return npui.wait_for(lambda: next((a for a in npui.find_all(canvas, None, name)
                                       if a.getRoleName() != "label"), None),
                         message=f"{name!r} on the Cilium canvas")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "lookups.yaml")
    with open(path, "w", encoding="utf-8") as file:
        file.write(UDP_ONLY)

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: lookups" in npui.get_text(preview), message="the policy")
        dns = find_shown(app, "Kubernetes DNS")
        proxy = find_shown(app, "Inspect DNS queries (DNS proxy)")
        npui.wait_for(lambda: npui.is_checked(dns), message="Kubernetes DNS on for the kube-dns rule")
        # The option says what the rule allows: UDP only.
        said = dns.description or ""
        npui.log(f"Kubernetes DNS: {said!r}")
        if "53/UDP" not in said or "TCP" in said:
            raise npui.Failure(f"the Kubernetes DNS option misstates the UDP-only rule: {said!r}")

        # GTK 4.8 gives check boxes no AT-SPI action, so they are clicked, and
        # a click needs the box on screen.
        npui.wait_for(lambda: npui.is_sensitive(proxy), message="the DNS proxy option")
        npui.scroll_into_view(proxy, app.find(None, "Cilium policy canvas").parent)
        npui.activate(proxy)
        npui.wait_for(lambda: "matchPattern" in npui.get_text(preview), message="the DNS proxy rule")
        npui.screenshot("cilium-dns-proxy-udp")

        data = yaml.safe_load(npui.get_text(preview))
        port_rules = data["spec"]["egress"][0]["toPorts"]
        if port_rules != [{"ports": [{"port": "53", "protocol": "UDP"}], "rules": {"dns": [{"matchPattern": "*"}]}}]:
            raise npui.Failure(f"the DNS proxy changed the rule's ports: {port_rules}")
        said = npui.wait_for(lambda: "(DNS proxy)" in (dns.description or "") and dns.description,
                             message="the option to mention the proxy")
        if "TCP" in said:
            raise npui.Failure(f"the Kubernetes DNS option claims TCP: {said!r}")

        # Off again: the rule as it was written.
        npui.activate(proxy)
        npui.wait_for(lambda: "matchPattern" not in npui.get_text(preview), message="the DNS proxy rule removed")
        data = yaml.safe_load(npui.get_text(preview))
        if data["spec"]["egress"][0]["toPorts"] != [{"ports": [{"port": "53", "protocol": "UDP"}]}]:
            raise npui.Failure(f"the rule is not back as written: {data['spec']['egress']}")


if __name__ == "__main__":
    npui.main(test)
