#!/usr/bin/env python3
"""`--workers 2` (two processes sharing one listener) against one process with `--threads 2`,
same binary, same run, interleaved round by round, on 127.0.0.1 only.

    swift build -c release --product App
    python3 Benchmarks/workers.py .build/release/App [--rounds 3] [--duration 5] [--placement pinned|shared]

`--placement pinned` (the default) runs both servers on CPU 1 and wrk on CPU 0, so each server
has the same one-CPU budget and the figures compare their cost per request; `shared` leaves
servers and wrk free on every CPU, as a box serving for real would. Server CPU counts every
thread of the server and, for `--workers`, of its worker processes (utime + stime from /proc).
Prints requests/s and CPU µs per request (medians) and the ratio workers / threads.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_builds import stop_all, CLOCK_TICKS, HOST, free_port, run_wrk, wait_for_port  # noqa: E402

PATHS = ["/plaintext", "/json"]
VARIANTS = {"threads": ["--threads", "2"], "workers": ["--workers", "2", "--threads", "1"]}


def tree(pid):
    """The pid and its descendants (workers are children of the supervisor)."""
    pids = [pid]
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as children:
                for child in children.read().split():
                    pids += tree(int(child))
        except OSError:
            pass
    return pids


def cpu_seconds(pid):
    total = 0
    for each in tree(pid):
        try:
            with open(f"/proc/{each}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total / CLOCK_TICKS


def wait_for_processes(pid, count):
    """Waits until the tree of `pid` holds `count` processes (the supervisor and its workers)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if len(tree(pid)) >= count:
            return
        time.sleep(0.05)
    raise SystemExit("the workers did not start within 20 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--placement", choices=["pinned", "shared"], default="pinned")
    options = parser.parse_args()
    rounds = max(1, min(options.rounds, 9))
    duration = max(1, min(options.duration, 30))
    pin = options.placement == "pinned" and (os.cpu_count() or 1) >= 2
    server_prefix = ["taskset", "-c", "1"] if pin else []
    client_cpu = 0 if pin else None

    servers = {}
    results = {(name, path): [] for name in VARIANTS for path in PATHS}
    try:
        for name, extra in VARIANTS.items():
            port = free_port()
            command = server_prefix + [options.binary, "--host", HOST, "--port", str(port), "--quiet"] + extra
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_for_port(port, process)
            if name == "workers":
                wait_for_processes(process.pid, 3)
            servers[name] = (process, port)
        for round_number in range(rounds):
            for path in PATHS:
                for name in VARIANTS:
                    process, port = servers[name]
                    run_wrk(port, path, 1, options.connections, cpu=client_cpu)  # warm-up
                    before = cpu_seconds(process.pid)
                    requests = run_wrk(port, path, duration, options.connections, cpu=client_cpu)
                    used = cpu_seconds(process.pid) - before
                    results[(name, path)].append((requests / duration, used / max(requests, 1) * 1e6))
            print(f"round {round_number + 1}/{rounds} done", file=sys.stderr)
    finally:
        stop_all([process for process, _ in servers.values()])

    where = "servers on CPU 1, wrk on CPU 0" if pin else "servers and wrk on every CPU"
    print(f"wrk -t1 -c{options.connections} -d{duration}s, {rounds} interleaved rounds, medians; {where}")
    print()
    print("| path | threads 2: req/s | workers 2: req/s | workers/threads | threads 2: CPU µs/req | workers 2: CPU µs/req | workers/threads |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in PATHS:
        rate = {n: statistics.median(r for r, _ in results[(n, path)]) for n in VARIANTS}
        cpu = {n: statistics.median(c for _, c in results[(n, path)]) for n in VARIANTS}
        print(
            f"| `{path}` | {rate['threads']:,.0f} | {rate['workers']:,.0f} | {rate['workers'] / rate['threads']:.2f} "
            f"| {cpu['threads']:.1f} | {cpu['workers']:.1f} | {cpu['workers'] / cpu['threads']:.2f} |"
        )


if __name__ == "__main__":
    main()
