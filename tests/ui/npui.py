# npui.py: helpers for driving netpol-editor through AT-SPI in UI tests
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start the editor on a private session, find its widgets by role and
accessible name, act on them, and take screenshots.

Run under tests/ui/run-ui-test.sh, which provides Xvfb and a D-Bus session.
A test script does:

    import npui
    with npui.start_app() as app:
        entry = app.find("entry", "Policy name")
        npui.set_text(entry, "web")
        npui.wait_for(lambda: "web" in npui.get_text(app.find("text", "YAML preview")))
        npui.screenshot("main-window")

Failures raise npui.Failure; npui.main(test) turns them into exit status 1
(and a missing pyatspi into 77, "skipped").
"""

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

SKIP = 77

try:
    import pyatspi
except Exception as error:  # ImportError, or gi failing to load Atspi
    print(f"SKIP: /usr/bin/python3 cannot import pyatspi: {error}")
    sys.exit(SKIP)


class Failure(Exception):
    """A UI test expectation that did not hold."""


def log(message):
    print(f"[{time.monotonic():8.2f}] {message}", flush=True)


# Roles by the short names tests use. GTK maps its roles onto AT-SPI ones a
# little differently from version to version, so each name allows a few.
ROLES = {
    "entry": {pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT},
    "text": {pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_DOCUMENT_TEXT},
    "button": {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON},
    "frame": {pyatspi.ROLE_FRAME, pyatspi.ROLE_WINDOW, pyatspi.ROLE_DIALOG},
    "label": {pyatspi.ROLE_LABEL},
    "menu-item": {pyatspi.ROLE_MENU_ITEM},
}


def _roles(role):
    if role is None:
        return None
    if isinstance(role, str):
        try:
            return ROLES[role]
        except KeyError:
            raise ValueError(f"unknown role name {role!r}; known: {sorted(ROLES)}")
    if isinstance(role, (set, frozenset, list, tuple)):
        return set(role)
    return {role}


def describe(accessible):
    """'role "name"' for messages."""
    try:
        return f'{accessible.getRoleName()} "{accessible.name}"'
    except Exception as error:  # the object may be gone already
        return f"<defunct accessible: {error}>"


def wait_for(predicate, timeout=10.0, interval=0.1, message=None):
    """Polls @predicate until it returns a true value, which is returned.
    Exceptions inside count as "not yet". Raises Failure after @timeout s."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except Failure:
            raise
        except Exception as error:
            last_error = error
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error})" if last_error else ""
            raise Failure(f"timed out after {timeout:g} s waiting for "
                          f"{message or getattr(predicate, '__name__', 'a condition')}{detail}")
        time.sleep(interval)


