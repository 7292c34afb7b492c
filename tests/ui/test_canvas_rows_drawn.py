# test_canvas_rows_drawn.py: every row of a long policy's canvas shows its text wherever the canvas
# is scrolled to, and in the exported diagram, though rows far from the view are not drawn; its
# centre card stays short enough for its default-deny switches to stay in view
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Rows far out of view draw their background only (np_canvas_shows()); the
# canvas has them drawn again when scrolling, a new layout or an export
# brings them near. A row missed there would show an empty coloured box: the
# accessibility tree still names it, so the test reads the pixels.

import os
import shutil
import subprocess
import tempfile
import time

import npui
from test_canvas_keyboard import tall_policy
from test_layout import extents, shown

RULES = 60
# Share of dark pixels in a row's box: its title, subtitle and edit button
# give several per cent; a background alone, none.
MIN_INK = 0.01


def ink(path, x, y, width, height):
    """The share of dark pixels of @path's box."""
    result = subprocess.run(["convert", path, "-crop", f"{width}x{height}+{x}+{y}", "+repage",
                             "-colorspace", "Gray", "-threshold", "50%", "-format", "%[fx:1-mean]", "info:"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=30)
    if result.returncode != 0:
        raise npui.Failure(f"convert failed on {path}: {result.stdout.strip()}")
    return float(result.stdout)


def rows_in_view(app, scroller):
    """The client rows lying whole inside the canvas's scrolled window."""
    view = extents(scroller)
    rows = []
    for item in npui.find_all(app.accessible, {npui.pyatspi.ROLE_LIST_ITEM}):
        if not item.name or "client-" not in item.name:
            continue
        box = extents(item)
        if box.height > 0 and box.y >= view.y and box.y + box.height <= view.y + view.height:
            rows.append((item.name, box))
    return rows


def check_rows_drawn(app, scroller, shot):
    path = npui.screenshot(shot)
    if path is None:
        raise npui.Failure("no screenshot to read the rows from (ImageMagick's import)")
    rows = rows_in_view(app, scroller)
    if len(rows) < 3:
        raise npui.Failure(f"only {len(rows)} rows in view: {[name for name, _ in rows]}")
    for name, box in rows:
        share = ink(path, box.x, box.y, box.width, box.height)
        if share < MIN_INK:
            raise npui.Failure(f"the row {name!r} at {box.x},{box.y} ({box.width}×{box.height}) "
                               f"shows no text ({share:.4f} of it dark): see {path}")
    npui.log(f"{shot}: {len(rows)} rows in view drawn, {rows[0][0]!r} to {rows[-1][0]!r}")


def check_centre_card(app, scroller, where):
    """The centre card of a policy of many rules fits the view: its
    exposure sentence names a few peers and counts the rest, and the
    default-deny switches stay where a person can reach them."""
    view = extents(scroller)
    for name in ("Deny ingress by default", "Deny egress by default"):
        def inside():
            box = extents(shown(app.accessible, "button", name))
            return box.y >= view.y and box.y + box.height <= view.y + view.height
        npui.wait_for(inside, message=f"{name!r} inside the canvas's view {where}")
    group = app.find(None, "Exposure")
    text = npui.wait_for(lambda: next((label.name for label in npui.find_all(group, "label")
                                       if label.name and label.name.startswith("Reachable from:")), None),
                         message="the exposure sentences")
    if not text.splitlines()[0].endswith(f"; and {RULES - 5} more"):
        raise npui.Failure(f"the exposure sentence does not count the peers it leaves out: {text!r}")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-rows-drawn-")
    try:
        path = os.path.join(folder, "long.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(tall_policy("long", RULES))

        with npui.start_app(args=[path]) as app:
            npui.wait_for(lambda: npui.get_text(app.find("entry", "Policy name")) == "long",
                          message="the long policy")
            canvas = shown(app.accessible, None, "Policy diagram")
            scroller = canvas.parent
            check_rows_drawn(app, scroller, "rows-drawn-top")
            check_centre_card(app, scroller, "at the top")

            # Down to the last rule by the wheel, as a person scrolls: the
            # rows that come into view were not drawn at the top.
            npui.scroll_into_view(shown(canvas, "button", f"Edit rule {RULES}"), scroller)
            check_rows_drawn(app, scroller, "rows-drawn-bottom")
            check_centre_card(app, scroller, "scrolled to the end")

            # Back up half way, then to the top.
            npui.scroll_into_view(shown(canvas, "button", f"Edit rule {RULES // 2}"), scroller)
            check_rows_drawn(app, scroller, "rows-drawn-middle")
            npui.scroll_into_view(shown(canvas, "button", "Edit rule 1"), scroller)
            check_rows_drawn(app, scroller, "rows-drawn-top-again")

            # Narrower: one column, every row in another place.
            npui.resize_window(app, 900, 880)
            npui.scroll_into_view(shown(canvas, "button", f"Edit rule {RULES // 3}"), scroller)
            check_rows_drawn(app, scroller, "rows-drawn-narrow")

            # By the keyboard: Tab into the rows, End to the last one; the
            # canvas scrolls to it.
            name = shown(canvas, "entry", "Policy name")
            npui.scroll_into_view(name, scroller)
            npui.focus(name)
            focused_row = None
            for _ in range(40):
                npui.press_keys("Tab")
                time.sleep(0.1)
                focused_row = next((item for item in npui.find_all(app.accessible, {npui.pyatspi.ROLE_LIST_ITEM})
                                    if item.name and "client-" in item.name
                                    and item.getState().contains(npui.pyatspi.STATE_FOCUSED)), None)
                if focused_row is not None:
                    break
            if focused_row is None:
                raise npui.Failure("Tab did not reach a row of the canvas")
            npui.press_keys("End")
            last = npui.wait_for(lambda: next((item for item in npui.find_all(app.accessible,
                                                                              {npui.pyatspi.ROLE_LIST_ITEM})
                                               if item.name and f"client-{RULES - 1} " in item.name
                                               and item.getState().contains(npui.pyatspi.STATE_FOCUSED)), None),
                                 message="the last row to have the focus after End")
            view = extents(scroller)
            npui.wait_for(lambda: extents(last).y + extents(last).height <= view.y + view.height
                          and extents(last).y >= view.y, message="the last row scrolled into view")
            check_rows_drawn(app, scroller, "rows-drawn-keyboard")

            # The exported diagram has every row, however far out of view:
            # its last part is as full of text as its first.
            from test_export import export, png_size
            png = os.path.join(folder, "long.png")
            export(app, png)
            width, height = png_size(png)
            npui.log(f"the diagram is {width}×{height}")
            if height < 3000:
                raise npui.Failure(f"the diagram of {RULES} rules is only {height} px tall")
            top = ink(png, 0, height // 10, width // 3, height // 5)
            bottom = ink(png, 0, height - height // 5, width // 3, height // 6)
            npui.log(f"dark share of the ingress side: {top:.4f} near the top, {bottom:.4f} near the end")
            if bottom < top / 3:
                raise npui.Failure(f"the diagram's last rows show no text ({bottom:.4f} dark against "
                                   f"{top:.4f} near the top)")
            screenshots = os.environ.get("NP_SCREENSHOT_DIR")
            if screenshots:
                os.makedirs(screenshots, exist_ok=True)
                shutil.copy(png, os.path.join(screenshots, "export-long-policy.png"))

            # And the window after the export still draws what it shows.
            check_rows_drawn(app, scroller, "rows-drawn-after-export")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    npui.main(test)
