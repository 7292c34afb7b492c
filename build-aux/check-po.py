#!/usr/bin/python3
# check-po.py: every translation in po/LINGUAS is valid and complete
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: check-po.py SOURCE_ROOT [MSGFMT [XGETTEXT MSGCMP]]

For each language in po/LINGUAS, runs `msgfmt --check --statistics` on
po/LANG.po and fails on errors, fuzzy or untranslated messages. With
xgettext and msgcmp given, it also extracts the current messages from the
files in po/POTFILES.in (as the i18n module does) and fails when LANG.po
lacks a translation of any of them: update it with
`meson compile -C BUILD netpol-editor-update-po` and translate what is new."""

import os
import re
import subprocess
import sys
import tempfile

# The arguments meson's i18n.gettext(preset: 'glib') gives xgettext.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_set_error:4:c-format", "--flag=g_printerr:1:c-format", "--flag=g_print:1:c-format",
]


def linguas(root):
    with open(os.path.join(root, "po", "LINGUAS"), encoding="utf-8") as stream:
        for line in stream:
            line = line.split("#", 1)[0]
            yield from line.split()


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    msgfmt = sys.argv[2] if len(sys.argv) > 2 else "msgfmt"
    xgettext = sys.argv[3] if len(sys.argv) > 3 else None
    msgcmp = sys.argv[4] if len(sys.argv) > 4 else None
    languages = list(linguas(root))
    if not languages:
        print("check-po: po/LINGUAS names no language", file=sys.stderr)
        return 1

    pot = None
    temporary = tempfile.TemporaryDirectory()
    if xgettext and msgcmp:
        pot = os.path.join(temporary.name, "messages.pot")
        result = subprocess.run(
            [xgettext, *XGETTEXT_ARGS, "--package-name=netpol-editor",
             f"--files-from={os.path.join(root, 'po', 'POTFILES.in')}",
             f"--directory={root}", f"--output={pot}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            print(f"check-po: xgettext failed:\n{result.stdout}", file=sys.stderr)
            return 1

    failed = False
    for language in languages:
        po = os.path.join(root, "po", f"{language}.po")
        if not os.path.isfile(po):
            print(f"check-po: po/LINGUAS names {language}, but po/{language}.po is missing",
                  file=sys.stderr)
            failed = True
            continue
        result = subprocess.run([msgfmt, "--check", "--statistics", "-o", os.devnull, po],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = result.stdout.strip()
        print(f"{language}.po: {output}")
        if result.returncode != 0:
            print(f"check-po: msgfmt --check found errors in po/{language}.po", file=sys.stderr)
            failed = True
        if re.search(r"\d+ (fuzzy|untranslated)", output):
            print(f"check-po: po/{language}.po has fuzzy or untranslated messages",
                  file=sys.stderr)
            failed = True
        if pot:
            result = subprocess.run([msgcmp, po, pot],
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if result.returncode != 0:
                print(f"check-po: po/{language}.po lacks messages the sources have now "
                      f"(update it: meson compile -C BUILD netpol-editor-update-po, then "
                      f"translate):\n{result.stdout}", file=sys.stderr)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
