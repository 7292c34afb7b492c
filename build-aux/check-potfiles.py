#!/usr/bin/python3
# check-potfiles.py: po/POTFILES.in lists every source file with translatable strings, sorted
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: check-potfiles.py SOURCE_ROOT

Fails when a file under src/ marks strings for translation (_(" N_(" C_("
NC_(" ngettext ( g_dngettext ( or translatable="yes") but po/POTFILES.in
does not list it, when POTFILES.in lists a file that does not exist, or when
POTFILES.in is not sorted or has duplicates."""

import os
import re
import sys

MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:N?C?_|ngettext|g_dngettext)\s*\(\s*"|translatable="yes"')
SUFFIXES = (".c", ".h", ".ui", ".py", ".js", ".vala", ".blp", ".xml", ".in")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    potfiles_path = os.path.join(root, "po", "POTFILES.in")
    with open(potfiles_path, encoding="utf-8") as stream:
        listed = [line.strip() for line in stream
                  if line.strip() and not line.lstrip().startswith("#")]

    problems = []
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f"POTFILES.in lists {path}, which does not exist")
    if listed != sorted(listed):
        problems.append("POTFILES.in is not sorted; it should read:\n  "
                        + "\n  ".join(sorted(set(listed))))
    duplicates = sorted({path for path in listed if listed.count(path) > 1})
    for path in duplicates:
        problems.append(f"POTFILES.in lists {path} more than once")

    found = []
    for folder, subfolders, files in os.walk(os.path.join(root, "src")):
        subfolders.sort()
        for name in sorted(files):
            # Skip editors' backup and lock files.
            if not name.endswith(SUFFIXES) or name.startswith((".", "#")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", errors="replace") as stream:
                if MARKERS.search(stream.read()):
                    found.append(os.path.relpath(path, root).replace(os.sep, "/"))
    for path in found:
        if path not in listed:
            problems.append(f"{path} has translatable strings but is not in po/POTFILES.in")

    if problems:
        for problem in problems:
            print(f"check-potfiles: {problem}", file=sys.stderr)
        return 1
    print(f"POTFILES.in: {len(listed)} files, sorted; "
          f"all {len(found)} files under src/ with translatable strings are listed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
