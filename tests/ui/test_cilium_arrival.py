# test_cilium_arrival.py: a Cilium file opened from the command line is rated as `netpol rate` rates
# it, and its YAML is the file as it is (every way a document arrives goes through one function)
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess

import npui

EXAMPLE = ("corpus", "cilium", "examples", "kubernetes", "clusterwide", "health.yaml")


def cli_rating(path):
    netpol = os.environ.get("NETPOL_CLI") or os.path.join(
        os.path.dirname(os.path.dirname(os.environ["NETPOL_EDITOR"])), "cli", "netpol")
    out = subprocess.run([netpol, "rate", path], stdout=subprocess.PIPE, text=True, check=False).stdout
    score = int(re.search(r" (\d)/5$", out.splitlines()[0]).group(1))
    reasons = [re.sub(r" \[[a-z-]+\]$", "", line.strip().split(" ", 1)[1]) for line in out.splitlines()[1:] if line.strip()]
    return score, reasons


def test():
    path = os.path.join(os.environ["NP_SHARED_DIR"], *EXAMPLE)
    with open(path, encoding="utf-8") as f:
        original = f.read()
    score, reasons = cli_rating(path)
    npui.log(f"netpol rate: {score} of 5, {len(reasons)} reasons")

    with npui.start_app(args=[path]) as app:
        preview = app.find("text", "YAML preview")
        npui.wait_for(lambda: npui.get_text(preview) == original, message="the Cilium file as it is in the preview")
        rating = app.find("button", "Policy rating")
        description = npui.wait_for(lambda: rating.description, message="the rating's description")
        npui.log(f"rating: {description}")
        if not description.startswith(f"{score} of 5 "):
            raise npui.Failure(f"the window rates the file {description!r}; netpol rate says {score} of 5")
        # The reasons are in the rating's popover: the same as netpol rate's.
        npui.activate(rating)
        for reason in reasons:
            app.find("label", reason)
        # The tutorial checks this file's policy, not a blank one: the policy
        # isolates both directions, which a blank policy does not (0 of 9).
        npui.show_side_panel(app)
        npui.click(app.find({npui.pyatspi.ROLE_PAGE_TAB}, "Tutorial"))

        def progress():
            for label in npui.find_all(app.accessible, "label"):
                found = re.fullmatch(r"(\d+) of (\d+) steps done", label.name or "")
                if found:
                    return found
            return None

        found = npui.wait_for(progress, message="the tutorial's progress")
        npui.log(f"tutorial: {found.group(0)}")
        if int(found.group(1)) < 2:
            raise npui.Failure(f"the tutorial rates the Cilium file as a blank policy: {found.group(0)!r}")
        npui.screenshot("cilium-from-command-line")


if __name__ == "__main__":
    npui.main(test)
