# test_changed_on_disk.py: the editor follows a file rewritten by another program, and asks when it has edits
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import npui

POLICY = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {name}
  namespace: shop
spec:
  podSelector:
    matchLabels: {{app: web}}
  ingress:
  - from:
    - podSelector: {{}}
"""

OTHER = """---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
"""


def rewrite(path, text):
    """Replaces the file as editors and kubectl-like tools do: write a new
    file, rename it over the old one."""
    temp = path + ".tmp"
    with open(temp, "w", encoding="utf-8") as f:
        f.write(text)
    os.rename(temp, path)


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "shop.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(OTHER.lstrip("-\n") + "---\n" + POLICY.format(name="web"))

    with npui.start_app(args=[path]) as app:
        # Select the second policy: the reload must keep it selected.
        sidebar = app.find("button", "Show policies of the file")
        if not npui.is_checked(sidebar):
            npui.click(sidebar)
        npui.click(app.find("label", "web"))
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "web", message="the web policy to be shown")
        preview = app.find("text", "YAML preview")

        # No local edits: the change on disk simply shows.
        rewrite(path, OTHER.lstrip("-\n") + "---\n" + POLICY.format(name="web").replace("app: web", "app: web-v2"))
        npui.wait_for(lambda: "app: web-v2" in npui.get_text(preview), timeout=15,
                      message="the preview to follow the file on disk")
        if npui.get_text(name) != "web":
            raise npui.Failure(f"the reload selected {npui.get_text(name)!r} instead of web")
        npui.screenshot("changed-on-disk-reloaded")

        # With local edits: the editor asks.
        npui.set_text(name, "web-mine")
        npui.wait_for(lambda: "name: web-mine" in npui.get_text(preview), message="the local edit")
        rewrite(path, POLICY.format(name="web-theirs"))
        reload_button = app.find("button", "Reload from Disk", timeout=15)
        app.find("button", "Keep My Changes")
        npui.screenshot("changed-on-disk-question")
        npui.click(reload_button)
        npui.wait_for(lambda: "name: web-theirs" in npui.get_text(preview), timeout=15,
                      message="the preview to show the file from disk after Reload")
        if "web-mine" in npui.get_text(preview):
            raise npui.Failure("the local edit survived Reload from Disk")

        # Again, keeping the local edits this time: nothing on disk changes.
        npui.set_text(name, "web-kept")
        npui.wait_for(lambda: "name: web-kept" in npui.get_text(preview), message="the second local edit")
        rewrite(path, POLICY.format(name="web-third"))
        npui.click(app.find("button", "Keep My Changes", timeout=15))
        npui.wait_for(lambda: not app.find_all("button", "Reload from Disk"), message="the question to close")
        if "name: web-kept" not in npui.get_text(preview):
            raise npui.Failure("Keep My Changes lost the local edit")
        with open(path, encoding="utf-8") as f:
            if "name: web-third" not in f.read():
                raise npui.Failure("keeping the changes wrote the file")

        # Deleted underneath: the document stays, with a note.
        os.unlink(path)
        npui.wait_for(lambda: any("was deleted on disk" in (label.name or "")
                                  for label in app.find_all("label")),
                      timeout=15, message="the note that the file was deleted")
        if "name: web-kept" not in npui.get_text(preview):
            raise npui.Failure("the document changed when its file was deleted")
        npui.screenshot("changed-on-disk-deleted")
        frame = app.accessible.getChildAtIndex(0)
        if not (frame.name or "").startswith("• shop.yaml"):
            raise npui.Failure(f"the document is not marked modified after its file was deleted: {frame.name!r}")

        # Saving brings the file back and retires the note.
        npui.save_and_read(preview, path, lambda text: "name: web-kept" in text,
                           message="the document to be saved again")
        npui.wait_for(lambda: not any("was deleted on disk" in (label.name or "")
                                      for label in app.find_all("label")),
                      message="the note about the deleted file to go")
        npui.wait_for(lambda: (frame.name or "").startswith("shop.yaml"),
                      message="the title to show the document saved")


if __name__ == "__main__":
    npui.main(test)
