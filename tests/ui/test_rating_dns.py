# test_rating_dns.py: the rating of a policy that blocks DNS does not claim "name lookups go to
# kube-dns only", and says so; allowing DNS with the switch meets the criterion
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui

DENY_ALL = """\
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
"""

BLOCKED = "No rule allows name lookups (port 53) to kube-dns: the pods cannot resolve names."
LIMITED = "Name lookups (port 53) go to kube-dns only."


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "deny-all.yaml")
    with open(path, "w", encoding="utf-8") as file:
        file.write(DENY_ALL)

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: deny-all" in npui.get_text(preview), message="the policy")
        rating = app.find("button", "Policy rating")

        # `netpol rate` says 10 of 12 points (4/5) for this policy: dns-limited is not met.
        said = npui.wait_for(lambda: "points" in (rating.description or "") and rating.description,
                             message="the rating's description")
        npui.log(f"rating of deny-all: {said}")
        if "(10 of 12 points)" not in said:
            raise npui.Failure(f"the rating of a policy that blocks DNS: {said!r}")
        npui.activate(rating)
        npui.wait_for(lambda: any(label.name == BLOCKED for label in npui.find_all(app.accessible, "label")),
                      message="the reason in the rating's popover")
        if any(label.name == LIMITED for label in npui.find_all(app.accessible, "label")):
            raise npui.Failure("the popover says name lookups go to kube-dns only")
        npui.screenshot("rating-dns-blocked")
        npui.press_keys("Escape")

        # Allow DNS to kube-dns: the criterion is met.
        switch = npui.wait_for(lambda: next((a for a in npui.find_all(app.accessible, None, "Allow DNS to kube-dns")
                                             if a.getRoleName() != "label"), None),
                               message="the DNS switch")
        npui.activate(switch)
        npui.wait_for(lambda: "k8s-app: kube-dns" in npui.get_text(preview), message="the DNS rule")
        npui.log(f"rating after allowing DNS: {rating.description}")
        npui.wait_for(lambda: "(13 of 13 points)" in (rating.description or ""),
                      message="the rating after allowing DNS")


if __name__ == "__main__":
    npui.main(test)
