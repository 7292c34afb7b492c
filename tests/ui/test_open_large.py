# test_open_large.py: a large file is read behind the window: it shows first, then the file; failures say so
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The editor reads a large file in a worker while its window is up
# (src/app/np-window-read.c). The first file is a named pipe the test writes
# only once the window is there: an editor that read before showing its
# window would never show it. Then a file that does not exist on the command
# line, and File > Open of a large file while a document is shown. Last, the
# file changes on disk: it is read again behind the window the same way,
# keeps the policy shown, and a reload stopped leaves the document marked
# as differing from the file.

import os
import tempfile
import threading
import time

import npui

N_POLICIES = 5000
POLICY = ("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
          "metadata:\n  name: policy-{i}\n  namespace: ns-{i}\n"
          "spec:\n  podSelector: {{matchLabels: {{app: app-{i}}}}}\n  policyTypes: [Ingress]\n"
          "  ingress:\n  - from: [{{podSelector: {{matchLabels: {{app: client-{i}}}}}}}]\n")


def large_text(prefix="policy"):
    return "---\n".join(POLICY.format(i=i).replace("policy-", f"{prefix}-") for i in range(N_POLICIES))


def error_dialog(app, heading):
    """(dialog, its text) when a window of @app says @heading, else None."""
    for i in range(app.accessible.childCount):
        window = app.accessible.getChildAtIndex(i)
        if window is None:
            continue
        text = " ".join(label.name or "" for label in npui.find_all(window, "label"))
        if heading in text:
            return window, text
    return None


def expect_open_error(app, name, says, shot):
    """The dialog that @name could not be opened, its text saying @says
    (what is wrong, or where), closed again."""
    dialog, text = npui.wait_for(lambda: error_dialog(app, f"Could Not Open “{name}”"), timeout=60,
                                 message=f"the error about {name}")
    if says not in text:
        raise npui.Failure(f"the error does not say {says!r}: {text!r}")
    npui.log(f"the error says: {text}")
    npui.screenshot(shot)
    npui.click(npui.find(dialog, "button", "Close"))
    npui.wait_for(lambda: error_dialog(app, "Could Not Open") is None, message="the error to close")


def check_shown(app, prefix, last):
    """The first policy in the editor and the preview, and the last one
    reached through the list (End), so the list holds them all."""
    name = app.find("entry", "Policy name")
    npui.wait_for(lambda: npui.get_text(name) == f"{prefix}-0", timeout=60,
                  message=f"{prefix}-0 to be shown, not {npui.get_text(name)!r}")
    preview = app.find("text", "YAML preview")
    npui.wait_for(lambda: f"name: {prefix}-0\n" in npui.get_text(preview),
                  message=f"the preview to show {prefix}-0")
    if f"{prefix}-1\n" in npui.get_text(preview):
        raise npui.Failure("the preview shows more than the first policy")
    npui.key_combo("shift", "F9")
    policies = app.find(None, "Policies of the file")
    first = npui.wait_for(lambda: next(iter(npui.find_all(policies, "label", f"{prefix}-0")), None),
                          message=f"{prefix}-0 in the list")
    npui.click(first)
    npui.press_keys("End")
    npui.wait_for(lambda: npui.get_text(name) == last, timeout=20,
                  message=f"End in the list to show {last}, not {npui.get_text(name)!r}")
    npui.key_combo("shift", "F9")


def command_line(folder):
    path = os.path.join(folder, "large.yaml")
    os.mkfifo(path)
    with npui.start_app(args=[path]) as app:
        # The window is up while the file has not been written yet.
        app.find("label", "Opening “large.yaml”…")
        app.find("button", "Stop Opening")
        save = app.find("button", "Save")
        if npui.is_sensitive(save):
            raise npui.Failure("Save can be used before the file is read")
        npui.screenshot("open-large-reading")

        writer = threading.Thread(target=lambda: open(path, "w", encoding="utf-8").write(large_text()))
        writer.start()
        check_shown(app, "policy", f"policy-{N_POLICIES - 1}")
        writer.join()
        npui.wait_for(lambda: npui.is_sensitive(save), message="Save to be usable once the file is read")
        if app.find_all("label", "Opening “large.yaml”…") and \
                npui.is_showing(app.find("label", "Opening “large.yaml”…")):
            raise npui.Failure("the loading page is still shown")
        npui.screenshot("open-large-read")


