# test_renderer.py: the editor draws with cairo where OpenGL is drawn on the CPU
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Under Xvfb OpenGL is Mesa's llvmpipe: the editor's windows are drawn with
# GTK's cairo renderer (src/app/np-renderer.c), unless GSK_RENDERER says
# otherwise, and OpenGL still draws a window when it is asked to. Each run
# starts the editor with NETPOL_EDITOR_REPORT_STARTUP=quit, which writes the
# renderer of its first frame and the display's OpenGL, and quits.
import os
import re
import subprocess
import tempfile

import npui

REPORT = re.compile(r"netpol-editor: first frame: .*; renderer (\S+), OpenGL (.*)")
SOFTWARE = ("llvmpipe", "softpipe", "Software Rasterizer", "swrast")


def first_frame(extra):
    """(renderer, OpenGL) of an editor started with @extra in its environment."""
    env = dict(os.environ)
    env.pop("GSK_RENDERER", None)
    env.update({"NETPOL_EDITOR_REPORT_STARTUP": "quit", "GSETTINGS_BACKEND": "memory",
                "NO_AT_BRIDGE": "1", "GTK_A11Y": "none",
                "XDG_STATE_HOME": tempfile.mkdtemp(prefix="netpol-state-")})
    env.update(extra)
    npui.log(f"starting the editor with {extra or 'nothing set'}")
    done = subprocess.run([os.environ["NETPOL_EDITOR"]], env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60,
                          check=False)
    npui.check_log_text(done.stderr)
    match = REPORT.search(done.stderr)
    if done.returncode != 0 or match is None:
        raise npui.Failure(f"the editor (status {done.returncode}) reported no first frame:\n{done.stderr}")
    npui.log(f"renderer {match.group(1)}, OpenGL {match.group(2)}")
    return match.group(1), match.group(2)


def test():
    renderer, gl = first_frame({})
    if gl.startswith("not asked"):
        raise npui.Skip(f"GTK 4.14 or later chooses its renderer itself (it chose {renderer})")
    software = any(name in gl for name in SOFTWARE)
    if (gl == "none" or software) and renderer != "GskCairoRenderer":
        raise npui.Failure(f"OpenGL is {gl!r}, yet the editor drew with {renderer}")
    if gl != "none" and not software and renderer == "GskCairoRenderer":
        raise npui.Failure(f"OpenGL is {gl!r} (a GPU), yet the editor drew with cairo")

    # A person's choice stands.
    renderer, _ = first_frame({"GSK_RENDERER": "cairo"})
    if renderer != "GskCairoRenderer":
        raise npui.Failure(f"GSK_RENDERER=cairo, yet the editor drew with {renderer}")
    if gl == "none":
        raise npui.Skip("no OpenGL on this display: GSK_RENDERER=gl cannot be tried")
    renderer, _ = first_frame({"GSK_RENDERER": "gl"})
    if renderer != "GskGLRenderer":
        raise npui.Failure(f"GSK_RENDERER=gl, yet the editor drew with {renderer}")


if __name__ == "__main__":
    npui.main(test)