def iter_tree(accessible, max_depth=64):
    """Every descendant of @accessible in document order (depth first, a
    parent before its children), not @accessible itself."""
    stack = [(accessible, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > 0:
            yield node
        if depth >= max_depth:
            continue
        try:
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:
            continue
        for child in reversed(children):
            if child is not None:
                stack.append((child, depth + 1))


def _normalize_name(name):
    """GTK 4.8 names a button whose label has a mnemonic "_Save Save": the
    label as written, then as shown. Tests ask for what a person sees."""
    if name and "_" in name:
        shown = name.replace("_", "")
        half = len(shown) // 2
        if len(shown) % 2 == 1 and shown[:half] == shown[half + 1:] and shown[half] == " ":
            return shown[:half]
        return shown
    return name


def find_all(root, role=None, name=None):
    """Descendants of @root with the role (a short name from ROLES, a pyatspi
    role or a set of them) and the exact accessible name given."""
    roles = _roles(role)
    found = []
    for node in iter_tree(root):
        try:
            if roles is not None and node.getRole() not in roles:
                continue
            if name is not None and _normalize_name(node.name) != name:
                continue
        except Exception:
            continue
        found.append(node)
    return found


def find(root, role=None, name=None, timeout=10.0):
    """The first descendant of @root that matches; waits up to @timeout s for
    it to appear and raises Failure if it does not."""
    def lookup():
        matches = find_all(root, role, name)
        return matches[0] if matches else None

    try:
        return wait_for(lookup, timeout=timeout,
                        message=f"an accessible with role {role!r} and name {name!r}")
    except Failure as error:
        raise Failure(f"{error}\nAccessible tree:\n{dump(root)}") from None


def find_label(root, predicate):
    """The first label under @root whose text passes @predicate, or None
    (GTK names a label by its text)."""
    for node in iter_tree(root):
        try:
            if node.getRole() == pyatspi.ROLE_LABEL and predicate(node.name or ""):
                return node
        except Exception:
            continue
    return None


def dump(root, max_lines=300):
    """The accessible tree under @root as indented text (for failure messages)."""
    lines = [describe(root)]

    def walk(node, depth):
        if len(lines) >= max_lines:
            return
        try:
            count = node.childCount
        except Exception:
            return
        for i in range(count):
            try:
                child = node.getChildAtIndex(i)
            except Exception:
                continue
            if child is None:
                continue
            lines.append("  " * depth + describe(child))
            walk(child, depth + 1)

    walk(root, 1)
    return "\n".join(lines)


def get_text(accessible):
    """The whole text of an accessible that implements the Text interface."""
    text = accessible.queryText()
    # Not getText(0, -1): GTK 4.8 entries answer "" to that.
    return text.getText(0, text.characterCount)


def set_text(accessible, value):
    """Replaces the text of an editable accessible: through EditableText when
    the toolkit implements it, else by focusing it and typing."""
    try:
        editable = accessible.queryEditableText()
    except NotImplementedError:
        editable = None
    if editable is not None:
        try:
            if editable.setTextContents(value):
                return
        except Exception as error:
            log(f"EditableText.setTextContents failed ({error}); typing instead")
    type_text(accessible, value, replace=True)


def focus(accessible):
    """Gives @accessible the keyboard focus: Component.grabFocus, or, where
    the toolkit does not implement that (GTK 4.8), a click on its middle.
    A control can still be on its way to a new place when it is clicked: a
    button activated through its accessible action, as by the keyboard, is
    shown pressed and clicked 250 ms later (GTK's ACTIVATE_TIMEOUT), so a
    row it adds above the control moves it after activate() has returned.
    When the focus does not come and the control has moved since, it is
    clicked again where it now is."""
    def has_focus():
        return accessible.getState().contains(pyatspi.STATE_FOCUSED)

    try:
        focused = accessible.queryComponent().grabFocus()
    except Exception:
        focused = False
    if not focused:
        for _ in range(2):
            clicked = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            click(accessible)
            try:
                wait_for(has_focus, timeout=1.5)
                return
            except Failure:
                now = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                if (now.x, now.y, now.width, now.height) == (clicked.x, clicked.y, clicked.width, clicked.height):
                    break
                log(f"{describe(accessible)} moved from {clicked.x},{clicked.y} to {now.x},{now.y} "
                    "after it was clicked: clicking it there")
    try:
        wait_for(has_focus, timeout=5, message=f"{describe(accessible)} to have the focus")
    except Failure:
        # What the screen showed, for a failure that does not come again.
        extents = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        log(f"{describe(accessible)} did not take the focus; it is at {extents.x},{extents.y}, "
            f"{extents.width}x{extents.height}")
        screenshot("focus-failure")
        raise


def click(accessible, button=1):
    """Clicks the middle of @accessible. Uses its extents in window
    coordinates: under Xvfb there is no window manager, and the window sits
    at the top left corner of the screen."""
    extents = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    if extents.width <= 0 or extents.height <= 0:
        raise Failure(f"{describe(accessible)} has no size on screen: {extents}")
    x = extents.x + extents.width // 2
    y = extents.y + extents.height // 2
    # Move there first: a tooltip shown from the last click may lie over
    # the target, and goes once the pointer moves.
    pyatspi.Registry.generateMouseEvent(x, y, "abs")
    time.sleep(0.15)
    pyatspi.Registry.generateMouseEvent(x, y, f"b{button}c")
    time.sleep(0.1)


def scroll_into_view(accessible, area, attempts=60):
    """Turns the mouse wheel over @area (the part of a scrolled window that
    shows), as a person would, until @accessible lies inside it: a click
    needs it on screen, and GTK 4.8 implements no AT-SPI scrollTo."""
    for _ in range(attempts):
        target = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        shown = area.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if target.height > 0 and target.y >= shown.y and target.y + target.height <= shown.y + shown.height:
            return
        button = 5 if target.y + target.height > shown.y + shown.height else 4
        pyatspi.Registry.generateMouseEvent(shown.x + shown.width // 2, shown.y + shown.height // 2,
                                            f"b{button}c")
        time.sleep(0.1)
    raise Failure(f"{describe(accessible)} could not be scrolled into view")


def scroll_into_view_horizontally(accessible, area, attempts=60):
    """Turns the wheel with Shift held (sideways) over @area until
    @accessible lies inside it from left to right, as scroll_into_view does
    up and down: a wide table scrolls sideways in a narrow panel."""
    for _ in range(attempts):
        target = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        shown = area.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if target.width > 0 and target.x >= shown.x and target.x + target.width <= shown.x + shown.width:
            return
        # Shift and the wheel: X servers give no sideways wheel events to
        # GTK from synthesised buttons 6 and 7.
        button = 5 if target.x + target.width > shown.x + shown.width else 4
        pyatspi.Registry.generateKeyboardEvent(MODIFIERS["shift"], None, pyatspi.KEY_LOCKMODIFIERS)
        try:
            pyatspi.Registry.generateMouseEvent(shown.x + shown.width // 2, shown.y + shown.height // 2,
                                                f"b{button}c")
        finally:
            pyatspi.Registry.generateKeyboardEvent(MODIFIERS["shift"], None, pyatspi.KEY_UNLOCKMODIFIERS)
        time.sleep(0.1)
    raise Failure(f"{describe(accessible)} could not be scrolled into view sideways: at {target.x}+{target.width},"
                  f" {describe(area)} shows {shown.x}+{shown.width}")


# X keysyms of the keys tests press; letters and digits are their ASCII code.
KEYSYMS = {
    "BackSpace": 0xFF08,
    "Tab": 0xFF09,
    "Return": 0xFF0D,
    "Escape": 0xFF1B,
    "Delete": 0xFFFF,
    "Home": 0xFF50,
    "End": 0xFF57,
    "Up": 0xFF52,
    "Down": 0xFF54,
    "F9": 0xFFC6,
    "F10": 0xFFC7,
    "comma": 0x2C,
    "space": 0x20,
    "question": 0x3F,
}

# X modifier masks for key_combo().
MODIFIERS = {
    "shift": 1 << 0,
    "control": 1 << 2,
    "alt": 1 << 3,
}


def _keysym(name):
    if len(name) == 1 and name.isascii() and name.isalnum():
        return ord(name.lower())
    try:
        return KEYSYMS[name]
    except KeyError:
        raise ValueError(f"unknown key {name!r}; known: {sorted(KEYSYMS)}") from None


def press_keys(*names):
    """Presses and releases each key in turn ("Return", "Tab", "a")."""
    for name in names:
        pyatspi.Registry.generateKeyboardEvent(_keysym(name), None, pyatspi.KEY_SYM)
        time.sleep(0.05)


def key_combo(modifier, key):
    """Presses @key while @modifier ("control", "shift", "alt", or several
    joined by "+", as "control+shift") is held."""
    mask = 0
    for name in modifier.split("+"):
        mask |= MODIFIERS[name]
    pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        press_keys(key)
    finally:
        pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_UNLOCKMODIFIERS)


def type_text(accessible, value, replace=False):
    """Focuses @accessible and types @value, first clearing it if @replace."""
    focus(accessible)
    if replace:
        key_combo("control", "a")
        press_keys("BackSpace")
    pyatspi.Registry.generateKeyboardEvent(0, value, pyatspi.KEY_STRING)


def screenshot(name):
    """Saves the whole X screen as $NP_SCREENSHOT_DIR/NAME.png (default: the
    temporary folder) and returns the path, or None when it cannot."""
    folder = os.environ.get("NP_SCREENSHOT_DIR") or tempfile.gettempdir()
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{name}.png")
    if shutil.which("import") is None:
        log("no screenshot: ImageMagick's import is not installed")
        return None
    # Let GTK draw the last change before the picture is taken.
    time.sleep(0.5)
    result = subprocess.run(["import", "-window", "root", path],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, timeout=30)
    if result.returncode != 0:
        log(f"no screenshot: import failed: {result.stdout.strip()}")
        return None
    log(f"screenshot: {path}")
    return path


def save_and_read(focus_on, path, is_saved, message="the file to be saved"):
    """Saves with Ctrl+S (clicking @focus_on first, so the window has the
    focus) and waits until the text of @path passes @is_saved; returns it."""
    click(focus_on)
    key_combo("control", "s")

    def saved_text():
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as f:
            text = f.read()
        return text if is_saved(text) else None

    return wait_for(saved_text, message=message)


def is_checked(accessible):
    """Whether a toggle button, check box or switch is on."""
    states = accessible.getState()
    return states.contains(pyatspi.STATE_CHECKED) or states.contains(pyatspi.STATE_PRESSED)


def is_sensitive(accessible):
    states = accessible.getState()
    return states.contains(pyatspi.STATE_SENSITIVE) or states.contains(pyatspi.STATE_ENABLED)


def is_showing(accessible):
    try:
        return accessible.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:
        return False


def activate(accessible):
    """Activates a button, check box or switch the way a screen reader does,
    through its AT-SPI action (it works wherever the control is scrolled
    to); a click where the toolkit offers no action."""
    try:
        action = accessible.queryAction()
        if action.nActions > 0:
            action.doAction(0)
            time.sleep(0.1)
            return
    except NotImplementedError:
        pass
    click(accessible)


def activate_entry(accessible):
    """Presses Return in an entry (activates it)."""
    focus(accessible)
    press_keys("Return")


def show_side_panel(app):
    """Shows the side panel (tutorial, test traffic, flows): a new window
    starts without it."""
    if not find_all(app.accessible, None, "Side panel pages"):
        activate(app.find("button", "Side panel"))
    app.find(None, "Side panel pages")


def settle_after_closing_window():
    """Waits, without asking the accessibility tree anything, while a window
    closes. GTK 4.8 still lists a closing window among the application's
    children after its accessible context is gone, and answering a query for
    it crashes the toolkit (GetChildAtIndex on the root: fixed in later GTK,
    whose gtk_at_spi_context_to_ref returns a null reference instead)."""
    time.sleep(1.0)


def find_dialog(app, button_name):
    """The top-level window of @app that holds a button named @button_name
    (a dialog's own button, such as "Add Rule"), or None."""
    for i in range(app.accessible.childCount):
        window = app.accessible.getChildAtIndex(i)
        if window is None:
            continue
        if find_all(window, "button", button_name):
            return window
    return None


class _XWindowAttributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int),
                ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("border_width", ctypes.c_int), ("depth", ctypes.c_int),
                ("visual", ctypes.c_void_p), ("root", ctypes.c_ulong),
                ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int),
                ("backing_planes", ctypes.c_ulong), ("backing_pixel", ctypes.c_ulong),
                ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int),
                ("all_event_masks", ctypes.c_long), ("your_event_mask", ctypes.c_long),
                ("do_not_propagate_mask", ctypes.c_long), ("override_redirect", ctypes.c_int),
                ("screen", ctypes.c_void_p)]


