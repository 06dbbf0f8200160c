#!/usr/bin/env python3
"""Save-to-live-reload latency of `ssbuild watch`: the time from a file's save
(write aside + rename, as editors do) until the live-reload message for it arrives on a
WebSocket client. 50 saves each of a .styl partial, an app/client file and a view.

Usage: bench/watch-latency.py SSBUILD FIXTURE_DIR [--saves 50] [--kinds styl,client,view] [--verbose]
Prints p50/p99 per kind and the watch process's peak RSS."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wsclient import WSClient  # noqa: E402


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def cpu_ms(pid):
    """User+system CPU time of a process so far, in ms (robust to a loaded machine)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def save(path, text):
    tmp = path + ".ssbench-tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def pick(app, sub, ext, contains=None):
    root = os.path.join(app, sub)
    for dirpath, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(ext) and name != "app.styl" and name != "app.jade":
                path = os.path.join(dirpath, name)
                if contains is None or contains in open(path).read():
                    return path
    raise SystemExit(f"no {ext} file under {root}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ssbuild")
    ap.add_argument("fixture")
    ap.add_argument("--saves", type=int, default=50)
    ap.add_argument("--kinds", default="styl,client,view",
                    help="comma-separated subset of styl, client, view (default: all three)")
    ap.add_argument("--verbose", action="store_true", help="also print every latency, in save order")
    args = ap.parse_args()
    wanted = set(args.kinds.split(","))

    work = tempfile.mkdtemp(prefix="ssbuild-watch-bench-")
    app = os.path.join(work, "app")
    shutil.copytree(args.fixture, app)
    proc = subprocess.Popen([args.ssbuild, "watch", "--root", app, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = None
        started = time.perf_counter()
        for line in proc.stdout:
            if line.startswith("LISTENING "):
                port = int(line.split()[1])
                break
        if port is None:
            raise SystemExit("watch did not start")
        print(f"first build + listen: {time.perf_counter() - started:.2f} s")
        ws = WSClient("127.0.0.1", port, "/_ss/livereload")
        print("greeting:", ws.recv(timeout=10)[:80])

        kinds = [
            ("styl partial", pick(app, "app/css", ".styl"), "css"),
            ("app/client file", pick(app, "app/client", ".js"), "reload"),
            ("view", pick(app, "app/views", ".jade"), "reload"),
        ]
        kinds = [k for k, key in zip(kinds, ["styl", "client", "view"]) if key in wanted]
        results = {}
        for label, path, expected in kinds:
            original = open(path).read()
            latencies = []
            cpu = []
            cpu_start = cpu_ms(proc.pid)
            for i in range(args.saves):
                if path.endswith(".styl"):
                    text = original + f"\n.ssbench-{i}\n  width {i + 1}px\n"
                elif path.endswith(".js"):
                    text = original + f"\nvar ssbench{i} = {i};\n"
                else:
                    text = original + f"\np.ssbench bench {i}\n"
                c0 = cpu_ms(proc.pid)
                t0 = time.perf_counter()
                save(path, text)
                while True:
                    message = json.loads(ws.recv(timeout=10))
                    if message["type"] in ("css", "reload", "errors"):
                        break
                latencies.append((time.perf_counter() - t0) * 1000)
                cpu.append(cpu_ms(proc.pid) - c0)
                if message["type"] != expected:
                    raise SystemExit(f"{label}: expected {expected}, got {message}")
                time.sleep(0.05)
            # Over the whole run: per-save deltas are 10 ms granular, the mean is not.
            cpu_mean = (cpu_ms(proc.pid) - cpu_start) / args.saves
            save(path, original)
            ws.recv(timeout=10)
            results[label] = latencies
            print(f"{label:16s} p50 {percentile(latencies, 50):6.1f} ms   p99 {percentile(latencies, 99):6.1f} ms"
                  f"   server CPU p50 {percentile(cpu, 50):5.0f} ms, mean {cpu_mean:6.2f} ms"
                  f"   (n={len(latencies)}, {os.path.relpath(path, app)})")
            if args.verbose:
                print("  ", " ".join(f"{v:.1f}" for v in latencies))
        status = open(f"/proc/{proc.pid}/status").read()
        hwm = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
        print(f"peak RSS of ssbuild watch: {hwm / 1024:.0f} MiB")
        print("reference: Vite documents HMR updates in under 50 ms")
        print("load average during the run:", open("/proc/loadavg").read().split()[:3],
              "(CPU time is 10 ms granular; wall time includes waiting for a core)")
        ws.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
