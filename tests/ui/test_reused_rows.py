# test_reused_rows.py: going from a policy of many rules to one of few and back, the canvas shows each one's rows only
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The peer cards keep the rows a policy no longer needs, hidden, for the
# next policy shown (np-peer-card.c): none of them may show, be read out or
# be reached, and a row taken back into use shows its new peer.

import os
import tempfile

import npui


def policy(name, app_prefix, n_rules):
    rules = "".join(f"  - from:\n    - podSelector:\n        matchLabels: {{app: {app_prefix}-{i}}}\n"
                    f"    ports:\n    - {{protocol: TCP, port: {8000 + i}}}\n" for i in range(n_rules))
    return ("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
            f"metadata:\n  name: {name}\n  namespace: shop\n"
            "spec:\n  podSelector:\n    matchLabels: {app: web}\n  policyTypes: [Ingress]\n"
            f"  ingress:\n{rules}")


def item_names(app):
    names = []
    for item in npui.find_all(app.accessible, {npui.pyatspi.ROLE_LIST_ITEM}):
        if item.name and ("client-" in item.name or "solo-" in item.name or "other-" in item.name):
            names.append(item.name)
    return names


def pick(app, policies, name):
    row = npui.wait_for(lambda: next(iter(npui.find_all(policies, "label", name)), None),
                        message=f"{name} in the list")
    npui.click(row)
    entry = app.find("entry", "Policy name")
    npui.wait_for(lambda: npui.get_text(entry) == name, message=f"{name} to be shown")


def expect_rows(app, prefix, n_rules):
    def right():
        names = item_names(app)
        return (len(names) == n_rules and all(f"{prefix}-" in n for n in names)
                and len(npui.find_all(app.accessible, "button", f"Edit rule {n_rules}")) == 1
                and not npui.find_all(app.accessible, "button", f"Edit rule {n_rules + 1}"))
    try:
        npui.wait_for(right, message=f"{n_rules} rows of {prefix}-N peers")
    except npui.Failure as error:
        raise npui.Failure(f"{error}; the rows read: {item_names(app)}") from None
    for i in range(n_rules):
        if not any(f"{prefix}-{i}" in n for n in item_names(app)):
            raise npui.Failure(f"no row shows {prefix}-{i}: {item_names(app)}")


def test():
    folder = tempfile.mkdtemp(prefix="np-ui-")
    path = os.path.join(folder, "rows.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("---\n".join([policy("many", "client", 6), policy("few", "solo", 1), policy("more", "other", 4)]))

    with npui.start_app(args=[path]) as app:
        expect_rows(app, "client", 6)
        npui.key_combo("shift", "F9")
        policies = app.find(None, "Policies of the file")

        # Fewer rows: the five put away are neither shown nor read out.
        pick(app, policies, "few")
        expect_rows(app, "solo", 1)
        npui.screenshot("reused-rows-few")

        # More again: rows taken back show their new peers, in order.
        pick(app, policies, "more")
        expect_rows(app, "other", 4)
        pick(app, policies, "many")
        expect_rows(app, "client", 6)
        npui.screenshot("reused-rows-many")


if __name__ == "__main__":
    npui.main(test)