def _x11():
    library = ctypes.util.find_library("X11")
    if library is None:
        raise Skip("libX11 is not installed: the window cannot be resized")
    x = ctypes.CDLL(library)
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XDefaultRootWindow.restype = ctypes.c_ulong
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                             ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                             ctypes.POINTER(ctypes.c_uint)]
    x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_XWindowAttributes)]
    x.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long,
                                     ctypes.c_long, ctypes.c_int, ctypes.c_ulong,
                                     ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int),
                                     ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
                                     ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))]
    x.XResizeWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_uint, ctypes.c_uint]
    x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x.XFree.argtypes = [ctypes.c_void_p]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return x


def _window_pid(x, display, window, atom):
    actual_type, actual_format = ctypes.c_ulong(), ctypes.c_int()
    n_items, after = ctypes.c_ulong(), ctypes.c_ulong()
    data = ctypes.POINTER(ctypes.c_ubyte)()
    if x.XGetWindowProperty(display, window, atom, 0, 1, 0, 6,  # XA_CARDINAL
                            ctypes.byref(actual_type), ctypes.byref(actual_format),
                            ctypes.byref(n_items), ctypes.byref(after), ctypes.byref(data)) != 0:
        return None
    try:
        if n_items.value < 1 or actual_format.value != 32:
            return None
        return ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0]
    finally:
        if data:
            x.XFree(data)


