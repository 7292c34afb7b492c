# test_layout.py: the diagram's three columns at the default size, with the YAML preview and with
# the side panel; narrow windows keep the header bar and the canvas on screen (Kubernetes and Cilium)
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile
import time

import pyatspi

import npui

CILIUM = """\
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: frontend
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: frontend
  ingress:
  - fromEntities: [world]
    toPorts:
    - ports:
      - {port: "443", protocol: TCP}
  - fromEndpoints:
    - matchLabels: {app: gateway}
  egress:
  - toEndpoints:
    - matchLabels: {app: backend}
    toPorts:
    - ports:
      - {port: "8080", protocol: TCP}
  - toFQDNs:
    - matchName: api.example.com
"""


def extents(accessible):
    return accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def shown(root, role, name):
    """The one control named @name that is on screen (a hidden canvas or a
    squeezed-away header bar control has the same name)."""
    def lookup():
        for candidate in npui.find_all(root, role, name):
            box = extents(candidate)
            if box.width > 0 and box.height > 0:
                return candidate
        return None
    return npui.wait_for(lookup, message=f"{name!r} on screen")


def check_columns(app, canvas_name, centre_role, centre_name, cover=None):
    """The ingress card left of the centre card, left of the egress card,
    each whole and none under @cover (the side panel)."""
    canvas = shown(app.accessible, None, canvas_name)

    def side_by_side():
        ingress = extents(shown(canvas, "button", "Add ingress rule: outside cluster"))
        centre = extents(shown(canvas, centre_role, centre_name))
        egress = extents(shown(canvas, "button", "Add egress rule: outside cluster"))
        area = extents(canvas)
        if not (ingress.x + ingress.width < centre.x and centre.x + centre.width < egress.x):
            return None
        # The three cards start near the same height, not one below the other.
        if max(ingress.y, centre.y, egress.y) - min(ingress.y, centre.y, egress.y) > 200:
            return None
        if egress.x + egress.width > area.x + area.width:
            return None
        if cover is not None and egress.x + egress.width > extents(cover).x:
            return None
        return ingress, centre, egress

    ingress, centre, egress = npui.wait_for(side_by_side, message=f"three columns on {canvas_name!r}")
    npui.log(f"ingress x={ingress.x}, centre x={centre.x}, egress x={egress.x}")


def check_narrow(app, width, canvas_name):
    """The window is @width wide and the header bar's controls lie inside it."""
    def inside():
        menu = extents(shown(app.accessible, "button", "Main Menu"))
        frame = extents(app.accessible.getChildAtIndex(0))
        canvas = extents(shown(app.accessible, None, canvas_name))
        if frame.width > width or menu.x + menu.width > frame.x + frame.width or menu.x < 0:
            return None
        if canvas.x < 0 or canvas.x + canvas.width > frame.x + frame.width:
            return None
        return menu, frame
    menu, frame = npui.wait_for(inside, message=f"the main menu inside a window {width} px wide")
    npui.log(f"{width} px: window {frame.width} px, main menu at x={menu.x}")
    # What gave way in the header bar is in the More menu; the YAML preview
    # comes back over the canvas from there.
    if width < 700:
        npui.click(shown(app.accessible, "button", "More controls"))
        toggle = app.find("button", "YAML Preview")
        if not npui.is_checked(toggle):
            npui.activate(toggle)
        npui.press_keys("Escape")

        def preview_inside():
            box = extents(shown(app.accessible, "text", "YAML preview"))
            return box.x >= 0 and box.x + box.width <= frame.x + frame.width
        npui.wait_for(preview_inside, message=f"the YAML preview inside a window {width} px wide")
        npui.screenshot(f"layout-{width}-preview")
        npui.click(shown(app.accessible, "button", "More controls"))
        npui.activate(app.find("button", "YAML Preview"))
        npui.press_keys("Escape")


def check_window(app, kind, canvas_name, centre_role, centre_name):
    preview = shown(app.accessible, "text", "YAML preview")
    check_columns(app, canvas_name, centre_role, centre_name, cover=preview)
    npui.screenshot(f"layout-{kind}-1280x860")

    # The side panel comes over the preview, not over the diagram.
    npui.click(shown(app.accessible, None, canvas_name))
    npui.press_keys("F9")
    panel = shown(app.accessible, None, "Side panel pages")
    check_columns(app, canvas_name, centre_role, centre_name, cover=panel)
    npui.screenshot(f"layout-{kind}-1280x860-side-panel")
    npui.press_keys("F9")
    npui.wait_for(lambda: not npui.find_all(app.accessible, None, "Side panel pages"),
                  message="F9 to hide the side panel")

    npui.resize_window(app, 900, 700)
    check_narrow(app, 900, canvas_name)
    npui.screenshot(f"layout-{kind}-900x700")
    npui.resize_window(app, 360, 700)
    check_narrow(app, 360, canvas_name)
    npui.screenshot(f"layout-{kind}-360x700")
    npui.resize_window(app, 1280, 860)


def test():
    with npui.start_app() as app:
        npui.wait_for(lambda: "name: new-policy" in npui.get_text(app.find("text", "YAML preview")),
                      message="a new policy")
        check_window(app, "kubernetes", "Policy diagram", "entry", "Policy name")

    folder = tempfile.mkdtemp(prefix="np-ui-layout-")
    path = os.path.join(folder, "frontend.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(CILIUM)
    with npui.start_app([path]) as app:
        npui.wait_for(lambda: "name: frontend" in npui.get_text(app.find("text", "YAML preview")),
                      message="the Cilium policy")
        time.sleep(0.5)
        check_window(app, "cilium", "Cilium policy canvas", {pyatspi.ROLE_COMBO_BOX}, "Cilium rule")


if __name__ == "__main__":
    npui.main(test)
