# test_canvas_keyboard.py: a rule opens with one click on its visible edit button, and another
# policy of the file shows from its top, not scrolled to where the last one was
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import tempfile
import time

import pyatspi

import npui
from test_layout import extents, shown


def tall_policy(name, n_rules):
    rules = "".join(f"""  - from:
    - podSelector:
        matchLabels:
          app: client-{i}
    ports:
    - port: {8000 + i}
      protocol: TCP
""" for i in range(n_rules))
    return f"""apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {name}
  namespace: default
spec:
  podSelector: {{}}
  policyTypes: [Ingress]
  ingress:
{rules}"""


def top_shows(app):
    """The first card of the ingress column lies inside the canvas's view."""
    canvas = extents(shown(app.accessible, None, "Policy diagram"))
    scroller = extents(shown(app.accessible, None, "Policy diagram").parent)
    add = extents(shown(app.accessible, "button", "Add ingress rule: outside cluster"))
    return add.y >= scroller.y and add.y + add.height <= scroller.y + scroller.height and canvas.height > 0


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-canvas-keys-")
    try:
        path = os.path.join(folder, "two.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(tall_policy("policy-a", 30) + "---\n" + tall_policy("policy-b", 30))

        with npui.start_app(args=[path]) as app:
            name = app.find("entry", "Policy name")
            npui.wait_for(lambda: npui.get_text(name) == "policy-a", message="policy-a to be shown")

            # A visible edit button on each rule's row; one click opens the rule.
            edit = shown(app.accessible, "button", "Edit rule 1")
            tooltip = edit.queryComponent() and edit.description
            npui.log(f"edit button: {npui.describe(edit)} {tooltip!r}")
            npui.click(edit)
            dialog = npui.wait_for(lambda: npui.find_dialog(app, "Cancel"), message="the rule editor")
            npui.screenshot("canvas-edit-rule-1")
            npui.activate(npui.find(dialog, "button", "Cancel"))
            npui.settle_after_closing_window()

            # Scrolled down to the last rules...
            canvas = shown(app.accessible, None, "Policy diagram")
            last = shown(canvas, "button", "Edit rule 30")
            npui.scroll_into_view(last, canvas.parent)
            npui.wait_for(lambda: not top_shows(app), message="the canvas scrolled down")

            # ...another policy of the file shows from its top.
            npui.key_combo("shift", "F9")
            policies = app.find(None, "Policies of the file")
            row = npui.wait_for(lambda: next(iter(npui.find_all(policies, "label", "policy-b")), None),
                                message="policy-b in the list")
            npui.click(row)
            npui.wait_for(lambda: npui.get_text(app.find("entry", "Policy name")) == "policy-b",
                          message="policy-b to be shown")
            time.sleep(0.5)
            npui.wait_for(lambda: top_shows(app), message="policy-b shown from its top")
            npui.screenshot("canvas-other-policy-top")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    npui.main(test)