def missing(folder):
    path = os.path.join(folder, "missing.yaml")
    with npui.start_app(args=[path]) as app:
        expect_open_error(app, "missing.yaml", "No such file", "open-large-missing")
        # The window is usable: the blank policy, which can be edited.
        name = app.find("entry", "Policy name")
        npui.set_text(name, "after-the-error")
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: after-the-error" in npui.get_text(preview), message="an edit to work")


def unparsed(folder):
    """A large file whose YAML breaks near its start: the error says where."""
    path = os.path.join(folder, "broken.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: [unclosed\n---\n" + large_text())
    with npui.start_app(args=[path]) as app:
        expect_open_error(app, "broken.yaml", "line 3", "open-large-broken")
        if not npui.is_sensitive(app.find("button", "Save")):
            raise npui.Failure("Save is still off after the failed read")


def open_dialog(app, path, focus_on=None):
    """File > Open (Ctrl+O), the path typed into the chooser."""
    npui.click(focus_on or app.find("text", "YAML preview"))
    npui.key_combo("control", "o")
    def chooser_window():
        for i in range(app.accessible.childCount):
            window = app.accessible.getChildAtIndex(i)
            if window is not None and window.name == "Open Manifest":
                return window
        return None

    chooser = npui.wait_for(chooser_window, timeout=20, message="the Open dialog")
    npui.key_combo("control", "l")
    location = npui.wait_for(lambda: next(iter(npui.find_all(chooser, "text")), None),
                             message="the location entry")
    npui.set_text(location, path)
    npui.screenshot("open-large-chooser")
    npui.activate_entry(location)


def file_open(folder):
    small = os.path.join(folder, "small.yaml")
    with open(small, "w", encoding="utf-8") as f:
        f.write(POLICY.format(i=0).replace("policy-", "small-"))
    large = os.path.join(folder, "other.yaml")
    with open(large, "w", encoding="utf-8") as f:
        f.write(large_text("other"))
    with npui.start_app(args=[small]) as app:
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "small-0", message="the small file to be shown")
        open_dialog(app, large)
        check_shown(app, "other", f"other-{N_POLICIES - 1}")
        frame = app.accessible.getChildAtIndex(0)
        npui.wait_for(lambda: (frame.name or "").startswith("other.yaml"),
                      message=f"the title to name other.yaml, not {frame.name!r}")
        npui.screenshot("open-large-file-open")


def superseded(folder):
    """A read that is stopped, or overtaken by File > Open, changes nothing
    when it ends; the document shown before comes back when stopped."""
    small = os.path.join(folder, "small.yaml")
    with open(small, "w", encoding="utf-8") as f:
        f.write(POLICY.format(i=0).replace("policy-", "small-"))
    pipe = os.path.join(folder, "slow.yaml")
    os.mkfifo(pipe)
    with npui.start_app(args=[pipe]) as app:
        app.find("label", "Opening “slow.yaml”…")
        npui.click(app.find("button", "Stop Opening"))
        name = app.find("entry", "Policy name")
        save = app.find("button", "Save")
        npui.wait_for(lambda: npui.is_sensitive(save), message="Save usable again after Stop Opening")
        if npui.get_text(name) != "new-policy":
            raise npui.Failure(f"not the blank policy back: {npui.get_text(name)!r}")
        npui.screenshot("open-large-stopped")
        npui.set_text(name, "typed-after-stop")
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: "name: typed-after-stop" in npui.get_text(preview), message="an edit to work")
    pipe = os.path.join(folder, "slower.yaml")
    os.mkfifo(pipe)
    with npui.start_app(args=[pipe]) as app:
        open_dialog(app, small, focus_on=app.find("label", "Opening “slower.yaml”…"))
        name = app.find("entry", "Policy name")
        npui.wait_for(lambda: npui.get_text(name) == "small-0", message="the file opened instead")
        # The first read ends now; what it read is not shown.
        def write():
            try:
                with open(pipe, "w", encoding="utf-8") as f:
                    f.write(large_text())
            except BrokenPipeError:
                npui.log("the cancelled read stopped reading the pipe")
        writer = threading.Thread(target=write)
        writer.start()
        writer.join(timeout=30)
        time.sleep(3)
        if npui.get_text(name) != "small-0":
            raise npui.Failure(f"the stopped read replaced the document: {npui.get_text(name)!r}")


