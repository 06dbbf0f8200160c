#!/usr/bin/env python3
"""ssbuild's JS minifier against `esbuild --minify`, run alternately (ours, esbuild, ours,
...) so that load on a shared machine hits both alike. Prints the best and median wall
time and the median CPU time (user + sys of the child, all threads) of each, and ratios.

    python3 bench/minify/interleaved.py --ours "devcli js {in}" [--runs 15]
"""

import argparse
import os
import resource
import shlex
import subprocess
import time

from bench import JS_LIBS, ENV


def timed(argv):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--ours", default="ssbuild compile --minify {in}")
    args = ap.parse_args()
    print(f"{'file':<12}{'ours best':>10}{'med':>8}{'cpu':>8}{'esb best':>10}{'med':>8}{'cpu':>8}"
          f"{'best/x':>8}{'med/x':>7}{'cpu/x':>7}")
    for name, path in JS_LIBS:
        if not os.path.exists(path):
            continue
        ours = [a.replace("{in}", path) for a in shlex.split(args.ours)]
        esbuild = ["esbuild", "--minify", "--log-level=error", path]
        a, b = [], []
        for _ in range(args.runs):
            a.append(timed(ours))
            b.append(timed(esbuild))
        med = lambda xs, i: sorted(x[i] for x in xs)[len(xs) // 2]
        best = lambda xs: min(x[0] for x in xs)
        print(f"{name:<12}{best(a) * 1000:>10.1f}{med(a, 0) * 1000:>8.1f}{med(a, 1) * 1000:>8.1f}"
              f"{best(b) * 1000:>10.1f}{med(b, 0) * 1000:>8.1f}{med(b, 1) * 1000:>8.1f}"
              f"{best(a) / best(b):>8.2f}{med(a, 0) / med(b, 0):>7.2f}{med(a, 1) / med(b, 1):>7.2f}")


if __name__ == "__main__":
    main()
