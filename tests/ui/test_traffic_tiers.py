# test_traffic_tiers.py: the Test Traffic page explains a verdict across the tiers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A folder with a ClusterNetworkPolicy, an AdminNetworkPolicy, a
# NetworkPolicy, a CiliumNetworkPolicy and a BaselineAdminNetworkPolicy
# (tests/data/cluster/all-kinds). The page must give each verdict and name
# the tiers that decided it, in order; a verdict read from the
# NetworkPolicy tier alone would be wrong for three of the four cases.

import os

import npui
from nptraffic import settled

FOLDER = os.path.join(os.environ["NP_TEST_DATA_DIR"], "cluster", "all-kinds")

# (source, destination, expected verdict, sentences the explanation must hold)
CASES = [
    ("observer/probe", "shop/web", "Allowed",
     ["Decided by: AdminNetworkPolicy 'observer-inner-passes' passes by Ingress rule pass-observer, "
      "then NetworkPolicy 'shop/let-observer-in' allows"]),
    ("observer/probe", "store/db", "Denied",
     ["then BaselineAdminNetworkPolicy 'default' denies by Ingress rule inner-closed"]),
    ("lobby/guest", "observer/probe", "Denied",
     ["Decided by: ClusterNetworkPolicy 'lobby-keeps-out' denies by Egress rule not-to-observer"]),
    ("observer/probe", "lobby/guest", "Allowed",
     ["lobby/guests-from-observer, ingress 1"]),
]


def test():
    with npui.start_app() as app:
        # The blank NetworkPolicy of a new window stays in "default", a
        # namespace the folder does not have: it changes no verdict here.
        npui.show_side_panel(app)
        npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Test Traffic"))
        folder_entry = app.find("entry", "Cluster folder")
        npui.set_text(folder_entry, os.path.abspath(FOLDER))
        npui.activate_entry(folder_entry)
        # Every kind counts as a policy read, not only the namespaced ones.
        npui.wait_for(lambda: npui.find_label(app.accessible,
                                              lambda t: t == "4 workloads and 5 policies read from the folder."),
                      message="the folder's 4 workloads and 5 policies to be read")

        for source, destination, expected, sentences in CASES:
            npui.set_text(app.find("entry", "Source"), source)
            npui.set_text(app.find("entry", "Destination"), destination)
            npui.set_text(app.find("entry", "Port"), "80")
            got, explanation = npui.wait_for(lambda: settled(app.accessible),
                                             message=f"a verdict for {source} → {destination}")
            npui.log(f"{source} → {destination}: {got}")
            if got != expected:
                raise npui.Failure(f"{source} → {destination} is {got}, expected {expected}:\n{explanation}")
            for sentence in sentences:
                if sentence not in explanation:
                    raise npui.Failure(f"{source} → {destination}: the explanation lacks “{sentence}”:\n"
                                       f"{explanation}")
            if destination == "store/db":
                npui.screenshot("traffic-tiers")


if __name__ == "__main__":
    npui.main(test)
