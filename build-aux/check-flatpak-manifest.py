#!/usr/bin/python3
# check-flatpak-manifest.py: the Flatpak manifest is complete, pinned and sandboxed
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: check-flatpak-manifest.py MANIFEST.json

Checks that the manifest is valid JSON; builds io.github.netpoleditor.NetpolEditor
(command netpol-editor) on org.gnome.Platform / org.gnome.Sdk; has a libyaml
module and the netpol-editor module (meson, UI tests off) last; pins every
source (an archive or file by sha256, a git source by commit or tag plus
commit, a local dir); and grants exactly the permissions below: no file
system, no network."""

import json
import re
import sys

APP_ID = "io.github.netpoleditor.NetpolEditor"
FINISH_ARGS = ["--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"]
# GNOME runtimes that are, or were recently, supported.
SUPPORTED_RUNTIMES = {"47", "48", "49", "50"}


def check_source(module_name, source, problems):
    where = f"module {module_name}"
    if isinstance(source, str):
        problems.append(f"{where}: source {source!r} is a separate file; inline it so it is checked")
        return
    kind = source.get("type")
    if kind in ("archive", "file"):
        if not source.get("url") and not source.get("path"):
            problems.append(f"{where}: {kind} source without url or path")
        if source.get("url") and not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
            problems.append(f"{where}: {kind} source {source.get('url')} is not pinned by sha256")
        if source.get("url", "").startswith("http://"):
            problems.append(f"{where}: {source['url']} is fetched over plain http")
    elif kind == "git":
        if not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")):
            problems.append(f"{where}: git source {source.get('url')} is not pinned by commit")
    elif kind == "dir":
        if not source.get("path"):
            problems.append(f"{where}: dir source without path")
    elif kind == "patch":
        if not source.get("path") and not source.get("paths"):
            problems.append(f"{where}: patch source without path")
    else:
        problems.append(f"{where}: source of type {kind!r} cannot be checked for pinning")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8") as stream:
            manifest = json.load(stream)
    except (OSError, ValueError) as error:
        print(f"check-flatpak-manifest: {sys.argv[1]}: {error}", file=sys.stderr)
        return 1

    problems = []
    expect = {
        "id": APP_ID,
        "runtime": "org.gnome.Platform",
        "sdk": "org.gnome.Sdk",
        "command": "netpol-editor",
    }
    for key, value in expect.items():
        if manifest.get(key) != value:
            problems.append(f"{key} is {manifest.get(key)!r}, not {value!r}")
    if "app-id" in manifest:
        problems.append("use id, not the older app-id")
    version = str(manifest.get("runtime-version", ""))
    if version not in SUPPORTED_RUNTIMES:
        problems.append(f"runtime-version {version!r} is not a supported GNOME runtime "
                        f"({', '.join(sorted(SUPPORTED_RUNTIMES))})")
    if manifest.get("finish-args") != FINISH_ARGS:
        problems.append(f"finish-args are {manifest.get('finish-args')!r}, "
                        f"not exactly {FINISH_ARGS!r}")

    modules = manifest.get("modules")
    if not isinstance(modules, list) or not modules:
        problems.append("no modules")
        modules = []
    names = []
    for module in modules:
        if isinstance(module, str):
            problems.append(f"module {module!r} is a separate file; inline it so it is checked")
            continue
        name = module.get("name", "?")
        names.append(name)
        sources = module.get("sources") or []
        if not sources:
            problems.append(f"module {name} has no sources")
        for source in sources:
            check_source(name, source, problems)
    if "libyaml" not in names:
        problems.append("no libyaml module (the runtime does not reliably carry it)")
    if not names or names[-1] != "netpol-editor":
        problems.append("the last module must be netpol-editor")
    else:
        app = modules[-1]
        if app.get("buildsystem") != "meson":
            problems.append("netpol-editor is not built with meson")
        if "-Dui_tests=false" not in app.get("config-opts", []):
            problems.append("netpol-editor does not configure -Dui_tests=false")

    if problems:
        for problem in problems:
            print(f"check-flatpak-manifest: {problem}", file=sys.stderr)
        return 1
    print(f"{sys.argv[1]}: {manifest['id']} on {manifest['runtime']}//{version}, "
          f"modules {', '.join(names)}, all sources pinned, finish-args {' '.join(FINISH_ARGS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
