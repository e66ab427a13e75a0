#!/usr/bin/env python3
"""Memory benchmark: RSS of the release demo before, at peak and after (idle) for hostile bodies.

    python3 Benchmarks/Memory/run.py              # builds the demo in release, runs every case
    python3 Benchmarks/Memory/run.py --no-build --cases declare16,form10mb --markdown

Cases (each bounded in time and count; 127.0.0.1 only):
  declare16   200 connections declare 16 MB bodies and send 1 KiB each, then wait
  form10mb    4 clients post a 10 MB urlencoded form to /login at once
  slow2000    2,000 connections each send 256 KiB of a declared 16 MB body
  uploads     rounds of 20 concurrent 15 MB uploads to /echo (read back), then idle
  multipart   4 clients at once upload a 25 MB file part (multipart/form-data) to /upload
  ulimit      declare16 again, against a server started under an address-space cap (ulimit -v)

Each case gets a freshly started server (--reuse: one for all). RSS comes from /proc/PID/status: VmRSS sampled every 20 ms, and VmHWM (reset before each case
through /proc/PID/clear_refs). The server is started on port 0 and stopped by its PID.
"""
import argparse
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HOST = "127.0.0.1"
MB = 1000 * 1000
MIB = 1024 * 1024


def status_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def descriptor_count(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return None


class Server:
    """The demo binary on 127.0.0.1, port 0; the port is read from its ' * Running on' line."""

    def __init__(self, binary, address_space_limit=None):
        def limit():
            os.setsid()
            soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            if address_space_limit:
                resource.setrlimit(resource.RLIMIT_AS, (address_space_limit, address_space_limit))

        env = dict(os.environ, MICROFLASK_MAX_CONTENT_LENGTH=str(32 * MIB))
        self.process = subprocess.Popen(
            [binary, "--host", HOST, "--port", "0", "--quiet"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, preexec_fn=limit, text=True)
        self.pid = self.process.pid
        self.port = None
        self.log = []
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            self.log.append(line.rstrip())
            match = re.search(r"Running on http://[^:]+:(\d+)", line)
            if match:
                self.port = int(match.group(1))
                break
        if self.port is None:
            self.stop()
            raise RuntimeError("the server did not start: " + " / ".join(self.log[-5:]))
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stderr:
            self.log.append(line.rstrip())
            del self.log[:-50]

    def alive(self):
        return self.process.poll() is None

    def answers(self):
        try:
            status, body = request(self.port, "GET", "/plaintext", timeout=5)
            return status == 200 and body == b"Hello, World!"
        except OSError:
            return False

    def rss(self):
        return status_kib(self.pid, "VmRSS")

    def reset_peak(self):
        try:
            with open(f"/proc/{self.pid}/clear_refs", "w") as handle:
                handle.write("5")
        except OSError:
            pass

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


class Sampler:
    """Samples the server's VmRSS every 20 ms while a case runs."""

    def __init__(self, pid):
        self.pid = pid
        self.peak = 0
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.running:
            value = status_kib(self.pid, "VmRSS")
            if value is None:
                return
            self.peak = max(self.peak, value)
            time.sleep(0.02)

    def stop(self):
        self.running = False
        self.thread.join(timeout=2)
        hwm = status_kib(self.pid, "VmHWM")
        return max(self.peak, hwm or 0)


def read_response(sock):
    """Reads one response with a Content-Length (or until close); returns (status, body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise OSError("connection closed before the response head")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    match = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    length = int(match.group(1)) if match else None
    body = bytearray(rest)
    while length is None or len(body) < length:
        chunk = sock.recv(1 << 20)
        if not chunk:
            break
        body += chunk
    return status, bytes(body)


def request(port, method, path, headers=None, body=b"", timeout=60):
    sock = socket.create_connection((HOST, port), timeout=timeout)
    try:
        lines = [f"{method} {path} HTTP/1.1", "Host: bench", "Connection: close", f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        return read_response(sock)
    finally:
        sock.close()


def run_threads(count, target):
    results = [None] * count
    def work(index):
        try:
            results[index] = target(index)
        except OSError as error:
            results[index] = f"error: {error.__class__.__name__}"
    threads = [threading.Thread(target=work, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def open_partial_bodies(port, count, declared, send, workers=16):
    """Opens `count` connections that declare `declared` bytes and send `send` of them; returns the sockets."""
    head = f"POST /echo HTTP/1.1\r\nHost: bench\r\nContent-Length: {declared}\r\n\r\n".encode()
    payload = b"x" * send
    sockets = []
    failures = []
    lock = threading.Lock()
    def work(index):
        for _ in range(index, count, workers):
            try:
                sock = socket.create_connection((HOST, port), timeout=30)
                sock.sendall(head + payload)
                with lock:
                    sockets.append(sock)
            except OSError as error:
                with lock:
                    failures.append(error.__class__.__name__)
    threads = [threading.Thread(target=work, args=(index,)) for index in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return sockets, failures


def settle(server, baseline_fds, seconds=10):
    """Waits (bounded) until the server has closed what the case opened, then a little idle time."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        count = descriptor_count(server.pid)
        if count is None or baseline_fds is None or count <= baseline_fds:
            break
        time.sleep(0.1)
    time.sleep(1.0)


def wait_for_reads(server, seconds):
    """Gives the server time to read what was sent: until its RSS stops changing, bounded."""
    deadline = time.time() + seconds
    last = server.rss()
    while time.time() < deadline:
        time.sleep(0.3)
        now = server.rss()
        if now is None or last is None or abs(now - last) < 512:
            break
        last = now


def case_declare16(server):
    sockets, failures = open_partial_bodies(server.port, 200, 16 * MB, 1024)
    wait_for_reads(server, 5)
    opened = len(sockets)
    for sock in sockets:
        sock.close()
    return f"{opened} held" + (f", {len(failures)} failed" if failures else "")


def case_form10mb(server):
    body = b"name=" + b"x" * (10 * MB - 5)
    started = time.time()
    statuses = run_threads(4, lambda _: request(
        server.port, "POST", "/login", {"Content-Type": "application/x-www-form-urlencoded"}, body)[0])
    return f"statuses {sorted(set(map(str, statuses)))}, {time.time() - started:.2f} s"


def case_slow2000(server):
    sockets, failures = open_partial_bodies(server.port, 2000, 16 * MB, 256 * 1024)
    wait_for_reads(server, 10)
    opened = len(sockets)
    for sock in sockets:
        sock.close()
    return f"{opened} held" + (f", {len(failures)} failed" if failures else "")


def case_uploads(server, rounds=3):
    body = b"u" * (15 * MB)
    outcomes = []
    started = time.time()
    for _ in range(rounds):
        results = run_threads(20, lambda _: request(
            server.port, "POST", "/echo", {"Content-Type": "application/octet-stream"}, body, timeout=120))
        outcomes += [result[0] if isinstance(result, tuple) and len(result[1]) == len(body) else str(result)[:40]
                     for result in results]
    return f"{rounds}x20: statuses {sorted(set(map(str, outcomes)))}, {time.time() - started:.1f} s"


def case_multipart(server):
    boundary = "MemoryBenchBoundary"
    content = os.urandom(25 * MB)
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    expected = f"file: big.bin {len(content)} bytes".encode()
    started = time.time()
    results = run_threads(4, lambda _: request(
        server.port, "POST", "/upload", {"Content-Type": f"multipart/form-data; boundary={boundary}"}, body,
        timeout=120))
    outcomes = [result[0] if isinstance(result, tuple) and result[1].strip() == expected else str(result)[:60]
                for result in results]
    return f"statuses {sorted(set(map(str, outcomes)))}, {time.time() - started:.2f} s"


CASES = {
    "declare16": ("200 conns declare 16 MB, send 1 KiB", case_declare16),
    "form10mb": ("10 MB urlencoded form x4 clients", case_form10mb),
    "slow2000": ("2,000 conns send 256 KiB of 16 MB", case_slow2000),
    "uploads": ("3 rounds of 20 x 15 MB uploads (/echo)", case_uploads),
    "multipart": ("4 x 25 MB multipart file uploads (/upload)", case_multipart),
}


def measure(server, name):
    label, function = CASES[name]
    baseline_fds = descriptor_count(server.pid)
    before = server.rss()
    server.reset_peak()
    sampler = Sampler(server.pid)
    try:
        outcome = function(server)
    except OSError as error:
        outcome = f"client error: {error}"
    peak = sampler.stop()
    if server.alive():
        settle(server, baseline_fds)
    after = server.rss()
    alive = server.alive() and server.answers()
    return [label, before, peak, after, outcome + ("" if alive else "; SERVER DOWN")], alive


def format_mib(kib):
    return "-" if kib is None else f"{kib / 1024:.0f} MiB"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-build", action="store_true", help="use the existing release build")
    parser.add_argument("--binary", help="the demo binary (default: the release build's App)")
    parser.add_argument("--cases", default="declare16,form10mb,slow2000,uploads,multipart,ulimit")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--write-docs", action="store_true",
                        help="replace the memory section of docs/BENCHMARKS.md with this run's table")
    parser.add_argument("--label", default="", help="a note for the docs section (what build was measured)")
    parser.add_argument("--reuse", action="store_true",
                        help="run the cases on one server (default: a fresh server for each case)")
    parser.add_argument("--headroom-mib", type=int, default=1024,
                        help="ulimit case: the address-space cap is the idle server's VmSize plus this")
    options = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    binary = options.binary
    if binary is None:
        if not options.no_build:
            subprocess.run(["swift", "build", "-c", "release", "--product", "App"], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                  capture_output=True, text=True).stdout.strip()
        binary = os.path.join(bin_path, "App")

    rows = []
    selected = [name.strip() for name in options.cases.split(",") if name.strip()]
    server = None
    try:
        for name in selected:
            if name == "ulimit":
                continue
            if name not in CASES:
                sys.exit(f"unknown case {name}; known: {', '.join(CASES)}, ulimit")
            if server is not None and not options.reuse:
                server.stop()
                server = None
            if server is None or not server.alive():
                server = Server(binary)
                time.sleep(0.5)
            row, alive = measure(server, name)
            rows.append(row)
            print(f"  {row[0]}: {format_mib(row[1])} -> {format_mib(row[2])} -> {format_mib(row[3])}; {row[4]}",
                  file=sys.stderr)
            if not alive:
                server.stop()
                server = None
        if server is not None:
            server.stop()
            server = None
        if "ulimit" in selected:
            probe = Server(binary)
            time.sleep(0.5)
            cap = (status_kib(probe.pid, "VmSize") or 0) * 1024 + options.headroom_mib * MIB
            probe.stop()
            server = Server(binary, address_space_limit=cap)
            time.sleep(0.5)
            row, _ = measure(server, "declare16")
            row[0] = f"ulimit -v {cap // MIB} MiB: " + row[0]
            rows.append(row)
            server.stop()
            server = None
    finally:
        if server is not None:
            server.stop()

    headers = ["case", "RSS before", "peak", "after (idle)", "outcome"]
    table = [[row[0], format_mib(row[1]), format_mib(row[2]), format_mib(row[3]), row[4]] for row in rows]
    markdown = ["| " + " | ".join(headers) + " |", "|" + "|".join(["---"] * len(headers)) + "|"]
    markdown += ["| " + " | ".join(row) + " |" for row in table]
    if options.write_docs:
        write_docs(markdown, options)
    if options.markdown:
        print("\n".join(markdown))
    else:
        widths = [max(len(str(row[index])) for row in table + [headers]) for index in range(len(headers))]
        for row in [headers] + table:
            print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))


