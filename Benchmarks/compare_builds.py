#!/usr/bin/env python3
"""Two builds of the demo, same benchmark, same run: is the new one no worse than the old?

    python3 Benchmarks/compare_builds.py OLD_APP_BINARY NEW_APP_BINARY [--rounds 3] [--duration 5]

Each build serves 127.0.0.1 on its own port, pinned to CPU 1 (wrk on CPU 0 when the box has two
CPUs). For every path the builds take turns, old then new, round after round (A B A B), so that
noise from other work on the machine falls on both. Per run: requests/s from wrk and the server's
CPU per request (utime + stime from /proc/PID/stat over the run, divided by the requests wrk
completed). Prints a Markdown table of medians and new/old ratios; exits 1 when a median is more
than --tolerance worse (default 5 %), so a regression cannot pass unnoticed.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time

HOST = "127.0.0.1"  # the only address this script targets
PATHS = ["/plaintext", "/json", "/users/42"]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited early with status {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"server did not answer on port {port} within {seconds} s")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def pinned(cpu):
    return ["taskset", "-c", str(cpu)] if (os.cpu_count() or 1) >= 2 else []


def start(binary, port):
    command = pinned(1) + [binary, "--host", HOST, "--port", str(port), "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process)
    return process


def stop_all(processes, seconds=15):
    """SIGTERM to every server, then waits for each (SIGKILL for one that outlives `seconds`)."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()


def run_wrk(port, path, duration, connections, cpu=0):
    """Requests wrk completed; wrk runs on CPU `cpu` (None: on any)."""
    command = (pinned(cpu) if cpu is not None else []) + [
        "wrk", "-t1", f"-c{connections}", f"-d{duration}s", f"http://{HOST}:{port}{path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{path}: {errors.group(1)} error responses\n{output}")
    return requests


def measure(process, port, path, duration, connections):
    run_wrk(port, path, 1, connections)  # warm-up
    before = cpu_seconds(process.pid)
    requests = run_wrk(port, path, duration, connections)
    used = cpu_seconds(process.pid) - before
    return requests / duration, used / max(requests, 1) * 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--tolerance", type=float, default=0.05)
    options = parser.parse_args()
    rounds = max(1, min(options.rounds, 9))
    duration = max(1, min(options.duration, 30))

    builds = {"old": options.old, "new": options.new}
    servers = {}
    try:
        for name, binary in builds.items():
            port = free_port()
            servers[name] = (start(binary, port), port)
        results = {(name, path): [] for name in builds for path in PATHS}
        for round_number in range(rounds):
            for path in PATHS:
                for name in builds:
                    process, port = servers[name]
                    results[(name, path)].append(measure(process, port, path, duration, options.connections))
            print(f"round {round_number + 1}/{rounds} done", file=sys.stderr)
    finally:
        stop_all([process for process, _ in servers.values()])

    worse = []
    print(f"wrk -t1 -c{options.connections} -d{duration}s, {rounds} interleaved rounds, medians")
    print()
    print("| path | old req/s | new req/s | new/old | old CPU µs/req | new CPU µs/req | new/old |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in PATHS:
        old_rate = statistics.median(r for r, _ in results[("old", path)])
        new_rate = statistics.median(r for r, _ in results[("new", path)])
        old_cpu = statistics.median(c for _, c in results[("old", path)])
        new_cpu = statistics.median(c for _, c in results[("new", path)])
        print(
            f"| `{path}` | {old_rate:,.0f} | {new_rate:,.0f} | {new_rate / old_rate:.2f} "
            f"| {old_cpu:.1f} | {new_cpu:.1f} | {new_cpu / old_cpu:.2f} |"
        )
        if new_rate < old_rate * (1 - options.tolerance) or new_cpu > old_cpu * (1 + options.tolerance):
            worse.append(path)
    if worse:
        print(f"\nworse than the old build beyond {options.tolerance:.0%}: {', '.join(worse)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
