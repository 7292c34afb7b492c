# test_multidoc_save.py: change one policy of a multi-document file; every other document stays byte for byte
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import yaml

import npui

DOCUMENTS = [
    "# The app itself\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}   # flow style\nspec:\n  replicas: 2\n",
    "---\n# first policy\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-ingress\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: {app: web}\n  ingress:\n  - from:\n    - podSelector: {}\n",
    "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-egress\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n",
    "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  port: \"8080\"\n",
]


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "shop.yaml")
    original = "".join(DOCUMENTS)
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)

    with npui.start_app(args=[path]) as app:
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "web-ingress", message="the first policy to be shown")
        npui.set_text(name, "web-from-shop")
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: web-from-shop" in npui.get_text(preview), message="the new name in the preview")
        npui.screenshot("multidoc-save")
        text = npui.save_and_read(preview, path, lambda text: text != original)

    for index in (0, 2, 3):
        if DOCUMENTS[index] not in text:
            raise npui.Failure(f"document {index} is no longer byte-identical:\n{text}")
    changed = list(yaml.safe_load_all(text))[1]
    if changed["metadata"]["name"] != "web-from-shop":
        raise npui.Failure(f"the changed policy was not saved:\n{text}")
    expected = yaml.safe_load(DOCUMENTS[1])
    expected["metadata"]["name"] = "web-from-shop"
    if changed != expected:
        raise npui.Failure(f"the changed policy differs beyond its name:\n{text}")
    npui.log("only the changed document was rewritten")


if __name__ == "__main__":
    npui.main(test)
