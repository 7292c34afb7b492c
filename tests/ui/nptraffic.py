# nptraffic.py: reading the Test Traffic page's verdict in UI tests
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import npui


def reading(root):
    """(verdict, explanation) as the page under @root shows them, or None."""
    verdict = npui.find_label(root, lambda t: t in ("Allowed", "Denied"))
    explanation = npui.find_label(root, lambda t: t.startswith("Egress of the source"))
    if verdict is None or explanation is None:
        return None
    return verdict.name, explanation.name


def settled(root):
    """The reading once it holds still: a check runs a moment after the
    last keystroke, so it is read twice, apart."""
    first = reading(root)
    time.sleep(0.6)
    second = reading(root)
    return second if first is not None and first == second else None
