# test_flows_page.py: the side panel's flows page reads a corpus flow log through the file
# chooser, filters and sorts it, adds rules to the edited policy as one undo step, replays the
# flows against it and generates a policy for a workload
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import tempfile

import npui
from test_cilium_canvas import choose

FLOWS = os.path.abspath(os.path.join(os.environ.get("NP_SHARED_DIR", "../shared"), "corpus", "flows",
                                     "hubble-otel-basic-sample-10-flows.json"))
# 10 records, none identical: 10 rows (tests/test-flows.c reads the same file).
N_FLOWS = 10
# Two of the workloads the flows show, as the Workload drop-down lists them.
GALLEY = "istio-system:app=galley,chart=galley,heritage=Tiller,istio=galley,release=istio"
REVIEWS = "bookinfo:app=reviews,security.istio.io/tlsMode=istio,version=v1"


def rows(app):
    """The rows the table shows, each as its cell texts."""
    table = app.find({npui.pyatspi.ROLE_TREE_TABLE}, "Flows")
    found = []
    for node in npui.iter_tree(table):
        try:
            if node.getRole() != npui.pyatspi.ROLE_TABLE_ROW:
                continue
            cells = []
            for i in range(node.childCount):
                cell = node.getChildAtIndex(i)
                if cell.getRole() == npui.pyatspi.ROLE_TABLE_CELL:
                    cells.append(cell.getChildAtIndex(0).name if cell.childCount > 0 else "")
        except Exception:
            continue
        if cells and any(cells):
            found.append(cells)
    return found


# GTK 4.8 names a label by its text even when it has an accessible name of
# its own: the page's reports are found by what they say.
KINDS = {
    "Shown flows": lambda t: t.endswith(" shown"),
    "Flows file status": lambda t: " flow records in " in t or " flow record in " in t,
    "Replay summary": lambda t: " forwarded flow" in t,
}


def label_text(app, name):
    """The text of the page's report @name (a key of KINDS), or None."""
    for node in npui.iter_tree(app.accessible):
        try:
            if node.getRole() == npui.pyatspi.ROLE_LABEL and KINDS[name](node.name or ""):
                return node.name
        except Exception:
            continue
    return None


def port(cells):
    return int(cells[2].split("/")[0])


def message(app):
    """What the page's message area says (its description: the label's name
    is its text, see KINDS)."""
    for node in npui.find_all(app.accessible, "label"):
        try:
            if node.description and ("error:" in node.description or "warning:" in node.description):
                return node.description
        except Exception:
            continue
    return None


def no_policy(app):
    for node in npui.find_all(app.accessible, "label"):
        try:
            if node.description and "nothing to write a policy for" in node.description:
                return node.description
        except Exception:
            continue
    return None


def open_flows(app, path):
    npui.click(app.find("button", "Open flows file"))
    # GtkFileChooserNative without a portal is GTK's own dialog: Ctrl+L
    # gives a location entry to type the path into.
    npui.wait_for(lambda: npui.find_dialog(app, "Cancel") or npui.find_dialog(app, "_Cancel"),
                  message="the file chooser")
    npui.time.sleep(0.5)
    npui.key_combo("control", "l")
    npui.time.sleep(0.3)
    npui.key_combo("control", "a")
    npui.pyatspi.Registry.generateKeyboardEvent(0, path, npui.pyatspi.KEY_STRING)
    npui.time.sleep(0.3)
    npui.press_keys("Return")
    npui.settle_after_closing_window()