def resize_window(app, width, height):
    """Resizes the editor's mapped top-level window(s) to @width x @height
    as a window manager would (Xvfb runs none, so the X server obeys the
    request as it is: a window that cannot be that small gets cut off, which
    is what a test of narrow windows wants to see), then waits until the
    window's frame reports the new width."""
    x = _x11()
    display = x.XOpenDisplay(None)
    if not display:
        raise Failure("cannot open the X display to resize the window")
    try:
        root = x.XDefaultRootWindow(display)
        atom = x.XInternAtom(display, b"_NET_WM_PID", 0)
        root_return, parent_return = ctypes.c_ulong(), ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        n_children = ctypes.c_uint()
        x.XQueryTree(display, root, ctypes.byref(root_return), ctypes.byref(parent_return),
                     ctypes.byref(children), ctypes.byref(n_children))
        windows = []
        for i in range(n_children.value):
            window = children[i]
            attributes = _XWindowAttributes()
            if not x.XGetWindowAttributes(display, window, ctypes.byref(attributes)):
                continue
            if attributes.map_state != 2 or attributes.override_redirect:  # IsViewable
                continue
            if _window_pid(x, display, window, atom) == app.process.pid:
                windows.append(window)
        if children:
            x.XFree(children)
        if not windows:
            raise Failure("found no window of the editor to resize")
        for window in windows:
            x.XResizeWindow(display, window, width, height)
        x.XSync(display, 0)
    finally:
        x.XCloseDisplay(display)
    log(f"resized the window to {width}x{height}")
    time.sleep(1.0)


