# test_cilium_save.py: open a file holding Cilium policies, remove one item on the canvas, save:
# every other document stays byte for byte
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import yaml

import npui
from test_cilium_canvas import find_shown


def test():
    corpus = os.path.join(os.environ["NP_SHARED_DIR"], "corpus", "cilium", "examples")
    with open(os.path.join(corpus, "l3", "egress-deny", "egress-deny.yaml"), encoding="utf-8") as f:
        deny = f.read()
    with open(os.path.join(corpus, "l3", "entities", "host.yaml"), encoding="utf-8") as f:
        entities = f.read()
    documents = [
        "# a Kubernetes policy first: the window opens on it\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
        "metadata: {name: web, namespace: shop}\nspec:\n  podSelector: {}\n",
        "---\n" + (deny if deny.endswith("\n") else deny + "\n"),
        "---\n# settings, kept as written\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata:\n  port: \"8080\"\n",
        "---\n" + (entities if entities.endswith("\n") else entities + "\n"),
    ]
    original = "".join(documents)
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "cilium.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "kind: NetworkPolicy" in npui.get_text(preview), message="the Kubernetes policy")
        # Pick the Cilium policy in "Policies of the file".
        sidebar = app.find("button", "Show policies of the file")
        if not npui.is_checked(sidebar):
            npui.activate(sidebar)
        policies = app.find(None, "Policies of the file")
        row = npui.wait_for(lambda: next((label for label in npui.find_all(policies, "label", "deny-egress-example")), None),
                            message="the Cilium policy in the list")
        npui.click(row)
        npui.wait_for(lambda: "deny-egress-example" in npui.get_text(preview), message="the Cilium policy shown")
        # The deny item is on the canvas, in red, and goes with one click.
        remove = find_shown(app, "Remove Deny: role=backend")
        npui.screenshot("cilium-deny")
        npui.activate(remove)
        npui.wait_for(lambda: "egressDeny" not in npui.get_text(preview), message="the deny rule to go")
        text = npui.save_and_read(preview, path, lambda text: text != original)

    for index in (0, 2, 3):
        if documents[index] not in text:
            raise npui.Failure(f"document {index} is no longer byte-identical:\n{text}")
    changed = list(yaml.safe_load_all(text))[1]
    expected = yaml.safe_load(documents[1])
    del expected["spec"]["egressDeny"]
    if changed != expected:
        raise npui.Failure(f"the changed policy differs beyond the removed item:\n{text}")
    npui.log("only the changed Cilium policy was rewritten")


if __name__ == "__main__":
    npui.main(test)
