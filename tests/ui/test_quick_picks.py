# test_quick_picks.py: policies picked one after another faster than the canvas is drawn: the canvas
# follows in a frame of its own, marked busy while it still shows the policy before, and in the end
# shows the last one picked, as the YAML preview does; kinds mixed, so its rows are put away and reused
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile
import time

import npui

N_POLICIES = 300


def large_file():
    documents = []
    for i in range(N_POLICIES):
        if i % 5 == 2:
            documents.append("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n"
                             f"metadata:\n  name: cilium-{i}\n  namespace: ns-{i % 3}\n"
                             f"spec:\n  endpointSelector:\n    matchLabels:\n      app: app-{i}\n"
                             f"  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        peer: peer-{i}\n")
            continue
        documents.append("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                         f"metadata:\n  name: policy-{i}\n  namespace: ns-{i % 3}\n"
                         "spec:\n  podSelector:\n    matchLabels:\n"
                         f"      app: app-{i}\n  ingress:\n  - from:\n    - podSelector:\n"
                         f"        matchLabels:\n          peer: peer-{i}\n")
    return "---\n".join(documents)


def busy(accessible):
    try:
        return accessible.getState().contains(npui.pyatspi.STATE_BUSY)
    except Exception:
        return False


def peer_shown(app, peer):
    """Whether a row of the canvas names @peer (rows put away have no name)."""
    for node in npui.find_all(app.accessible, {npui.pyatspi.ROLE_LIST_ITEM}):
        try:
            if f"peer={peer} " in (node.name or ""):
                return True
        except Exception:
            continue
    return False


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "picks.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(large_file())

    with npui.start_app(args=[path]) as app:
        name = app.find("entry", "Policy name")
        preview = app.find("text", "YAML preview")
        canvas = app.find(None, "Policy canvas")
        npui.wait_for(lambda: npui.get_text(name) == "policy-0", message="the first policy to be shown")
        npui.key_combo("shift", "F9")
        policies = app.find(None, "Policies of the file")
        row = npui.wait_for(lambda: next(iter(npui.find_all(policies, "label", "policy-1")), None),
                            message="policy-1 in the list")
        npui.click(row)
        npui.wait_for(lambda: npui.get_text(name) == "policy-1", message="policy-1 to be shown")
        npui.wait_for(lambda: not busy(canvas), message="the canvas to show policy-1")

        # Down, faster than frames, over NetworkPolicies and Cilium policies:
        # policy-1 → policy-13 (rows 2 to 13; 2, 7 and 12 are Cilium ones).
        # Whenever the canvas's policy name is not the one the YAML shows,
        # the canvas says it is busy (it still holds the last picture).
        mismatches = []
        for _ in range(12):
            npui.press_keys("Down")
            shown = npui.get_text(name)
            text = npui.get_text(preview)
            if f"name: {shown}\n" not in text and not busy(canvas) and npui.is_showing(name):
                mismatches.append(shown)
        npui.wait_for(lambda: "name: policy-13\n" in npui.get_text(preview),
                      message="the YAML preview to show the last policy picked, policy-13")
        npui.wait_for(lambda: npui.get_text(name) == "policy-13",
                      message="the canvas to show the last policy picked, policy-13")
        npui.wait_for(lambda: not busy(canvas), message="the canvas no longer marked busy")
        npui.wait_for(lambda: peer_shown(app, "peer-13"), message="the canvas's peer row of policy-13")
        for before in ("peer-11", "peer-12"):
            if peer_shown(app, before):
                raise npui.Failure(f"{before}, a peer of a policy picked before, is still on the canvas")
        if mismatches:
            raise npui.Failure(f"the canvas showed {mismatches} as current while the YAML showed another policy")

        # A Cilium policy last: its own canvas, and back.
        npui.press_keys("Up")
        npui.press_keys("Down")
        npui.press_keys("Down")
        npui.wait_for(lambda: "name: cilium-12\n" not in npui.get_text(preview)
                      and "name: policy-14\n" in npui.get_text(preview), message="policy-14 in the YAML")
        npui.wait_for(lambda: npui.get_text(name) == "policy-14" and not busy(canvas),
                      message="the canvas to show policy-14")
        time.sleep(0.3)
        npui.screenshot("quick-picks")
    npui.log("quick picks end on the last policy, in the YAML and on the canvas")


if __name__ == "__main__":
    npui.main(test)
