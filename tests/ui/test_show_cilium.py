# test_show_cilium.py: the preview shows the policy as a CiliumNetworkPolicy, read-only, and back
# SPDX-License-Identifier: GPL-3.0-or-later

import os

import pyatspi

import npui


def test():
    example = os.path.join(os.environ["NP_EXAMPLES_DIR"], "backend-policy.yaml")
    with npui.start_app(args=[example]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "kind: NetworkPolicy" in npui.get_text(preview), message="the Kubernetes YAML")

        npui.activate(app.find("button", "Show as Cilium"))
        npui.wait_for(lambda: "kind: CiliumNetworkPolicy" in npui.get_text(preview), message="the Cilium YAML")
        yaml = npui.get_text(preview)
        for expected in ("endpointSelector:", "k8s:app: backend", "fromEndpoints:", "k8s:k8s-app: kube-dns"):
            if expected not in yaml:
                raise npui.Failure(f"the Cilium YAML lacks {expected!r}:\n{yaml}")
        if preview.getState().contains(pyatspi.STATE_EDITABLE):
            raise npui.Failure("the converted YAML can be edited")
        # A label is named by its text.
        npui.wait_for(lambda: any("exactly the same" in (label.name or "") for label in app.find_all("label")),
                      message="the conversion note")
        npui.screenshot("show-cilium")

        npui.activate(app.find("button", "Show as Kubernetes"))
        npui.wait_for(lambda: "kind: NetworkPolicy" in npui.get_text(preview), message="the Kubernetes YAML again")
        npui.wait_for(lambda: preview.getState().contains(pyatspi.STATE_EDITABLE), message="the YAML to be editable again")


if __name__ == "__main__":
    npui.main(test)
