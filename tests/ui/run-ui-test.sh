#!/usr/bin/env bash
# run-ui-test.sh: runs one UI test script on a private X server and D-Bus session
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-ui-test.sh TEST.py   (exit 77 = skipped, as meson understands it)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
test_script="$here/${1:?usage: run-ui-test.sh TEST.py}"

for tool in xvfb-run dbus-run-session; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (build-aux/dev deps installs it)"
    exit 77
  fi
done
if ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
  echo "SKIP: /usr/bin/python3 cannot import pyatspi (install python3-pyatspi)"
  /usr/bin/python3 -c 'import pyatspi' 2>&1 | tail -n 1 || true
  exit 77
fi

# Nothing of the caller's desktop session may leak in.
unset WAYLAND_DISPLAY DISPLAY DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS NO_AT_BRIDGE
export GDK_BACKEND=x11
export GTK_A11Y=atspi
# No __pycache__ in the source tree.
export PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"

# xvfb-run -a takes the first free display from -n on; a random start keeps
# back-to-back runs off a display whose server is still shutting down.
# -noreset: by default the X server resets when its last client leaves, and
# hangs up on anyone connecting meanwhile (the a11y bus launcher comes and
# goes just before the app connects).
exec xvfb-run -a -n "$((100 + RANDOM % 800))" -s '-screen 0 1280x900x24 -noreset' \
  dbus-run-session -- /usr/bin/python3 "$test_script"
