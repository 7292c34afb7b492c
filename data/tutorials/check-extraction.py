#!/usr/bin/python3
# check-extraction.py: xgettext finds every text of the tutorial content
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: check-extraction.py XGETTEXT TUTORIALS_XML

Runs xgettext with the rules in its/ (as po/meson.build does through
GETTEXTDATADIRS) and fails unless every <title>, <summary> and <p> of the
content is extracted, with its white space collapsed the way
src/core/np-tutorial.c looks it up, and nothing else is."""

import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def main():
    xgettext, content = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(content))
    expected = set()
    for element in ET.parse(content).iter():
        if element.tag in ("title", "summary", "p"):
            expected.add(" ".join("".join(element.itertext()).split()))

    with tempfile.TemporaryDirectory() as folder:
        pot = os.path.join(folder, "t.pot")
        env = dict(os.environ, GETTEXTDATADIRS=here)
        subprocess.run([xgettext, "--from-code=UTF-8", "-o", pot, content], env=env, check=True)
        with open(pot, encoding="utf-8") as stream:
            text = stream.read()

    found = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, re.M):
        msgid = "".join(re.findall(r'"(.*)"', block))
        msgid = msgid.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
        if msgid:
            found.add(msgid)

    missing, extra = expected - found, found - expected
    for message in sorted(missing):
        print(f"not extracted: {message!r}", file=sys.stderr)
    for message in sorted(extra):
        print(f"extracted but not a text of the content: {message!r}", file=sys.stderr)
    print(f"{len(expected)} texts, {len(found)} extracted")
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main())
