# test_undo_text.py: Undo covers typing in the YAML preview: text that does not parse makes Undo
# available and Ctrl+Z in the preview takes it back; text that parses is a step of the same history
# as canvas edits; the Redo button types undone text again
# SPDX-License-Identifier: GPL-3.0-or-later

import npui


def undo_typing(preview, expected):
    """Ctrl+Z until the preview holds @expected again (typing may be several steps)."""
    for _ in range(5):
        npui.key_combo("control", "z")
        try:
            npui.wait_for(lambda: npui.get_text(preview) == expected, timeout=3)
            return
        except npui.Failure:
            continue
    raise npui.Failure(f"Ctrl+Z in the preview did not take the typing back:\n{npui.get_text(preview)}")


def test():
    with npui.start_app() as app:
        name = app.find("entry", "Policy name")
        preview = app.find("text", "YAML preview")
        undo = app.find("button", "Undo")
        npui.wait_for(lambda: "name: new-policy" in npui.get_text(preview), message="the new policy")
        if npui.is_sensitive(undo):
            raise npui.Failure("Undo is available before any edit")

        # Typing alone, before any other edit: what Undo took back, the
        # Redo button types again.
        original = npui.get_text(preview)
        redo = app.find("button", "Redo")
        npui.focus(preview)
        npui.key_combo("control", "End")
        npui.pyatspi.Registry.generateKeyboardEvent(0, "{oops", npui.pyatspi.KEY_STRING)
        npui.wait_for(lambda: npui.get_text(preview).endswith("{oops"), message="the first typed text")
        undo_typing(preview, original)
        npui.wait_for(lambda: npui.is_sensitive(redo), message="Redo available after undoing typed text")
        npui.click(redo)
        npui.wait_for(lambda: npui.get_text(preview).endswith("{oops"), message="Redo to type the text again")
        undo_typing(preview, original)
        npui.log("the Redo button typed the undone text again")

        # A canvas edit, then text that parses: two steps of one history.
        npui.set_text(name, "from-canvas")
        npui.wait_for(lambda: "name: from-canvas" in npui.get_text(preview), message="the canvas edit")
        valid = npui.get_text(preview).replace("namespace: default", "namespace: typed")
        npui.set_text(preview, valid)
        npui.wait_for(lambda: npui.get_text(app.find("entry", "Policy namespace")) == "typed",
                      message="the typed namespace on the canvas")

        # Text that does not parse: Undo is available, and Ctrl+Z in the
        # preview takes the typing back.
        # Typed at the end of the text, as a person types: the text's own
        # undo holds it (text set through the accessibility interface
        # would not be undoable in GTK 4.8).
        npui.focus(preview)
        npui.key_combo("control", "End")
        npui.pyatspi.Registry.generateKeyboardEvent(0, "extra: [oops", npui.pyatspi.KEY_STRING)
        npui.wait_for(lambda: npui.get_text(preview).endswith("extra: [oops"), message="the typed text")
        app.find("label", "YAML error")
        undo_typing(preview, valid)
        npui.log("Ctrl+Z in the preview undid the text typed")

        # Then the history: the typed namespace, then the canvas edit.
        npui.key_combo("control", "z")
        npui.wait_for(lambda: npui.get_text(app.find("entry", "Policy namespace")) == "default",
                      message="undo of the text that parsed")
        npui.wait_for(lambda: "namespace: default" in npui.get_text(preview), message="the preview after undo")
        npui.click(undo)
        npui.wait_for(lambda: npui.get_text(name) == "new-policy", message="undo of the canvas edit")
        npui.wait_for(lambda: not npui.is_sensitive(undo), message="nothing left to undo")


if __name__ == "__main__":
    npui.main(test)
