#!/usr/bin/env python3
# bench-start.py: how long netpol-editor takes to draw its first frame, empty and with a file
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage (on an X server, e.g. under xvfb-run and dbus-run-session, as
# build-aux/dev bench runs it):
#   bench-start.py NETPOL_EDITOR BENCH_IO SCHEMA_DIR
# Generates a 1,000-policy file with `bench-io --generate`, then starts the
# editor RUNS times without a file and RUNS times with it, alternating, each
# with NETPOL_EDITOR_REPORT_STARTUP=quit: the editor prints the time from
# its process start to its first drawn frame and quits. The median counts.
# Prints a markdown table with the ratio and its target.
import os
import re
import statistics
import subprocess
import sys
import tempfile

RUNS = 7
N_POLICIES = 1000
TARGET = 1.5
REPORT = re.compile(r"netpol-editor: first frame: process ([0-9.]+) ms, main ([0-9.]+) ms")


def start(editor, schema_dir, files):
    env = dict(os.environ)
    env["NETPOL_EDITOR_REPORT_STARTUP"] = "quit"
    env["GSETTINGS_SCHEMA_DIR"] = schema_dir
    # a11y bus activation is not what is measured
    env["NO_AT_BRIDGE"] = "1"
    done = subprocess.run([editor, *files], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=300, check=False)
    match = REPORT.search(done.stderr)
    if match is None:
        # stdout: build-aux/dev hides the D-Bus daemon's chatter on stderr
        print(f"bench-start: {editor} reported no first frame:\n{done.stderr}")
        sys.exit(1)
    return float(match.group(1)), float(match.group(2))


def main():
    editor, bench_io, schema_dir = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        path = os.path.join(tmp, "policies.yaml")
        subprocess.run([bench_io, "--generate", path, str(N_POLICIES)], check=True)
        size_mb = os.path.getsize(path) / 1e6
        # one run each to warm the caches
        start(editor, schema_dir, [])
        start(editor, schema_dir, [path])
        empty, loaded = [], []
        for _ in range(RUNS):
            empty.append(start(editor, schema_dir, []))
            loaded.append(start(editor, schema_dir, [path]))

    def med(runs, i):
        return statistics.median(run[i] for run in runs)

    ratio = med(loaded, 0) / med(empty, 0)
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(f"From process start to the first drawn frame (Xvfb); a generated file of "
          f"{N_POLICIES} policies, {size_mb:.1f} MB; median of {RUNS} runs each.\n")
    print("| figure | value | baseline | ratio | target |")
    print("|---|---:|---:|---:|---|")
    print(f"| start with the file vs empty | {med(loaded, 0):.0f} ms | {med(empty, 0):.0f} ms | "
          f"{ratio:.2f}× | ≤ {TARGET:.1f}× ({verdict}) |")
    print()
    print("| run | median from process start (ms) | median from main (ms) | fastest (ms) |")
    print("|---|---:|---:|---:|")
    for name, runs in (("empty", empty), ("1,000 policies", loaded)):
        print(f"| {name} | {med(runs, 0):.0f} | {med(runs, 1):.0f} | {min(r[0] for r in runs):.0f} |")


if __name__ == "__main__":
    main()
