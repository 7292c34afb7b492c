# test_cilium_kind_switch.py: switching a policy to a kind that cannot say everything asks first;
# Cancel keeps it, Convert changes it as one undo step
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui
from test_cilium_canvas import choose

POLICY = """apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: api-client
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: client
  egress:
  - toFQDNs:
    - matchName: api.example.com
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
  - toEndpoints:
    - matchLabels:
        app: db
"""


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "client.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(POLICY)

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "toFQDNs" in npui.get_text(preview), message="the Cilium policy")

        # A NetworkPolicy has no DNS names (np-convert's loss list): ask, Cancel keeps all.
        choose(app.accessible, "Policy kind", "Kubernetes NetworkPolicy")
        dialog = npui.wait_for(lambda: npui.find_dialog(app, "Convert"), message="the question about the loss")
        if not any("DNS name" in (label.name or "") for label in npui.find_all(dialog, "label")):
            raise npui.Failure("the question does not say that the DNS name is lost:\n" + npui.dump(dialog))
        npui.screenshot("cilium-kind-loss")
        npui.activate(npui.find(dialog, "button", "Cancel"))
        npui.settle_after_closing_window()
        npui.wait_for(lambda: npui.find_dialog(app, "Convert") is None, message="the question to close")
        if "kind: CiliumNetworkPolicy" not in npui.get_text(preview):
            raise npui.Failure("Cancel changed the policy:\n" + npui.get_text(preview))
        kind = app.find(None, "Policy kind")
        npui.wait_for(lambda: any(label.name == "CiliumNetworkPolicy" for label in npui.find_all(kind, "label")
                                  if label.parent.parent.getRoleName() != "list item"),
                      message="the drop-down to show the kind again")

        # Convert: the DNS name goes, the pods stay.
        choose(app.accessible, "Policy kind", "Kubernetes NetworkPolicy")
        dialog = npui.wait_for(lambda: npui.find_dialog(app, "Convert"), message="the question again")
        npui.activate(npui.find(dialog, "button", "Convert"))
        npui.settle_after_closing_window()
        npui.wait_for(lambda: "kind: NetworkPolicy" in npui.get_text(preview), message="the Kubernetes policy")
        text = npui.get_text(preview)
        if "api.example.com" in text or "app: db" not in text:
            raise npui.Failure(f"the conversion kept the wrong things:\n{text}")

        # One undo brings the Cilium policy back, DNS name and all.
        npui.click(preview)
        npui.key_combo("control", "z")
        npui.wait_for(lambda: "toFQDNs" in npui.get_text(preview), message="undo to bring the Cilium policy back")
        npui.log("the lossy switch asked first, and undo restored the Cilium policy")


if __name__ == "__main__":
    npui.main(test)