def start_a11y_bus():
    """Starts the accessibility bus of this (private) session unless it runs
    already. D-Bus activation would start it too; doing it here makes a
    missing at-spi2-core a clear error instead of a timeout."""
    if os.environ.get("AT_SPI_BUS_ADDRESS"):
        return None
    launcher = "/usr/libexec/at-spi-bus-launcher"
    if not os.access(launcher, os.X_OK):
        log(f"{launcher} not found; relying on D-Bus activation of org.a11y.Bus")
        return None
    process = subprocess.Popen([launcher, "--launch-immediately"],
                               stdin=subprocess.DEVNULL)
    _ACCESSORIES.append(process)

    # Ask the bus whether the name has an owner: calling org.a11y.Bus itself
    # would have D-Bus start a second launcher.
    def bus_up():
        result = subprocess.run(
            ["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
             "--object-path", "/org/freedesktop/DBus",
             "--method", "org.freedesktop.DBus.NameHasOwner", "org.a11y.Bus"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=10)
        return result.returncode == 0 and "true" in result.stdout

    if shutil.which("gdbus"):
        wait_for(bus_up, timeout=15, message="the accessibility bus (org.a11y.Bus)")
    return process


_ACCESSORIES = []


class App:
    """The editor under test: its process and its accessible application."""

    def __init__(self, process, accessible):
        self.process = process
        self.accessible = accessible

    def find(self, role=None, name=None, timeout=10.0):
        return find(self.accessible, role, name, timeout=timeout)

    def find_all(self, role=None, name=None):
        return find_all(self.accessible, role, name)

    def dump(self):
        return dump(self.accessible)

    def stop(self):
        stop_process(self.process)
        check_log(self.process)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback_):
        try:
            self.stop()
        except Failure as failure:
            if exc_type is None:
                raise
            log(f"also: {failure}")
        return False