def test():
    with npui.start_app() as app:
        preview = app.find("text", "YAML preview")
        namespace = app.find("entry", "Policy namespace")
        if not npui.find_all(app.accessible, {npui.pyatspi.ROLE_PAGE_TAB}, "Flows"):
            npui.press_keys("F9")
        npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Flows"))

        # The blank policy, moved to istio-system: it isolates every pod there.
        npui.set_text(namespace, "istio-system")
        npui.activate_entry(namespace)
        npui.wait_for(lambda: "namespace: istio-system" in npui.get_text(preview), message="the namespace edit")

        # Bad lines are reported as the core reports them, with their line;
        # the good ones are read.
        folder = tempfile.mkdtemp(prefix="netpol-flows-")
        bad = os.path.join(folder, "bad-flows.json")
        with open(FLOWS, encoding="utf-8") as corpus:
            good = corpus.readlines()[:2]
        with open(bad, "w", encoding="utf-8") as stream:
            stream.write('{"flow": nope}\n' + "".join(good) + "[1, 2]\n")
        open_flows(app, bad)
        said = npui.wait_for(lambda: message(app), message="the messages about bad-flows.json")
        for expected in ("bad-flows.json:1:13: error:", "bad-flows.json:4:1: error:"):
            if expected not in said:
                raise npui.Failure(f"the message area lacks {expected!r}:\n{said}")
        npui.wait_for(lambda: label_text(app, "Shown flows") == "2 of 2 rows shown", message="the two good lines")
        npui.log(f"bad lines: {said!r}")

        empty = os.path.join(folder, "empty.json")
        open(empty, "w").close()
        npui.wait_for(lambda: npui.is_sensitive(app.find("button", "Open flows file")), message="the page to be idle")
        open_flows(app, empty)
        said = npui.wait_for(lambda: (lambda m: m if m and "empty.json" in m else None)(message(app)),
                             message="the message about empty.json")
        if "The file holds no flow records." not in said:
            raise npui.Failure(f"an empty file gives {said!r}")
        npui.log(f"empty file: {said!r}")
        shutil.rmtree(folder)

        # ICMP between reserved identities only (corpus README): nothing to
        # write a policy for, and the page says so.
        icmp = os.path.join(os.path.dirname(FLOWS), "hubble-otel-basic-sample-400-icmpv4-flows.json")
        open_flows(app, icmp)
        said = npui.wait_for(lambda: (lambda m: m if m and "icmpv4" in m else None)(no_policy(app)),
                             message="the message about the ICMP flows")
        if "none of its 18 flow records shows a labelled pod" not in said:
            raise npui.Failure(f"a file without usable flows gives {said!r}")
        if npui.is_sensitive(app.find("button", "Generate policy for workload")):
            raise npui.Failure("Generate is enabled without a workload")
        npui.log(f"no usable flow: {said!r}")

        open_flows(app, FLOWS)
        npui.wait_for(lambda: label_text(app, "Shown flows") == f"{N_FLOWS} of {N_FLOWS} rows shown",
                      message=f"{N_FLOWS} rows from {FLOWS}")
        if message(app) is not None:
            raise npui.Failure(f"the corpus file gives messages: {message(app)}")
        status = label_text(app, "Flows file status")
        if f"{N_FLOWS} flow records in {N_FLOWS} rows" not in status:
            raise npui.Failure(f"the file status says {status!r}")
        first = rows(app)
        if not first or len(first) > N_FLOWS:
            raise npui.Failure(f"the table shows {len(first)} rows: {first}")
        npui.log(f"{status}; {len(first)} rows on screen")

        # Filter: two flows involve kube-dns (host → kube-dns and its reply).
        filter_entry = app.find("entry", "Filter flows")
        npui.type_text(filter_entry, "kube-dns")
        npui.wait_for(lambda: label_text(app, "Shown flows") == f"2 of {N_FLOWS} rows shown",
                      message="two rows for kube-dns")
        filtered = npui.wait_for(lambda: (lambda r: r if len(r) == 2 else None)(rows(app)),
                                 message="two rows on screen")
        for cells in filtered:
            if "kube-dns" not in cells[0] + cells[1]:
                raise npui.Failure(f"the filter kept {cells}")
        npui.type_text(filter_entry, "", replace=True)
        npui.wait_for(lambda: label_text(app, "Shown flows") == f"{N_FLOWS} of {N_FLOWS} rows shown",
                      message="every row back")

        # Sort by port, up then down.
        port_header = [n for n in npui.find_all(app.accessible, "label", "Port")
                       if n.parent is not None and n.parent.parent is not None
                       and n.parent.parent.name == "GtkColumnViewTitle"][0]
        # The table is wider than the side panel: its Port column is to the right.
        npui.scroll_into_view_horizontally(port_header, app.find({npui.pyatspi.ROLE_TREE_TABLE}, "Flows").parent)
        npui.click(port_header)
        ascending = npui.wait_for(lambda: (lambda r: r if r and port(r[0]) == 443 else None)(rows(app)),
                                  message="the lowest port first")
        ports = [port(cells) for cells in ascending]
        if ports != sorted(ports):
            raise npui.Failure(f"not sorted up by port: {ports}")
        npui.click(port_header)
        descending = npui.wait_for(lambda: (lambda r: r if r and port(r[0]) == 58698 else None)(rows(app)),
                                   message="the highest port first")
        ports = [port(cells) for cells in descending]
        if ports != sorted(ports, reverse=True):
            raise npui.Failure(f"not sorted down by port: {ports}")
        npui.log(f"sorted by port: {ports}")

        # Replay against the blank policy: telemetry → galley on 9901 is dropped.
        replay = app.find("button", "Replay against policy")
        npui.click(replay)
        summary = npui.wait_for(lambda: label_text(app, "Replay summary") or None, message="a replay summary")
        if not summary.startswith("1 of 5 forwarded flows would be dropped"):
            raise npui.Failure(f"replay against the blank policy: {summary!r}")
        dropped = [cells for cells in rows(app) if len(cells) > 5 and cells[5] == "Dropped"]
        if [cells[2] for cells in dropped] != ["9901/TCP"]:
            raise npui.Failure(f"rows marked Dropped: {dropped}")
        npui.log(summary)

        # Select every row and add rules for them: one undo step.
        before = npui.get_text(preview)
        cell = [n for n in npui.find_all(app.accessible, "label", "9901/TCP")][0]
        npui.click(cell)
        npui.key_combo("control", "a")
        add = app.find("button", "Add rules to policy")
        npui.wait_for(lambda: npui.is_sensitive(add), message="Add rules to policy to be enabled")
        npui.click(add)
        npui.wait_for(lambda: "port: 9901" in npui.get_text(preview), message="the rule for 9901 in the YAML")
        with_rules = npui.get_text(preview)
        for expected in ("app: telemetry", "port: 15090", "kubernetes.io/metadata.name: bookinfo"):
            if expected not in with_rules:
                raise npui.Failure(f"the YAML lacks {expected!r}:\n{with_rules}")
        npui.click(replay)
        summary = npui.wait_for(lambda: (lambda t: t if t and t.startswith("0 of 5") else None)(
            label_text(app, "Replay summary")), message="nothing dropped with the rules")
        npui.log(f"with the rules: {summary}")
        npui.screenshot("flows-page")

        npui.key_combo("control", "z")
        npui.wait_for(lambda: npui.get_text(preview) == before, message="one undo to take every added rule back")
        npui.click(replay)
        npui.wait_for(lambda: (lambda t: t if t and t.startswith("1 of 5") else None)(
            label_text(app, "Replay summary")), message="the drop back after undo")
        npui.log("Ctrl+Z took the added rules back in one step")

        # Generate a policy for a workload chosen in the drop-down: it opens
        # as a new document. The blank policy was edited: the editor asks first.
        choose(app.accessible, "Workload", GALLEY)
        npui.click(app.find("button", "Generate policy for workload"))
        dialog = npui.wait_for(lambda: npui.find_dialog(app, "Discard"), message="the unsaved-changes dialog")
        npui.activate(npui.find_all(dialog, "button", "Discard")[0])
        npui.settle_after_closing_window()
        npui.wait_for(lambda: "name: galley-from-flows" in npui.get_text(preview),
                      message="the generated policy in the YAML preview")
        yaml = npui.get_text(preview)
        for expected in ("kind: NetworkPolicy", "namespace: istio-system", "app: galley", "istio: galley",
                         "app: telemetry", "port: 9901"):
            if expected not in yaml:
                raise npui.Failure(f"the generated policy lacks {expected!r}:\n{yaml}")
        npui.log("generated a NetworkPolicy for galley")

        # In a Cilium document, generating makes a Cilium policy; Cilium can
        # say "from the host", which a NetworkPolicy cannot.
        choose(app.accessible, "Policy kind", "CiliumNetworkPolicy")
        npui.wait_for(lambda: "kind: CiliumNetworkPolicy" in npui.get_text(preview), message="the Cilium document")
        choose(app.accessible, "Workload", REVIEWS)
        npui.click(app.find("button", "Generate policy for workload"))
        dialog = npui.wait_for(lambda: npui.find_dialog(app, "Discard"), message="the unsaved-changes dialog")
        npui.activate(npui.find_all(dialog, "button", "Discard")[0])
        npui.settle_after_closing_window()
        npui.wait_for(lambda: "name: reviews-v1-from-flows" in npui.get_text(preview),
                      message="the generated Cilium policy in the YAML preview")
        yaml = npui.get_text(preview)
        for expected in ("kind: CiliumNetworkPolicy", "namespace: bookinfo", "endpointSelector:", "app: reviews",
                         "fromEntities:", "- host", "port: \"15090\""):
            if expected not in yaml:
                raise npui.Failure(f"the generated Cilium policy lacks {expected!r}:\n{yaml}")
        npui.screenshot("flows-page-cilium")
        npui.log("generated a CiliumNetworkPolicy for reviews")

if __name__ == "__main__":
    npui.main(test)
