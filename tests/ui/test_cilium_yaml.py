# test_cilium_yaml.py: the YAML of a Cilium policy is editable: broken text shows the error and keeps
# the policy, valid text reaches the canvas, and undo takes it back
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui
from test_cilium_canvas import find_shown

POLICY = """apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: web
  ingress:
  - fromEntities:
    - host
"""

BROKEN = POLICY.replace("    - host\n", "    - [host\n")

EDITED = POLICY + """  egress:
  - toEntities:
    - world
"""


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "web.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(POLICY)

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "fromEntities" in npui.get_text(preview), message="the Cilium policy")
        find_shown(app, "Remove host")

        # Broken text: the error, with its line; the canvas keeps the policy.
        npui.set_text(preview, BROKEN)
        error = app.find("label", "YAML error")
        npui.wait_for(lambda: "Line 1" in npui.get_text(error), message="the error and its line")
        npui.log(f"error shown: {npui.get_text(error)}")
        find_shown(app, "Remove host")

        npui.set_text(preview, EDITED)
        find_shown(app, "Remove world")
        npui.wait_for(lambda: not npui.is_showing(error), message="the error to go away")
        npui.screenshot("cilium-yaml-edited")

        npui.key_combo("control", "z")
        npui.wait_for(lambda: "toEntities" not in npui.get_text(preview), message="undo to take the edit back")


if __name__ == "__main__":
    npui.main(test)
