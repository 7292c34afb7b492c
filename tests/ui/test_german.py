# test_german.py: with LANGUAGE=de the editor speaks German
# SPDX-License-Identifier: GPL-3.0-or-later
#
# glibc ignores LANGUAGE under the "C" locale but not under C.UTF-8, so no
# German locale has to be generated. NETPOL_EDITOR_LOCALEDIR points the
# uninstalled editor at the catalogues in <build>/po.

import os

import npui

GERMAN = {"LANG": "C.UTF-8", "LANGUAGE": "de"}


def test():
    localedir = os.environ.get("NETPOL_EDITOR_LOCALEDIR")
    if not localedir:
        raise npui.Failure("NETPOL_EDITOR_LOCALEDIR is not set (run the test through meson)")
    catalogue = os.path.join(localedir, "de", "LC_MESSAGES", "netpol-editor.mo")
    if not os.path.exists(catalogue):
        raise npui.Failure(f"the German catalogue {catalogue} has not been built")

    # These would take precedence over LANG (LC_ALL=C would also disable LANGUAGE).
    for variable in ("LC_ALL", "LC_MESSAGES"):
        os.environ.pop(variable, None)

    example = os.path.join(os.environ["NP_EXAMPLES_DIR"], "backend-policy.yaml")
    with npui.start_app(args=[example], env=GERMAN) as app:
        # A button's label, a window title built with a format string, and
        # accessible names set in .ui files and in C.
        # GTK 4.8 names this button "Öffnen Öffnen" (its accessible label,
        # then its label's text), so look for the label inside it.
        open_label = app.find("label", "Öffnen")
        open_button = open_label.parent
        if open_button.getRole() not in npui.ROLES["button"] or "Öffnen" not in open_button.name:
            raise npui.Failure(f"the label Öffnen is not on the Open button: {npui.describe(open_button)}")
        app.find("frame", "backend-policy.yaml — Network Policy Editor")
        name_entry = app.find("entry", "Name der Richtlinie")
        app.find("text", "YAML-Vorschau")
        app.find("label", "Eingehend")
        app.find("label", "Ausgehend")
        npui.wait_for(lambda: npui.get_text(name_entry) == "backend-policy",
                      message='"Name der Richtlinie" to show the name from the file')

        for english in ("Open", "Open Open", "Policy name", "YAML preview", "Ingress", "Egress"):
            if app.find_all(None, english):
                raise npui.Failure(f"{english!r} is still shown in English")
        npui.log("the window is in German")

        npui.screenshot("german")


if __name__ == "__main__":
    npui.main(test)
