# test_yaml_errors.py: broken YAML in the preview is shown as an error and the policy stays; fixed YAML is taken
# SPDX-License-Identifier: GPL-3.0-or-later

import npui

BROKEN = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: broken-name
  namespace: [default
spec:
  podSelector: {}
"""

FIXED = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: fixed-name
  namespace: prod
spec:
  podSelector:
    matchLabels:
      app: api
"""


def test():
    with npui.start_app() as app:
        name = app.find("entry", "Policy name")
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: npui.get_text(name) == "new-policy", message="the new policy")

        npui.set_text(preview, BROKEN)
        error = app.find("label", "YAML error")
        npui.wait_for(lambda: "Line 6" in npui.get_text(error) or "Line 5" in npui.get_text(error),
                      message="the error and its line to be shown")
        npui.log(f"error shown: {npui.get_text(error)}")
        # The label keeps its name while its text changes: found by it again.
        app.find("label", "YAML error", timeout=2)
        if npui.get_text(name) != "new-policy":
            raise npui.Failure("the canvas followed broken YAML")
        npui.screenshot("yaml-error")

        npui.set_text(preview, FIXED)
        npui.wait_for(lambda: npui.get_text(name) == "fixed-name", message="the canvas to follow the fixed YAML")
        npui.wait_for(lambda: npui.get_text(app.find("entry", "Policy namespace")) == "prod",
                      message="the namespace to follow")
        npui.wait_for(lambda: not npui.is_showing(error), message="the error to go away")
        npui.screenshot("yaml-fixed")


if __name__ == "__main__":
    npui.main(test)
