# test_tutorial_steps.py: every "Do it for me" of the tutorial, from a new policy, makes the expected policy
# SPDX-License-Identifier: GPL-3.0-or-later

import yaml

import npui

# The same policy tests/test-tutorial.c expects from the core.
EXPECTED = {
    "apiVersion": "networking.k8s.io/v1",
    "kind": "NetworkPolicy",
    "metadata": {"name": "new-policy", "namespace": "default"},
    "spec": {
        "podSelector": {"matchLabels": {"app": "backend"}},
        "policyTypes": ["Ingress", "Egress"],
        "ingress": [{"from": [{"podSelector": {}}]}],
        "egress": [
            {
                "to": [{
                    "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
                    "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
                }],
                "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
            },
            {"to": [{"podSelector": {}}]},
            {
                "to": [{"ipBlock": {"cidr": "0.0.0.0/0",
                                    "except": ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]}}],
                "ports": [{"protocol": "TCP", "port": 443}],
            },
        ],
    },
}

STEPS = [
    "Choose the pods to protect",
    "Deny everything not allowed",
    "Allow name lookups",
    "Traffic inside the namespace",
    "Traffic to outside the cluster",
]


def row_state(app, title):
    """"Done" or "Not done", read from the step row's accessible name."""
    for node in npui.iter_tree(app.accessible):
        try:
            if node.getRole() == npui.pyatspi.ROLE_LIST_ITEM and node.name.startswith(title + ": "):
                return node.name[len(title) + 2:]
        except Exception:
            continue
    return None


def test():
    with npui.start_app() as app:
        npui.show_side_panel(app)
        npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Tutorial"))
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: new-policy" in npui.get_text(preview), message="the new policy")

        rating = app.find("button", "Policy rating")
        before = npui.wait_for(lambda: rating.description, message="the rating's description")
        npui.log(f"rating of the new policy: {before}")

        for title in STEPS:
            state = npui.wait_for(lambda: row_state(app, title), message=f"the row of {title!r}")
            if state != "Not done":
                raise npui.Failure(f"{title!r} reads {state!r} on a new policy")

        for i, title in enumerate(STEPS):
            npui.activate(app.find("button", f"Do it for me: {title}"))
            npui.wait_for(lambda: row_state(app, title) == "Done", message=f"{title!r} to be marked done")
            # The later steps are not done by this one.
            for later in STEPS[i + 1:]:
                if row_state(app, later) != "Not done":
                    raise npui.Failure(f"{later!r} is marked done after only {title!r}")
            if i == 1:
                npui.screenshot("side-panel-tutorial-steps")
        npui.log("each check mark follows its step")

        def data():
            try:
                return yaml.safe_load(npui.get_text(preview))
            except yaml.YAMLError:
                return None

        npui.wait_for(lambda: data() == EXPECTED,
                      message=f"the preview to hold the tutorial's policy:\n{npui.get_text(preview)}")
        npui.log("every Do it for me together makes the expected policy")
        after = rating.description
        npui.log(f"rating after the steps: {after}")
        if int(after.split()[0]) <= int(before.split()[0]):
            raise npui.Failure(f"the rating did not rise: {before!r} → {after!r}")
        npui.activate(rating)
        npui.time.sleep(0.5)
        npui.screenshot("policy-rating")
        npui.press_keys("Escape")

        # Each step is one undoable change: undo takes the last one back, and
        # its check mark with it.
        npui.activate(app.find("button", "Undo"))
        npui.wait_for(lambda: row_state(app, STEPS[-1]) == "Not done", message="undo to clear the last mark")
        if row_state(app, STEPS[-2]) != "Done":
            raise npui.Failure("undoing the last step cleared an earlier one")
        if "443" in npui.get_text(preview):
            raise npui.Failure("undo left the HTTPS rule in the policy")
        npui.log("undo takes one step back")

        # A lesson opens its example as a new untitled document.
        npui.activate(app.find("button", "Load lesson: Do not forget DNS"))
        npui.click(app.find("button", "Discard"))
        npui.wait_for(lambda: "name: allow-dns" in npui.get_text(preview), message="the lesson's example")
        # Untitled, and a change from the start: closing asks before it goes.
        app.find("frame", "• Untitled — Network Policy Editor")
        npui.log("a lesson opens its example untitled")


if __name__ == "__main__":
    npui.main(test)
