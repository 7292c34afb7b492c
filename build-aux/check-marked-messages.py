#!/usr/bin/python3
# check-marked-messages.py: messages meant for people are marked for translation
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: check-marked-messages.py SOURCE_ROOT [ALLOW_LIST]
       check-marked-messages.py --self-test FIXTURE_FOLDER

Scans src/**/*.c for calls of the functions that carry text to people
(diagnostics, evaluator notes, lint findings, errors, toasts, labels) and
fails, naming file:line, when the message argument is a plain string literal
rather than _("…"), N_("…"), C_()/NC_() or ngettext/g_dngettext. It looks
through g_strdup()/g_strdup_printf(), extra parentheses and ?: so that
g_strdup (("…")) is caught too, and checks what is assigned to a note or
message field the same way.

Not messages, so not reported: a literal without a letter outside its
conversions ("%s", "%s: %s", ""), and any argument that is not a literal
(a variable, another call): what it holds is judged where it is written.
A command's name before the message ("netpol: %s") is no prose either.
A deliberate exception says so on the same line with a comment starting
`not translated:`, followed by the reason.

A file's own helper in the table that the file no longer calls (renamed,
moved to a shared file) fails the check too, so that the table follows.

ALLOW_LIST names findings to let pass for now, one "path:function" a line
(# starts a comment): for files another branch is rewriting. It should be
empty; a line that no longer matches anything is reported, so that it goes.

--self-test scans FIXTURE_FOLDER (a tree with src/) and compares the
findings with the lines that end in the comment /* expect: unmarked */: any
difference fails."""

import os
import re
import sys

# The functions that take a message, and which argument (0-based) it is.
# A file name keys the table of a file's own helper of a common name.
MESSAGE_ARGUMENTS = {
    # core: diagnostics and what builds them
    "np_diagnostic_new": 3,
    "np_diagnostic_new_at_node": 4,
    "np_diagnostic_list_add": 5,
    "np_evaluator_add_note": 1,
    # GLib errors
    "g_set_error": 3,
    "g_set_error_literal": 3,
    "g_prefix_error": 1,
    "g_prefix_error_literal": 1,
    "g_propagate_prefixed_error": 2,
    # what people read in the window
    "adw_toast_new": 0,
    "np_window_toast": 1,
    "np_field_message_set": 3,
    "gtk_label_new": 0,
    "gtk_label_set_text": 1,
    "gtk_label_set_markup": 1,
    "gtk_label_set_label": 1,
    "gtk_button_set_label": 1,
    "gtk_button_new_with_label": 0,
    "gtk_button_new_with_mnemonic": 0,
    "gtk_check_button_new_with_label": 0,
    "gtk_widget_set_tooltip_text": 1,
    "gtk_window_set_title": 1,
    "gtk_editable_set_placeholder_text": 1,
    "gtk_entry_set_placeholder_text": 1,
    "adw_window_title_set_title": 1,
    "adw_window_title_set_subtitle": 1,
    "adw_preferences_row_set_title": 1,
    "adw_preferences_group_set_title": 1,
    "adw_preferences_group_set_description": 1,
    "adw_action_row_set_subtitle": 1,
    "adw_expander_row_set_subtitle": 1,
    "adw_status_page_set_title": 1,
    "adw_status_page_set_description": 1,
    "adw_message_dialog_new": (1, 2),
    "adw_message_dialog_set_heading": 1,
    "adw_message_dialog_set_body": 1,
    "adw_message_dialog_format_body": 1,
    "adw_message_dialog_add_response": 2,
    "adw_toast_set_title": 1,
    "adw_toast_set_button_label": 1,
    "gtk_file_filter_set_name": 1,
    "gtk_string_list_append": 1,
    "g_menu_append": 1,
    "g_menu_append_section": 1,
    "g_menu_append_submenu": 1,
    "g_menu_item_new": 0,
    "gtk_file_chooser_native_new": (0, 3, 4),
    # the command line
    "g_option_context_new": 0,
    "g_option_context_set_summary": 1,
    "g_option_context_set_description": 1,
    "netpol_option_context_new": (2, 3),
    "g_printerr": 0,
    # the files' own helpers
    "src/core/np-flow-generator.c": {"report": 2},
    "src/core/np-flow-reader.c": {"add_diagnostic": 6},
    "src/core/np-validator.c": {"report": 5},
    "src/core/np-cilium-validator.c": {"report": 5},
    "src/core/np-lint.c": {"add": 4},
    "src/core/np-convert.c": {"loss": 3},
    "src/core/np-k8s-names.c": {"problems_add": 2, "fail": 1},
    "src/core/np-yaml-reader.c": {"set_error": 4, "set_error_at_mark": 3},
    "src/app/np-preferences-window.c": {"show_error": 1},
    "src/app/np-selector-editor.c": {"np_selector_editor_show_message": 1},
}

# Functions that take name/value pairs: the value after a name that matches
# is shown (or, for the accessible properties, said by a screen reader).
TEXT_PROPERTIES = re.compile(r'^"(label|title|subtitle|description|tooltip-text|placeholder-text|'
                             r'empty-text|text|heading|body)"$')
PAIR_FUNCTIONS = {
    "gtk_accessible_update_property": re.compile(
        r"^GTK_ACCESSIBLE_PROPERTY_(LABEL|DESCRIPTION|PLACEHOLDER|ROLE_DESCRIPTION|VALUE_TEXT)$"),
    "g_object_set": TEXT_PROPERTIES,
    "g_object_new": TEXT_PROPERTIES,
    # "cancel", _("_Cancel"), "save", _("_Save"), NULL: every name is a label's id
    "adw_message_dialog_add_responses": re.compile(r'^"[^"]*"$'),
}

# Fields whose value is shown as written.
MESSAGE_FIELDS = re.compile(r"(?:->|\.)\s*(note|message)\s*=(?!=)")

MARKERS = ("_", "N_", "C_", "NC_", "ngettext", "g_dngettext", "g_dgettext", "g_dpgettext2",
           "dngettext", "dgettext")
WRAPPERS = ("g_strdup", "g_strdup_printf", "g_strconcat")

OPT_OUT = re.compile(r"/\*\s*not translated:")
EXPECT = re.compile(r"/\*\s*expect:\s*unmarked\s*\*/")
CONVERSION = re.compile(r"%[-+ #0-9.*]*(?:l|ll|h|hh|z|j|t|L)?[diouxXeEfgGcsp%]")


def blank_comments(text):
    """The text with comments replaced by spaces (newlines kept), so that
    positions and line numbers stay; string and character literals stay."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif c == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def skip_literal(text, i):
    quote = text[i]
    j = i + 1
    while j < len(text) and text[j] != quote:
        j += 2 if text[j] == "\\" else 1
    return j + 1


def split_arguments(text, start):
    """The top-level arguments of the call whose '(' is at @start, as
    (offset, text) pairs, and the offset after its ')'."""
    arguments = []
    depth = 0
    begin = start + 1
    i = start
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = skip_literal(text, i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                arguments.append((begin, text[begin:i]))
                return arguments, i + 1
        elif c == "," and depth == 1:
            arguments.append((begin, text[begin:i]))
            begin = i + 1
        i += 1
    return arguments, len(text)


def split_top(expression, separators):
    """Splits @expression at top-level characters of @separators."""
    parts = []
    depth = 0
    begin = 0
    i = 0
    while i < len(expression):
        c = expression[i]
        if c in "\"'":
            i = skip_literal(expression, i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c in separators and depth == 0:
            parts.append(expression[begin:i])
            begin = i + 1
        i += 1
    parts.append(expression[begin:])
    return parts


COMMAND_PREFIX = re.compile(r"^\s*netpol(?:-editor)?(?: [a-z-]+)?:")
LITERALS = re.compile(r'^(?:\s*(?:"(?:[^"\\]|\\.)*"|G_G[A-Z0-9_]+_FORMAT))+\s*$', re.S)


def is_message_literal(expression):
    """A plain literal (or adjacent ones) with a letter outside its conversions."""
    if not LITERALS.match(expression) or '"' not in expression:
        return False
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', expression))
    text = CONVERSION.sub("", text)
    text = re.sub(r"\\.", " ", text)
    # "netpol: %s\n", "netpol from-flows: %s": a command's name before its
    # message is the same in every language.
    text = COMMAND_PREFIX.sub("", text)
    return re.search(r"[A-Za-z]", text) is not None


def unmarked(expression):
    """The unmarked message literal that @expression, an argument, is or
    passes on, or None."""
    expression = expression.strip()
    if not expression:
        return None
    # a ? b : c: either branch may be shown
    if "?" in expression:
        question = split_top(expression, "?")
        if len(question) == 2:
            branches = split_top(question[1], ":")
            if len(branches) == 2:
                return unmarked(branches[0]) or unmarked(branches[1])
    call = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*\(", expression)
    if call:
        name = call.group(1)
        if name not in WRAPPERS:
            return None
        arguments, end = split_arguments(expression, call.end() - 1)
        if expression[end:].strip() or not arguments:
            return None
        if name == "g_strconcat":
            return next(filter(None, (unmarked(argument) for _, argument in arguments)), None)
        return unmarked(arguments[0][1])
    # "(char *) x" is a cast; "(x)" only parentheses
    cast = CAST.match(expression)
    if cast:
        return unmarked(expression[cast.end():])
    if expression.startswith("("):
        arguments, end = split_arguments(expression, 0)
        if len(arguments) == 1 and not expression[end:].strip():
            return unmarked(arguments[0][1])
        return None
    return expression if is_message_literal(expression) else None


CAST = re.compile(r"^\(\s*(?:const\s+)?[A-Za-z_][A-Za-z0-9_]*\s*\*+\s*\)")


def table_for(relative):
    table = {name: index for name, index in MESSAGE_ARGUMENTS.items() if not isinstance(index, dict)}
    table.update(MESSAGE_ARGUMENTS.get(relative, {}))
    return table


CALL = re.compile(r"(?<![A-Za-z0-9_.>])([A-Za-z_][A-Za-z0-9_]*)\s*\(")
PARAMETER = re.compile(r"^\s*(?:void|(?:const\s+)?[A-Za-z_][A-Za-z0-9_]*(?:\s+|\s*\*+\s*)"
                       r"(?:const\s+)?\**\s*[A-Za-z_][A-Za-z0-9_]*)\s*$")


# (file, function) of the files' own helpers that a scan saw called.
CALLED_HELPERS = set()


def stale_helpers(root):
    """The files' own helpers of the table that no file calls any more:
    renamed or moved, so the table must follow."""
    stale = []
    for relative, helpers in MESSAGE_ARGUMENTS.items():
        if not isinstance(helpers, dict):
            continue
        for function in helpers:
            if (relative, function) not in CALLED_HELPERS:
                stale.append(f"{relative}: {function}()")
    return stale


def scan_file(path, relative):
    """The findings of one file: (line, function, message text)."""
    with open(path, encoding="utf-8", errors="replace") as stream:
        original = stream.read()
    text = blank_comments(original)
    lines = original.split("\n")
    table = table_for(relative)
    findings = []

    def line_of(offset):
        return text.count("\n", 0, offset) + 1

    def report(offset, function, expression, literal):
        # Where the literal itself starts, not the argument (a ?: may span lines).
        offset += max(expression.find(literal), 0)
        expression = literal
        first = line_of(offset)
        last = line_of(offset + len(expression))
        # The opt-out comment may sit on any line the argument spans.
        if any(OPT_OUT.search(lines[number - 1]) for number in range(first, last + 1)):
            return
        findings.append((first, function, " ".join(literal.split())))

    for match in CALL.finditer(text):
        function = match.group(1)
        if function not in table and function not in PAIR_FUNCTIONS:
            continue
        arguments, _ = split_arguments(text, match.end() - 1)
        # A prototype or definition, not a call: its first argument declares
        # a parameter ("Generator *g", "const char *text", "void").
        if arguments and PARAMETER.match(arguments[0][1]):
            continue
        if isinstance(MESSAGE_ARGUMENTS.get(relative), dict) and function in MESSAGE_ARGUMENTS[relative]:
            CALLED_HELPERS.add((relative, function))
        if function in PAIR_FUNCTIONS:
            position = 1
            while position < len(arguments) - 1:
                if PAIR_FUNCTIONS[function].match(arguments[position][1].strip()):
                    offset, expression = arguments[position + 1]
                    literal = unmarked(expression)
                    if literal:
                        report(offset, function, expression, literal)
                    position += 1
                position += 1
            continue
        indexes = table[function]
        if isinstance(indexes, int):
            indexes = (indexes,)
        for index in indexes:
            if index < len(arguments):
                offset, expression = arguments[index]
                literal = unmarked(expression)
                if literal:
                    report(offset, function, expression, literal)

    for match in MESSAGE_FIELDS.finditer(text):
        end = text.find(";", match.end())
        expression = text[match.end():end if end >= 0 else len(text)]
        literal = unmarked(expression)
        if literal:
            report(match.end(), match.group(1) + " =", expression, literal)

    return findings


def scan_tree(root):
    """The findings under @root/src: (relative path, line, function, text)."""
    found = []
    for folder, subfolders, files in os.walk(os.path.join(root, "src")):
        subfolders.sort()
        for name in sorted(files):
            if not name.endswith(".c") or name.startswith((".", "#")):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            for line, function, literal in scan_file(path, relative):
                found.append((relative, line, function, literal))
    return found


def read_allow_list(path):
    allowed = []
    if path is None:
        return allowed
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            line = line.split("#", 1)[0].strip()
            if line:
                allowed.append(line)
    return allowed


def self_test(folder):
    found = {(relative, line) for relative, line, _, _ in scan_tree(folder)}
    expected = set()
    for path_folder, subfolders, files in os.walk(os.path.join(folder, "src")):
        for name in files:
            if not name.endswith(".c"):
                continue
            path = os.path.join(path_folder, name)
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            with open(path, encoding="utf-8") as stream:
                for number, line in enumerate(stream, 1):
                    if EXPECT.search(line):
                        expected.add((relative, number))
    failed = False
    for relative, line in sorted(expected - found):
        print(f"self-test: {relative}:{line} is unmarked but was not found", file=sys.stderr)
        failed = True
    for relative, line in sorted(found - expected):
        print(f"self-test: {relative}:{line} was reported but is fine", file=sys.stderr)
        failed = True
    if not expected:
        print("self-test: the fixture expects no finding, so it tests nothing", file=sys.stderr)
        failed = True
    if failed:
        return 1
    print(f"self-test: found the {len(expected)} unmarked messages of the fixture and nothing else")
    return 0


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--self-test":
        return self_test(sys.argv[2])
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    allowed = read_allow_list(sys.argv[2] if len(sys.argv) > 2 else None)
    used = set()
    problems = []
    found = scan_tree(root)
    for relative, line, function, literal in found:
        key = f"{relative}:{function}"
        if key in allowed:
            used.add(key)
            continue
        what = function if function.endswith("=") else f"{function}()"
        problems.append(f"{relative}:{line}: {what} is given an unmarked message: {literal}")
    for helper in stale_helpers(root):
        problems.append(f"the table of message functions names {helper}, which nothing calls "
                        "there now: update MESSAGE_ARGUMENTS")
    for key in allowed:
        if key not in used:
            problems.append(f"the allow list names {key}, which has no unmarked message now: "
                            "remove the line")
    if problems:
        for problem in problems:
            print(f"check-marked-messages: {problem}", file=sys.stderr)
        print("check-marked-messages: mark the message with _() (N_() where it is stored), or, "
              "when it is not for people, say so on its line: /* not translated: why */",
              file=sys.stderr)
        return 1
    print(f"check-marked-messages: every message that src/ gives to the {len(table_for(''))} "
          f"message functions (and their files' own) is marked; {len(found)} allowed for now")
    return 0


if __name__ == "__main__":
    sys.exit(main())
