# test_open_file.py: the editor opens the file named on its command line
# SPDX-License-Identifier: GPL-3.0-or-later

import os

import npui


def test():
    example = os.path.join(os.environ["NP_EXAMPLES_DIR"], "backend-policy.yaml")
    with npui.start_app(args=[example]) as app:
        name_entry = app.find("entry", "Policy name")
        preview = app.find("text", "YAML preview")

        npui.wait_for(lambda: npui.get_text(name_entry) == "backend-policy",
                      message='"Policy name" to show the name from the file')
        yaml = npui.get_text(preview)
        for expected in ("name: backend-policy", "app: backend", "k8s-app: kube-dns", "port: 8080"):
            if expected not in yaml:
                raise npui.Failure(f"the YAML preview lacks {expected!r}:\n{yaml}")
        npui.log("the example policy is shown")
        npui.screenshot("open-file")


if __name__ == "__main__":
    npui.main(test)
