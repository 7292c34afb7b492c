# test_flows_readable.py: the flows page shows a status page until a file is read; then the source
# and destination cells carry their whole names (tooltip and description), and the Workload
# drop-down's list shows each workload whole, so that two that differ only at the end can be told apart
# SPDX-License-Identifier: GPL-3.0-or-later

import pyatspi

import npui
from test_flows_page import FLOWS, GALLEY, N_FLOWS, label_text, open_flows, rows


def area(accessible):
    extents = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return extents.width * extents.height


def on_screen(role, name):
    """An accessible of @role and @name with a size on screen: GTK 4.8 sets
    no "showing" state, and gives what a stack hides no size."""
    return next((node for node in npui.find_all(npui_app.accessible, role, name) if area(node) > 0), None)


def showing_label(app, name):
    return on_screen("label", name)


def test():
    global npui_app
    with npui.start_app() as app:
        npui_app = app
        if not npui.find_all(app.accessible, {pyatspi.ROLE_PAGE_TAB}, "Flows"):
            npui.press_keys("F9")
        npui.click(app.find({pyatspi.ROLE_PAGE_TAB}, "Flows"))

        # Before a file: a status page, and none of the controls that need flows.
        npui.wait_for(lambda: showing_label(app, "No Flows Yet"), message="the status page before a file is read")
        if on_screen("entry", "Filter flows"):
            raise npui.Failure("the flow filter shows before a file is read")
        npui.screenshot("flows-page-empty")

        open_flows(app, FLOWS)
        npui.wait_for(lambda: label_text(app, "Shown flows") == f"{N_FLOWS} of {N_FLOWS} rows shown",
                      message=f"{N_FLOWS} rows from {FLOWS}")
        npui.wait_for(lambda: on_screen("entry", "Filter flows"), message="the flow filter")

        # Each name cell has the whole name as its description (and tooltip),
        # however narrow its column.
        table = app.find({pyatspi.ROLE_TREE_TABLE}, "Flows")
        checked = 0
        for node in npui.iter_tree(table):
            if node.getRole() != pyatspi.ROLE_TABLE_ROW:
                continue
            cells = [node.getChildAtIndex(i) for i in range(node.childCount)]
            for cell in cells[:2]:
                if cell is None or cell.childCount == 0:
                    continue
                label = cell.getChildAtIndex(0)
                if not label.name:
                    continue
                if label.description != label.name:
                    raise npui.Failure(f"the cell {label.name!r} is described as {label.description!r}")
                checked += 1
        if checked < 4:
            raise npui.Failure(f"only {checked} name cells found: {rows(app)}")
        npui.log(f"{checked} source and destination cells carry their whole names")
        npui.screenshot("flows-table")

        # The drop-down's list shows each workload whole, wrapped over as
        # many lines as it needs (GALLEY and REVIEWS share their first 30
        # characters with others): a long one is taller than a short one.
        dropdown = next(a for a in npui.find_all(app.accessible, None, "Workload") if a.getRoleName() == "combo box")
        # Before the list is made: the one label on screen is the button's.
        shown = [label for label in npui.find_all(dropdown, "label") if ":" in (label.name or "") and area(label) > 0]
        if len(shown) != 1:
            raise npui.Failure(f"the drop-down's button shows {[label.name for label in shown]}")
        npui.click(dropdown)

        def listed():
            labels = [label for label in npui.find_all(dropdown, "label")
                      if ":" in (label.name or "") and label not in shown and area(label) > 0]
            return labels if any(label.name == GALLEY for label in labels) else None

        labels = npui.wait_for(listed, message="the workloads in the drop-down's list")
        npui.screenshot("flows-workloads")
        heights = {label.name: label.queryComponent().getExtents(pyatspi.WINDOW_COORDS).height for label in labels}
        npui.log(f"heights of the listed workloads: {heights}")
        shortest = min(heights, key=len)
        longest = max(heights, key=len)
        # A name cut short to one line would be as tall as the short one; the
        # factor holds at any list width the side panel gives.
        if heights[longest] < 2 * heights[shortest]:
            raise npui.Failure(f"{longest!r} is listed on no more lines than {shortest!r}: cut short")
        npui.press_keys("Escape")


if __name__ == "__main__":
    npui.main(test)
