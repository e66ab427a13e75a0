#!/usr/bin/env python3
"""The access log's cost: one release build of the demo, with and without the access log, same run.

    swift build -c release --product App
    python3 Benchmarks/access_log.py .build/release/App [--rounds 5] [--duration 5]

Three servers of the same binary, each on its own port, pinned to CPU 1 (wrk on CPU 0 when the
box has two CPUs): `--quiet` (no access log), the default Werkzeug-format access log, and JSON
lines, both appended to a file in a temporary folder (a real write(2) per batch, not /dev/null; `--log-dir`
chooses the folder's file system).
They take turns on GET /plaintext round after round (quiet, werkzeug, json, quiet, ...), so noise
from other work on the machine falls on all of them. Prints requests/s and server CPU per
request (medians) and each logging server's ratio to the quiet one; exits 1 when the Werkzeug
log keeps less than --floor (default 95 %) of the quiet throughput. Also prints how many lines
each log file holds and how many drop warnings (a slow sink drops lines rather than block) it has.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_builds import stop_all, free_port, measure, pinned, wait_for_port, HOST  # noqa: E402

PATH = "/plaintext"


def start(binary, port, extra):
    command = pinned(1) + [binary, "--host", HOST, "--port", str(port)] + extra
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process)
    return process


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--floor", type=float, default=0.95)
    parser.add_argument(
        "--log-dir", default=None,
        help="where the log files go (default: a temporary folder under $TMPDIR); /dev/shm keeps "
        "the disk's writeback out of the figures")
    options = parser.parse_args()
    rounds = max(1, min(options.rounds, 15))
    duration = max(1, min(options.duration, 30))

    folder = tempfile.mkdtemp(prefix="microflask-accesslog-", dir=options.log_dir)
    logs = {"werkzeug": os.path.join(folder, "werkzeug.log"), "json": os.path.join(folder, "json.log")}
    variants = {
        "quiet": ["--quiet"],
        "werkzeug": ["--access-log", "werkzeug", "--access-log-file", logs["werkzeug"]],
        "json": ["--access-log", "json", "--access-log-file", logs["json"]],
    }
    servers = {}
    results = {name: [] for name in variants}
    try:
        for name, extra in variants.items():
            port = free_port()
            servers[name] = (start(options.binary, port, extra), port)
        for round_number in range(rounds):
            for name in variants:
                process, port = servers[name]
                results[name].append(measure(process, port, PATH, duration, options.connections))
            print(f"round {round_number + 1}/{rounds} done", file=sys.stderr)
    finally:
        stop_all([process for process, _ in servers.values()])

    quiet_rate = statistics.median(r for r, _ in results["quiet"])
    quiet_cpu = statistics.median(c for _, c in results["quiet"])
    print(f"wrk -t1 -c{options.connections} -d{duration}s GET {PATH}, {rounds} interleaved rounds, medians;"
          f" logs in {folder}")
    print()
    print("| access log | req/s (median) | req/s (min-max) | vs --quiet | server CPU µs/req | vs --quiet |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    ratios = {}
    for name in variants:
        rates = [r for r, _ in results[name]]
        rate = statistics.median(rates)
        cpu = statistics.median(c for _, c in results[name])
        ratios[name] = rate / quiet_rate
        label = "off (`--quiet`)" if name == "quiet" else f"`--access-log {name}` to a file"
        print(
            f"| {label} | {rate:,.0f} | {min(rates):,.0f}-{max(rates):,.0f} | {rate / quiet_rate:.3f} "
            f"| {cpu:.2f} | {cpu / quiet_cpu:.3f} |"
        )
    print()
    for name, path in logs.items():
        with open(path, "rb") as log:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: log.read(1 << 20), b""))
        with open(path, "rb") as log:
            warnings = sum(1 for line in log if b"log line(s) dropped" in line)
        print(f"{name}: {lines:,} lines written, {warnings} drop warnings ({os.path.getsize(path):,} bytes)")
    for path in logs.values():
        os.remove(path)
    os.rmdir(folder)
    if ratios["werkzeug"] < options.floor:
        print(f"\nthe Werkzeug access log kept {ratios['werkzeug']:.1%} < {options.floor:.0%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
