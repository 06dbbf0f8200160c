#!/usr/bin/env python3
"""Times ssbuild's JS and CSS minifiers against Debian's esbuild, terser, uglifyjs
and clean-css, side by side in one sitting, on the real libraries of the benchmark
fixture, and prints output sizes (raw and gzip -9) and times as ratios to esbuild
(JS) or cleancss -O1 (CSS).

    python3 bench/minify/bench.py [--runs N] [--ours "CMD {in}"] [--ours-css "CMD {in}"]

--ours defaults to `ssbuild compile --minify {in}` (the dev CLI of the helper that
wrote the minifier was `devcli js {in}`). Time is the best of N wall-clock runs of the
whole process, so process start-up is included for every tool alike.
"""

import argparse
import gzip
import os
import shlex
import subprocess
import sys
import time

JS_LIBS = [
    ("jquery", "/usr/share/javascript/jquery/jquery.js"),
    ("underscore", "/usr/share/javascript/underscore/underscore.js"),
    ("mustache", "/usr/share/javascript/mustache/mustache.js"),
    ("moment", "/usr/share/javascript/moment/moment.js"),
    ("lodash", "/usr/share/nodejs/lodash/lodash.js"),
    ("three", "/usr/share/javascript/three/three.js"),
]
CSS_FILES = [
    ("node-api-style", "/usr/share/doc/nodejs/api/assets/style.css"),
    ("docc-topic", "/opt/swift/usr/share/docc/render/css/documentation-topic.7cf11601.css"),
]
ENV = dict(os.environ, NODE_PATH="/usr/share/nodejs")


def run(cmd, path, runs):
    argv = [a.replace("{in}", path) for a in shlex.split(cmd)]
    best, out = None, b""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            return None, proc.stderr.decode(errors="replace")[:200]
        out = proc.stdout
        best = elapsed if best is None else min(best, elapsed)
    return best, out


def table(title, files, tools, baseline, runs):
    print(f"\n== {title} (best of {runs}; ratios vs {baseline}) ==")
    print(f"{'file':<15}{'tool':<10}{'raw':>10}{'gzip':>9}{'ms':>9}{'raw/x':>8}{'gz/x':>7}{'time/x':>8}")
    for name, path in files:
        if not os.path.exists(path):
            print(f"{name:<15}missing {path}")
            continue
        results = {}
        for tool, cmd in tools:
            t, out = run(cmd, path, runs)
            if t is None:
                print(f"{name:<15}{tool:<10}FAILED: {out}")
                continue
            results[tool] = (len(out), len(gzip.compress(out, 9)), t)
        base = results.get(baseline)
        size = os.path.getsize(path)
        print(f"{name:<15}{'input':<10}{size:>10}{len(gzip.compress(open(path, 'rb').read(), 9)):>9}")
        for tool, (raw, gz, t) in results.items():
            r = f"{raw / base[0]:>8.3f}{gz / base[1]:>7.3f}{t / base[2]:>8.2f}" if base else ""
            print(f"{'':<15}{tool:<10}{raw:>10}{gz:>9}{t * 1000:>9.1f}{r}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--ours", default="ssbuild compile --minify {in}")
    ap.add_argument("--ours-css", default="ssbuild compile --minify {in}")
    args = ap.parse_args()
    js_tools = [
        ("ssbuild", args.ours),
        ("esbuild", "esbuild --minify --log-level=error {in}"),
        ("terser", "terser -c -m -- {in}"),
        ("uglifyjs", "uglifyjs -c -m -- {in}"),
    ]
    css_tools = [
        ("ssbuild", args.ours_css),
        ("cleancss", "cleancss -O1 {in}"),
        ("esbuild", "esbuild --minify --log-level=error {in}"),
    ]
    table("JavaScript", JS_LIBS, js_tools, "esbuild", args.runs)
    table("CSS", CSS_FILES, css_tools, "cleancss", args.runs)


if __name__ == "__main__":
    sys.exit(main())
