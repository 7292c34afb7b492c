# test_traffic_page.py: the side panel's test traffic page gives the corpus's verdicts
# SPDX-License-Identifier: GPL-3.0-or-later

import os

import npui
from nptraffic import settled

CORPUS = os.path.join(os.environ.get("NP_SHARED_DIR", "../shared"), "corpus", "connectivity")

# (case folder, source, destination, port, protocol, expected verdict), from
# each case's expected_connlist.txt: a listed connection is allowed, any
# other is denied.
CASES = [
    ("minimal_test_in_ns", "hello-world/workload-b", "hello-world/workload-a", "8050", "TCP", "Allowed"),
    ("minimal_test_in_ns", "hello-world/workload-b", "hello-world/workload-a", "8051", "TCP", "Denied"),
    ("netpol-analysis-example-minimal", "default/frontend", "default/backend", "9090", "TCP", "Allowed"),
    ("netpol-analysis-example-minimal", "default/backend", "default/frontend", "8080", "TCP", "Denied"),
    ("netpol-analysis-example-minimal", "192.0.2.10", "default/frontend", "8080", "TCP", "Allowed"),
    ("onlineboutique", "default/frontend-99684f7f8", "default/cartservice-74f56fd4b", "7070", "TCP", "Allowed"),
    ("onlineboutique", "default/cartservice-74f56fd4b", "default/frontend-99684f7f8", "8080", "TCP", "Denied"),
]


def verdict_of(app, folder, source, destination, port, protocol):
    folder_entry = app.find("entry", "Cluster folder")
    if npui.get_text(folder_entry) != folder:
        npui.set_text(folder_entry, folder)
        npui.activate_entry(folder_entry)
        npui.wait_for(lambda: npui.find_label(app.accessible, lambda t: "read from the folder" in t),
                      message=f"the folder {folder} to be read")
    npui.set_text(app.find("entry", "Source"), source)
    npui.set_text(app.find("entry", "Destination"), destination)
    npui.set_text(app.find("entry", "Port"), port)
    if protocol != "TCP":
        raise npui.Failure("only TCP cases are listed")
    # GTK names a label by its text: the verdict is the label reading
    # "Allowed" or "Denied", the explanation the one saying what each side did.
    return npui.wait_for(lambda: settled(app.accessible), message=f"a verdict for {source} → {destination}")


def test():
    with npui.start_app() as app:
        # The blank policy selects every pod of "default": move it out of the
        # way first, then bring it back to see it take part.
        namespace = app.find("entry", "Policy namespace")
        npui.set_text(namespace, "scratch")
        npui.show_side_panel(app)
        npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Test Traffic"))

        for case, source, destination, port, protocol, expected in CASES:
            folder = os.path.abspath(os.path.join(CORPUS, case))
            got, explanation = verdict_of(app, folder, source, destination, port, protocol)
            npui.log(f"{case}: {source} → {destination} {protocol} {port}: {got}")
            if got != expected:
                raise npui.Failure(f"{case}: {source} → {destination} {port}/{protocol} is {got}, "
                                   f"expected {expected}:\n{explanation}")
            if case == "netpol-analysis-example-minimal" and source == "default/frontend":
                npui.screenshot("side-panel-traffic")

        # The edited policy takes part: in "hello-world" it isolates every pod
        # there for ingress and allows nothing, so a → b, allowed by the
        # folder alone, becomes denied.
        folder = os.path.abspath(os.path.join(CORPUS, "minimal_test_in_ns"))
        got, _ = verdict_of(app, folder, "hello-world/workload-a", "hello-world/workload-b", "80", "TCP")
        if got != "Allowed":
            raise npui.Failure(f"workload-a → workload-b is {got} before the edit")
        npui.set_text(namespace, "hello-world")
        npui.activate_entry(namespace)
        got, explanation = verdict_of(app, folder, "hello-world/workload-a", "hello-world/workload-b", "80", "TCP")
        if got != "Denied" or "the edited policy" not in explanation:
            raise npui.Failure(f"the edited policy did not take part: {got}\n{explanation}")
        npui.log("the edited policy takes part in the verdict")


if __name__ == "__main__":
    npui.main(test)