# Messages of the toolkit itself that a test may see; anything else the
# editor logs as critical or warning is a failure.
KNOWN_TOOLKIT_MESSAGES = (
    "g_variant_is_object_path: assertion 'string != NULL' failed",
    "g_variant_new_object_path: assertion 'g_variant_is_object_path (object_path)' failed",
    "Screen coordinates not supported",
    "Broken accounting of active state",
)


def check_log_text(text):
    """Raises Failure when the editor's standard error @text holds a
    critical or a warning other than the toolkit's known ones."""
    bad = [line for line in text.splitlines()
           if ("CRITICAL" in line or "WARNING" in line)
           and not any(known in line for known in KNOWN_TOOLKIT_MESSAGES)
           and "dbind-WARNING" not in line]
    if bad:
        raise Failure("the editor logged:\n" + "\n".join(bad))


def check_log(process):
    path = getattr(process, "np_log_path", None)
    if not path or not os.path.exists(path):
        return
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    os.unlink(path)
    if text.strip():
        sys.stderr.write(text)
    check_log_text(text)


def stop_process(process, grace=5.0):
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=grace)


def _find_application(pid, names):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        try:
            application = desktop.getChildAtIndex(i)
            if application is None:
                continue
            if application.get_process_id() == pid or application.name in names:
                return application
        except Exception:
            continue
    return None


def start_app(args=(), env=None, timeout=30.0):
    """Starts $NETPOL_EDITOR with @args and waits until its window shows in
    the accessibility tree. Returns an App (a context manager that stops it)."""
    executable = os.environ.get("NETPOL_EDITOR")
    if not executable:
        raise Failure("NETPOL_EDITOR is not set (run the test through meson)")
    if not os.access(executable, os.X_OK):
        raise Failure(f"NETPOL_EDITOR={executable} is not an executable")

    start_a11y_bus()

    app_env = dict(os.environ)
    app_env.pop("NO_AT_BRIDGE", None)
    app_env.setdefault("GTK_A11Y", "atspi")
    app_env.setdefault("GSETTINGS_BACKEND", "memory")
    # Criticals are not fatal here: GTK 4.8's AT-SPI code logs one of its own
    # (g_variant_is_object_path, for widgets it has not registered yet) when
    # a test walks the tree while the canvas rebuilds. Every other critical
    # or warning the editor logs fails the test when it stops (see App.stop).
    # A state folder of its own: recovery files a stopped editor leaves
    # behind must not turn up as an offer in the next test.
    app_env["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="netpol-state-")
    if env:
        app_env.update(env)

    log(f"starting {executable} {' '.join(args)}")
    log_file = tempfile.NamedTemporaryFile(prefix="netpol-editor-", suffix=".log", delete=False)
    process = subprocess.Popen([executable, *args], env=app_env,
                               stdin=subprocess.DEVNULL, stderr=log_file)
    process.np_log_path = log_file.name
    log_file.close()
    names = {"netpol-editor", "Network Policy Editor", os.path.basename(executable)}

    def application_with_window():
        if process.poll() is not None:
            raise Failure(f"{executable} exited with status {process.returncode} "
                          "before its window appeared")
        application = _find_application(process.pid, names)
        if application is None or application.childCount == 0:
            return None
        return application

    try:
        accessible = wait_for(application_with_window, timeout=timeout,
                              message="the editor's window in the accessibility tree")
    except BaseException:
        stop_process(process)
        raise
    log(f"found the application: {describe(accessible)}")
    return App(process, accessible)


def main(test):
    """Runs @test() and exits: 0 when it returns, 1 when it raises (with
    the reason), 77 when it raises Skip."""
    status = 0
    try:
        test()
        log("PASS")
    except Skip as skip:
        print(f"SKIP: {skip}")
        status = SKIP
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        status = 1
    except Exception:
        traceback.print_exc()
        print("FAIL: the test raised an unexpected exception", file=sys.stderr)
        status = 1
    finally:
        for process in reversed(_ACCESSORIES):
            stop_process(process)
    sys.exit(status)


class Skip(Exception):
    """Raise to mark the test as skipped (exit 77)."""
