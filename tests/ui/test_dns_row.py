# test_dns_row.py: the Kubernetes DNS row says what the policy allows; a rule to kube-dns the
# switch cannot express is an item of its own; turning the switch off says what it removed and
# one undo brings it back
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui

# A rule to kube-dns on UDP 53 only: the switch's rule is UDP and TCP 53.
UDP_ONLY = """\
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: lookups
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - protocol: UDP
      port: 53
"""

BOTH = "kube-dns in kube-system on UDP and TCP 53"
UDP = "kube-dns in kube-system on UDP 53 only"


def labels(app):
    return {label.name for label in npui.find_all(app.accessible, "label")}


def dns_row(app):
    """What the Kubernetes DNS row says: its accessible description (the
    row is named by its title; the subtitle and verdict are its description)."""
    row = npui.wait_for(lambda: next((a for a in npui.find_all(app.accessible, None, "Kubernetes DNS")
                                      if a.getRoleName() == "list item"), None),
                        message="the Kubernetes DNS row")
    return row.description or ""


def dns_switch(app):
    return npui.wait_for(lambda: next((a for a in npui.find_all(app.accessible, None, "Allow DNS to kube-dns")
                                       if a.getRoleName() != "label"), None),
                         message="the DNS switch")


def scrolled_area(accessible):
    """The scrolled window @accessible is in."""
    node = accessible.parent
    while node is not None and node.getRole() != npui.pyatspi.ROLE_SCROLL_PANE:
        node = node.parent
    if node is None:
        raise npui.Failure(f"{npui.describe(accessible)} is in no scrolled window")
    return node


def show_dns_row(app):
    row = next(a for a in npui.find_all(app.accessible, None, "Kubernetes DNS") if a.getRoleName() == "list item")
    npui.scroll_into_view(row, scrolled_area(row))


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "lookups.yaml")
    with open(path, "w", encoding="utf-8") as file:
        file.write(UDP_ONLY)

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: lookups" in npui.get_text(preview), message="the policy")
        switch = dns_switch(app)

        # The row reads what the rule allows, and the rule stays the user's.
        npui.wait_for(lambda: dns_row(app).startswith(UDP), message=f"the DNS row to read {UDP!r}")
        npui.log(f"the DNS row reads {dns_row(app)!r}")
        if npui.is_checked(switch):
            raise npui.Failure("the DNS switch is on for a rule it cannot express")
        # Its own item, with its own remove button.
        app.find("button", "Remove rule 1")
        app.find({npui.pyatspi.ROLE_LIST_ITEM}, "Pods labelled k8s-app=kube-dns in the namespace kube-system")
        show_dns_row(app)
        npui.screenshot("dns-row-udp-only")

        # The switch adds its own rule beside the user's.
        npui.activate(switch)
        npui.wait_for(lambda: npui.get_text(preview).count("port: 53") == 3,
                      message="the switch's rule (UDP and TCP 53) beside the user's")
        npui.wait_for(lambda: dns_row(app).startswith(BOTH), message=f"the DNS row to read {BOTH!r}")
        npui.wait_for(lambda: npui.is_checked(switch), message="the switch on")

        # Off again: only the switch's rule goes, and a toast says which.
        npui.activate(switch)
        npui.wait_for(lambda: npui.get_text(preview).count("port: 53") == 1,
                      message="the switch's rule removed, the user's kept")
        toast = "Removed egress rule 2: to kube-dns in kube-system on UDP and TCP 53. Undo brings it back."
        npui.wait_for(lambda: toast in labels(app), message="the toast naming the removed rule")
        npui.screenshot("dns-row-removed")
        if "protocol: UDP" not in npui.get_text(preview):
            raise npui.Failure("the user's UDP rule went too:\n" + npui.get_text(preview))

        # One undo brings it back.
        npui.click(app.find("button", "Undo"))
        npui.wait_for(lambda: npui.get_text(preview).count("port: 53") == 3, message="undo to bring the rule back")
        npui.wait_for(lambda: npui.is_checked(switch), message="the switch on after undo")
        npui.click(app.find("button", "Undo"))
        npui.wait_for(lambda: npui.get_text(preview).count("port: 53") == 1, message="the second undo")
        npui.wait_for(lambda: dns_row(app).startswith(UDP), message="the row back to UDP only")


if __name__ == "__main__":
    npui.main(test)
