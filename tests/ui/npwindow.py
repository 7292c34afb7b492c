# npwindow.py: helpers of the tests about the window's documents (titles, files, dialogs)
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import os
import signal
import tempfile

import npui

SUFFIX = " — Network Policy Editor"

# A small policy, and its text half-way through typing (half a flow
# mapping: it does not parse), for the tests of typed text.
WEB_POLICY = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
"""
WEB_HALF_TYPED = WEB_POLICY.replace("matchLabels: {app: web}", "matchLabels: {app: web, tier: fro")


def window_title(app):
    """The main window's title ("• name — Network Policy Editor" when it has
    unsaved changes), or ""."""
    for i in range(app.accessible.childCount):
        window = app.accessible.getChildAtIndex(i)
        try:
            if window is not None and window.getRole() == npui.pyatspi.ROLE_FRAME and window.name.endswith(SUFFIX):
                return window.name
        except Exception:
            continue
    return ""


def is_marked(app):
    return window_title(app).startswith("• ")


def write_file(text, name="policy.yaml"):
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def read_file(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def find_text(app, fragment):
    """A label anywhere in the application whose name or text holds @fragment."""
    def lookup():
        for node in npui.iter_tree(app.accessible):
            try:
                if node.getRole() != npui.pyatspi.ROLE_LABEL:
                    continue
                if fragment in (node.name or "") or fragment in npui.get_text(node):
                    return node
            except Exception:
                continue
        return None
    return npui.wait_for(lookup, message=f"a label saying {fragment!r}")


def kill_once_recovered(app, recovery_dir, marker, message="the recovery file"):
    """Waits until a recovery file in @recovery_dir holds @marker, then
    kills the editor as a crash would (SIGKILL: no chance to save)."""
    def recovery_written():
        for candidate in glob.glob(os.path.join(recovery_dir, "*.json")):
            with open(candidate, encoding="utf-8") as f:
                if marker in f.read():
                    return candidate
        return None

    written = npui.wait_for(recovery_written, timeout=15, message=message)
    npui.log(f"recovery file: {written}")
    app.process.send_signal(signal.SIGKILL)
    app.process.wait(timeout=10)
