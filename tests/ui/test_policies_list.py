# test_policies_list.py: the sidebar's list of a large file's policies: pick, rename, keys, other documents
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui

N_POLICIES = 600
N_LEADING = 200


def large_file():
    # Enough other documents before the first policy that the list must
    # scroll to show the policy being edited.
    documents = [f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i}\n" for i in range(N_LEADING)]
    for i in range(3):
        documents.append(f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-{i}\n")
    for i in range(N_POLICIES):
        documents.append("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                         f"metadata:\n  name: policy-{i}\n  namespace: ns-{i % 3}\n"
                         "spec:\n  podSelector:\n    matchLabels:\n"
                         f"      app: app-{i}\n  ingress:\n  - from:\n    - podSelector: {{}}\n")
    return "---\n".join(documents)


def shown_names(policies):
    return [label.name for label in npui.find_all(policies, "label")]


def on_screen(policies, text):
    """The label @text of the list once it has its place (the sidebar slides
    in), turning the mouse wheel down until the list has made its row."""
    def placed():
        label = next(iter(npui.find_all(policies, "label", text)), None)
        if label is None:
            shown = policies.queryComponent().getExtents(npui.pyatspi.WINDOW_COORDS)
            npui.pyatspi.Registry.generateMouseEvent(shown.x + shown.width // 2, shown.y + shown.height // 2, "b5c")
            return None
        npui.scroll_into_view(label, policies)
        extents = label.queryComponent().getExtents(npui.pyatspi.WINDOW_COORDS)
        return label if extents.width > 0 and extents.height > 0 else None
    return npui.wait_for(placed, message=f"{text!r} in the list, on screen")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "large.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(large_file())

    with npui.start_app(args=[path]) as app:
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "policy-0", message="the first policy to be shown")

        # Shift+F9 shows the sidebar; its list names policies and the other documents.
        npui.key_combo("shift", "F9")
        policies = app.find(None, "Policies of the file")
        # The list opens scrolled to the policy being edited.
        first = npui.wait_for(lambda: next(iter(npui.find_all(policies, "label", "policy-0")), None),
                              message="policy-0 among the rows made")
        box = policies.queryComponent().getExtents(npui.pyatspi.WINDOW_COORDS)

        def inside():
            extents = first.queryComponent().getExtents(npui.pyatspi.WINDOW_COORDS)
            return (extents.height > 0 and extents.y >= box.y
                    and extents.y + extents.height <= box.y + box.height)
        npui.wait_for(inside, message="the list to show policy-0 without being scrolled by hand")
        names = shown_names(policies)
        for expected in ("ConfigMap cm-199", "Namespace ns-0", "policy-0", "ns-0"):
            if expected not in names:
                raise npui.Failure(f"{expected!r} is not in the list: {names[:40]}")
        row = on_screen(policies, "policy-3")
        npui.screenshot("policies-list-large")

        # A click picks a policy.
        npui.click(row)
        npui.wait_for(lambda: npui.get_text(name) == "policy-3", message="policy-3 to be shown")

        # The arrow keys move through the list, and the editor follows.
        npui.press_keys("Down")
        npui.wait_for(lambda: npui.get_text(name) == "policy-4", message="Down to show policy-4")
        npui.press_keys("Up")
        npui.wait_for(lambda: npui.get_text(name) == "policy-3", message="Up to show policy-3 again")

        # Another kind of document is shown, but not picked.
        npui.click(on_screen(policies, "Namespace ns-1"))
        npui.wait_for(lambda: npui.get_text(name) == "policy-3", message="policy-3 to stay shown")

        # The list shows the policy's new name as it is typed.
        npui.set_text(name, "renamed-3")
        npui.wait_for(lambda: "renamed-3" in shown_names(policies), message="the new name in the list")
        if "policy-3" in shown_names(policies):
            raise npui.Failure("the old name is still in the list")
    npui.log("the list of 600 policies picks, follows the keys and the new name")


if __name__ == "__main__":
    npui.main(test)