BEGIN = "<!-- memory-benchmark: written by Benchmarks/Memory/run.py --write-docs -->"
END = "<!-- /memory-benchmark -->"


def command_output(arguments):
    try:
        return subprocess.run(arguments, cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def write_docs(markdown, options):
    """Replaces (or appends) the memory section of docs/BENCHMARKS.md, leaving the rest as it is."""
    path = os.path.join(ROOT, "docs", "BENCHMARKS.md")
    swift = command_output(["swift", "--version"]).splitlines()
    section = [
        BEGIN,
        "## Memory under hostile bodies",
        "",
        f"Measured by `python3 Benchmarks/Memory/run.py --write-docs` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
        f" (commit `{command_output(['git', 'rev-parse', '--short', 'HEAD'])}`"
        + (f"; {options.label}" if options.label else "") + ").",
        f"Machine: `{command_output(['uname', '-srm'])}`, {os.cpu_count()} CPUs, "
        f"{swift[0] if swift else 'swift ?'}. Other work may run on the box; RSS figures are little affected by it.",
        "",
        "RSS of the release demo (`VmRSS`, peak = the larger of 20 ms samples and `VmHWM`); *after* is once",
        "the case's connections are closed and the server is idle (at most 10 s later, plus 1 s).",
        "",
    ] + markdown + ["", END]
    text = open(path).read() if os.path.exists(path) else "# MicroFlask benchmarks\n"
    if BEGIN in text and END in text:
        start = text.index(BEGIN)
        end = text.index(END) + len(END)
        text = text[:start] + "\n".join(section) + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(section) + "\n"
    with open(path, "w") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
