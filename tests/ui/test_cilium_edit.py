# test_cilium_edit.py: the Cilium canvas draws an edge per item with the core's verdict, edits an item
# in place as one undo step, and shows every rule of a policy with several
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui

POLICY = """\
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: two-rules
  namespace: prod
specs:
  - endpointSelector:
      matchLabels:
        app: web
    ingress:
      - fromEntities:
          - host
        toPorts:
          - ports:
              - port: "80"
                protocol: TCP
    ingressDeny:
      - fromCIDR:
          - 192.0.2.0/24
    egress:
      - toEntities:
          - world
  - endpointSelector:
      matchLabels:
        app: db
    ingress:
      - fromEndpoints:
          - matchLabels:
              app: web
        toPorts:
          - ports:
              - port: "5432"
                protocol: TCP
"""


def item(app, name):
    """The item row named @name on the Cilium canvas."""
    canvas = app.find(None, "Cilium policy canvas")
    return npui.wait_for(lambda: next((a for a in npui.find_all(canvas, None, name)
                                       if a.getRoleName() not in ("label", "push button")), None),
                         message=f"the item {name!r} on the Cilium canvas")


def check_verdict(app, name, expected):
    row = item(app, name)
    npui.wait_for(lambda: row.description == expected,
                  message=f"{name!r} described as {expected!r} (is {row.description!r})")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "two-rules.yaml")
    with open(path, "w", encoding="utf-8") as out:
        out.write(POLICY)

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "two-rules" in npui.get_text(preview), message="the policy")

        # Edges: each item's verdict comes from the core (a deny item is denied).
        check_verdict(app, "host", "Allowed")
        check_verdict(app, "Deny: 192.0.2.0/24", "Denied")
        check_verdict(app, "world", "Allowed")
        npui.screenshot("cilium-edges-compact")
        # Room for three columns, and edges between them.
        side_panel = app.find("button", "Side panel")
        show_preview = app.find("button", "Show YAML preview")
        npui.activate(side_panel)
        npui.activate(show_preview)
        npui.wait_for(lambda: not npui.is_checked(side_panel) and not npui.is_checked(show_preview),
                      message="the side panel and the preview hidden")
        policies = app.find("button", "Show policies of the file")
        if npui.is_checked(policies):
            npui.activate(policies)
        npui.screenshot("cilium-edges")
        npui.activate(side_panel)
        npui.activate(show_preview)
        npui.wait_for(lambda: npui.is_checked(side_panel) and npui.is_checked(show_preview),
                      message="the side panel and the preview back")
        npui.log("the items carry the verdicts of their edges")


if __name__ == "__main__":
    npui.main(test)
