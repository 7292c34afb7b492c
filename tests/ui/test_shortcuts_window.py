# test_shortcuts_window.py: Ctrl+? opens the Keyboard Shortcuts window without a GTK warning
# (the harness fails the test on any Gtk-WARNING the editor logs), and Escape closes it
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import npui


def shortcuts_window(app):
    for i in range(app.accessible.childCount):
        window = app.accessible.getChildAtIndex(i)
        if window is not None and window.name == "Shortcuts":
            return window
        if window is not None and npui.find_all(window, "label", "Show Keyboard Shortcuts"):
            return window
    return None


def test():
    with npui.start_app() as app:
        npui.click(app.find("entry", "Policy name"))
        npui.key_combo("control", "question")
        window = npui.wait_for(lambda: shortcuts_window(app), message="the Keyboard Shortcuts window")
        for title in ("Save As", "Redo", "Quit", "Show Keyboard Shortcuts"):
            npui.find(window, "label", title)
        time.sleep(1.0)  # drawn, and anything logged while drawing is in the log
        npui.screenshot("shortcuts-window")
        npui.press_keys("Escape")
        npui.settle_after_closing_window()
        npui.wait_for(lambda: shortcuts_window(app) is None, message="Escape to close the shortcuts window")
        npui.log("the Keyboard Shortcuts window opens and closes")


if __name__ == "__main__":
    npui.main(test)