def rewrite(path, text):
    """Replaces @path as editors do: a new file renamed over it."""
    with open(path + ".new", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".new", path)


def reload(folder):
    path = os.path.join(folder, "watched.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(large_text())
    last = f"policy-{N_POLICIES - 1}"
    # Rewritten 8 times larger: read for long enough to be seen reading.
    def rewritten(prefix):
        return "---\n".join(POLICY.format(i=i).replace("client-", f"{prefix}-") for i in range(8 * N_POLICIES))

    def reading(frame):
        return (frame.name or "").startswith("Reloading “watched.yaml”…")

    with npui.start_app(args=[path]) as app:
        check_shown(app, "policy", last)
        preview = app.find("text", "YAML preview")
        save = app.find("button", "Save")
        name = app.find("entry", "Policy name")
        frame = app.accessible.getChildAtIndex(0)
        exposure = npui.wait_for(lambda: next((label for label in app.find_all("label")
                                               if (label.name or "").startswith("Reachable from:")), None),
                                 timeout=30, message="the exposure sentences")

        # Changed on disk, no edits here: read again in the worker, the
        # window saying so, and the policy shown before shown again; the
        # keyboard focus, in the preview, goes back there.
        npui.focus(preview)
        rewrite(path, rewritten("caller"))
        npui.wait_for(lambda: reading(frame), timeout=30,
                      message=f"the window to say it reloads the file, not {frame.name!r}")
        npui.screenshot("open-large-reloading")
        npui.wait_for(lambda: f"app: caller-{N_POLICIES - 1}" in npui.get_text(preview), timeout=60,
                      message="the preview to show the file as it is on disk now")
        # The exposure sentences read the file's 40,000 policies first: until
        # then they must not tell of the file as it was.
        if "client-" in (exposure.name or ""):
            raise npui.Failure(f"the exposure still tells of the file before the reload: {exposure.name!r}")
        if npui.get_text(name) != last:
            raise npui.Failure(f"the reload did not keep {last} shown: {npui.get_text(name)!r}")
        npui.wait_for(lambda: npui.is_sensitive(save), message="Save usable after the reload")
        npui.wait_for(lambda: preview.getState().contains(npui.pyatspi.STATE_FOCUSED), timeout=5,
                      message="the keyboard focus back in the YAML preview after the reload")
        if (frame.name or "").startswith("•"):
            raise npui.Failure(f"the reloaded file counts as unsaved: {frame.name!r}")
        npui.wait_for(lambda: f"app=caller-{N_POLICIES - 1}" in (exposure.name or ""), timeout=60,
                      message=f"the exposure of the file as reloaded, not {exposure.name!r}")
        npui.screenshot("open-large-reloaded")

        # Again, and stopped with Escape: the document shown is the file as
        # it was, so it now differs from the disk, and says so.
        rewrite(path, rewritten("visitor"))
        npui.wait_for(lambda: reading(frame), timeout=30, message="the second reload")
        npui.press_keys("Escape")
        npui.wait_for(lambda: (frame.name or "").startswith("• watched.yaml"), timeout=20,
                      message=f"the title to mark the document as differing from the file, not {frame.name!r}")
        npui.wait_for(lambda: npui.is_sensitive(save), message="Save usable after stopping the reload")
        time.sleep(3)
        text = npui.get_text(preview)
        if "visitor-" in text or f"app: caller-{N_POLICIES - 1}" not in text:
            raise npui.Failure("the stopped reload changed the document shown")
        npui.screenshot("open-large-reload-stopped")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    command_line(folder)
    missing(folder)
    unparsed(folder)
    file_open(folder)
    superseded(folder)
    reload(folder)


if __name__ == "__main__":
    npui.main(test)
