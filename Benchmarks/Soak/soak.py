#!/usr/bin/env python3
"""Soak: the demo App under mixed good and hostile clients for a bounded time (127.0.0.1 only).

  soak.py APP_BINARY SECONDS [--workers N] [--port PORT] [--seed S]

Good clients, every answer checked by content: keep-alive and `Connection: close` requests,
pipelines of 10, 4 MiB uploads (Content-Length and chunked) echoed back, slow readers of 1 MiB
echoes. Hostile clients: slowloris heads, idle connections, seeded mutations of valid requests,
bodies over the 16 MiB limit (must be 413). With --workers N the App runs N processes and the soak
SIGKILLs the youngest worker every 40 s; a good request may fail only within 3 s of a kill.

Afterwards (every connection closed, the idle timeouts passed) the RSS, open descriptors and
threads of the supervisor and of the oldest worker (never killed) must be back near the baseline
taken after a warm-up: descriptors and threads at most baseline + 2, RSS at most baseline + 48 MiB.
Exits 1 on any failed check. Prints the figures.
"""
import argparse
import hashlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time

HOST = "127.0.0.1"  # never anything else

parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("seconds", type=float)
parser.add_argument("--workers", type=int, default=0)
parser.add_argument("--port", type=int, default=18191)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--no-baseline-checks", action="store_true",
                    help="check the answers only (for sanitizer builds, whose memory use is not the product's)")
args = parser.parse_args()
SECONDS = min(args.seconds, 900)

lock = threading.Lock()
counts = {}
failures = []
kills = []  # times of worker kills


def count(name, n=1):
    with lock:
        counts[name] = counts.get(name, 0) + n


def fail(client, message):
    now = time.time()
    with lock:
        if any(0 <= now - k <= 3 for k in kills):
            counts["interrupted by a kill"] = counts.get("interrupted by a kill", 0) + 1
            return
        failures.append(f"{client}: {message}")


class Reader:
    """Reads HTTP/1.1 responses from a socket (Content-Length or chunked bodies)."""

    def __init__(self, sock, slow=False):
        self.sock, self.buffer, self.slow = sock, b"", slow

    def fill(self):
        data = self.sock.recv(16384 if self.slow else 262144)
        if not data:
            raise EOFError("closed")
        if self.slow:
            time.sleep(0.02)
        self.buffer += data

    def line(self):
        while b"\r\n" not in self.buffer:
            self.fill()
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def exactly(self, n):
        while len(self.buffer) < n:
            self.fill()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def response(self, head_only=False):
        status = int(self.line().split(b" ")[1])
        headers = {}
        while True:
            line = self.line()
            if not line:
                break
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if head_only:
            return status, headers, b""
        if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            body = b""
            while True:
                size = int(self.line().split(b";")[0], 16)
                if size == 0:
                    while self.line():
                        pass
                    break
                body += self.exactly(size)
                self.exactly(2)
            return status, headers, body
        return status, headers, self.exactly(int(headers.get(b"content-length", b"0")))


def connect(timeout=10):
    return socket.create_connection((HOST, args.port), timeout=timeout)


def good_request(rnd):
    """A request and the (status, body) it must get."""
    kind = rnd.randrange(5)
    if kind == 0:
        return b"GET /plaintext HTTP/1.1\r\nHost: a\r\n", b"", 200, b"Hello, World!"
    if kind == 1:
        return b"GET /json HTTP/1.1\r\nHost: a\r\n", b"", 200, b'{"message":"Hello, World!"}'
    if kind == 2:
        name = "".join(rnd.choice("abcxyz") for _ in range(rnd.randrange(1, 12)))
        return f"GET /hello/{name} HTTP/1.1\r\nHost: a\r\n".encode(), b"", 200, f"Hello, {name}!".encode()
    if kind == 3:
        n = rnd.randrange(1, 10**6)
        body = f'{{"id":{n},"name":"User {n}"}}'.encode()
        return f"GET /users/{n} HTTP/1.1\r\nHost: a\r\n".encode(), b"", 200, body
    body = bytes(rnd.randrange(256) for _ in range(rnd.randrange(0, 3000)))
    head = f"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: {len(body)}\r\n".encode()
    return head, body, 200, body


def check(client, got, status, body):
    if got[0] != status or got[2] != body:
        fail(client, f"expected {status} {body[:60]!r}, got {got[0]} {got[2][:60]!r}")
        return False
    return True


def keep_alive_client(stop, seed, close):
    rnd = random.Random(seed)
    name = "close" if close else "keep-alive"
    sock, reader = None, None
    while time.time() < stop:
        try:
            if sock is None:
                sock = connect()
                reader = Reader(sock)
            head, body, status, expected = good_request(rnd)
            sock.sendall(head + (b"Connection: close\r\n" if close else b"") + b"\r\n" + body)
            if check(name, reader.response(), status, expected):
                count(f"{name} requests")
            if close:
                sock.close()
                sock = None
        except (OSError, EOFError, ValueError, IndexError) as error:
            fail(name, repr(error))
            sock = None
            time.sleep(0.05)


def pipeline_client(stop, seed):
    rnd = random.Random(seed)
    while time.time() < stop:
        try:
            with connect() as sock:
                reader = Reader(sock)
                for _ in range(20):
                    batch = [good_request(rnd) for _ in range(10)]
                    sock.sendall(b"".join(h + b"\r\n" + b for h, b, _, _ in batch))
                    for _, _, status, expected in batch:
                        if check("pipeline", reader.response(), status, expected):
                            count("pipelined requests")
        except (OSError, EOFError, ValueError, IndexError) as error:
            fail("pipeline", repr(error))
            time.sleep(0.05)


def upload_client(stop, seed):
    rnd = random.Random(seed)
    while time.time() < stop:
        body = rnd.randbytes(4 << 20)
        chunked = rnd.random() < 0.5
        try:
            with connect(30) as sock:
                if chunked:
                    pieces = b"".join(b"%x\r\n" % len(body[i:i + 65536]) + body[i:i + 65536] + b"\r\n"
                                      for i in range(0, len(body), 65536))
                    sock.sendall(b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 + pieces + b"0\r\n\r\n")
                else:
                    sock.sendall(b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                got = Reader(sock).response()
                if got[0] == 200 and hashlib.sha256(got[2]).digest() == hashlib.sha256(body).digest():
                    count("4 MiB uploads echoed")
                else:
                    fail("upload", f"status {got[0]}, {len(got[2])} bytes back")
        except (OSError, EOFError, ValueError, IndexError) as error:
            fail("upload", repr(error))


def slow_reader(stop, seed):
    rnd = random.Random(seed)
    while time.time() < stop:
        body = rnd.randbytes(1 << 20)
        try:
            with connect(30) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                sock.sendall(b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                got = Reader(sock, slow=True).response()
                if got[0] == 200 and got[2] == body:
                    count("slow reads of 1 MiB")
                else:
                    fail("slow reader", f"status {got[0]}, {len(got[2])} bytes back")
        except (OSError, EOFError, ValueError, IndexError) as error:
            fail("slow reader", repr(error))


def slowloris(stop):
    while time.time() < stop:
        try:
            with connect(15) as sock:
                for byte in b"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-Padding: " + b"a" * 400:
                    if time.time() > stop:
                        break
                    sock.send(bytes([byte]))
                    time.sleep(0.05)
                count("slowloris heads")
        except OSError:
            count("slowloris cut off")


def idle_client(stop):
    while time.time() < stop:
        try:
            with connect(20) as sock:
                if sock.recv(1) == b"":
                    count("idle connections closed by the server")
        except OSError:
            count("idle connections closed by the server")


def mutation_client(stop, seed):
    rnd = random.Random(seed)
    bases = [b"GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n",
             b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
             b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"]
    while time.time() < stop:
        data = bytearray(rnd.choice(bases) * rnd.randrange(1, 3))
        for _ in range(rnd.randint(1, 4)):
            i = rnd.randrange(len(data))
            op = rnd.randrange(3)
            if op == 0:
                data[i] = rnd.randrange(256)
            elif op == 1:
                data.insert(i, rnd.choice(b" \t\r\n:;0a\x00\x7f"))
            else:
                del data[i]
        try:
            with connect(15) as sock:
                sock.sendall(bytes(data))
                sock.shutdown(socket.SHUT_WR)
                answer = b""
                while chunk := sock.recv(65536):
                    answer += chunk
                if answer and not answer.startswith(b"HTTP/1.1 "):
                    fail("mutation", f"not an HTTP answer: {answer[:40]!r}")
                count("mutated requests")
        except OSError:
            count("mutated requests reset")


def oversized_client(stop):
    while time.time() < stop:
        try:
            with connect(15) as sock:
                sock.sendall(b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 20000000\r\n\r\n" + b"x" * 65536)
                status, _, _ = Reader(sock).response(head_only=True)
                if status == 413:
                    count("oversized bodies refused with 413")
                else:
                    fail("oversized", f"status {status}")
        except (OSError, EOFError, ValueError, IndexError) as error:
            fail("oversized", repr(error))
        time.sleep(0.2)


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def workers_of(pid):
    """The worker processes: the leaves of the process tree under `pid` (the App may run its
    supervisor as a child of the process started here)."""
    kids = children(pid)
    if not kids:
        return [pid]
    return [leaf for kid in kids for leaf in workers_of(kid)]


def started_at(pid):
    """The process's start time in clock ticks since boot (/proc/PID/stat field 22)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return 0


def figures(pid):
    status = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            status[key] = value.strip()
    return {"rss_kib": int(status["VmRSS"].split()[0]), "threads": int(status["Threads"]),
            "fds": len(os.listdir(f"/proc/{pid}/fd"))}


def wait_for_answer(timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with connect(2) as sock:
                sock.sendall(b"GET /plaintext HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                if Reader(sock).response()[2] == b"Hello, World!":
                    return True
        except (OSError, EOFError, ValueError, IndexError):
            time.sleep(0.1)
    return False


def run_clients(seconds, with_kills):
    stop = time.time() + seconds
    seed = args.seed * 1000
    threads = ([threading.Thread(target=keep_alive_client, args=(stop, seed + i, False)) for i in range(4)]
               + [threading.Thread(target=keep_alive_client, args=(stop, seed + 10 + i, True)) for i in range(2)]
               + [threading.Thread(target=pipeline_client, args=(stop, seed + 20 + i)) for i in range(2)]
               + [threading.Thread(target=upload_client, args=(stop, seed + 30))]
               + [threading.Thread(target=slow_reader, args=(stop, seed + 40))]
               + [threading.Thread(target=slowloris, args=(stop,)) for _ in range(10)]
               + [threading.Thread(target=idle_client, args=(stop,)) for _ in range(5)]
               + [threading.Thread(target=mutation_client, args=(stop, seed + 50 + i)) for i in range(2)]
               + [threading.Thread(target=oversized_client, args=(stop,))])
    for t in threads:
        t.start()
    next_kill = time.time() + 40
    while with_kills and time.time() < stop - 10:
        time.sleep(1)
        if time.time() >= next_kill:
            # Never the oldest worker (its figures are checked); workers started in the same clock
            # tick tie on start time, so it is excluded by pid.
            others = [pid for pid in workers_of(server.pid) if pid != oldest_worker]
            if others:
                with lock:
                    kills.append(time.time())
                os.kill(max(others, key=started_at), signal.SIGKILL)
                count("workers killed")
            next_kill = time.time() + 40
    for t in threads:
        t.join()


command = [args.binary, "--port", str(args.port), "--quiet", "--threads", "2"]
if args.workers:
    command += ["--workers", str(args.workers)]
server = subprocess.Popen(command)
oldest_worker = None
try:
    if not wait_for_answer():
        sys.exit("the server did not answer")
    if args.workers:
        deadline = time.time() + 30
        while len(workers_of(server.pid)) < args.workers and time.time() < deadline:
            time.sleep(0.1)
        oldest_worker = min(workers_of(server.pid), key=started_at)
    watched = {"supervisor": server.pid, "oldest worker": oldest_worker} if args.workers else {"server": server.pid}
    # Warm-up: every client kind once, then quiet, so buffers, pollers and caches exist.
    run_clients(min(20, SECONDS / 10), False)
    time.sleep(12)
    wait_for_answer()
    baseline = {name: figures(pid) for name, pid in watched.items()}
    counts.clear()
    print(f"baseline after warm-up: {baseline}", flush=True)
    started = time.time()
    run_clients(SECONDS, bool(args.workers))
    elapsed = time.time() - started
    # Every client has stopped; the idle, header and linger timeouts close what is left.
    time.sleep(12)
    if not wait_for_answer():
        failures.append("the server stopped answering")
    after = {name: figures(pid) for name, pid in watched.items()}
    if args.workers and len(workers_of(server.pid)) != args.workers:
        failures.append(f"{len(workers_of(server.pid))} workers running, not {args.workers}")
    print(f"after {elapsed:.0f} s of load and 12 s idle: {after}")
    for name in ([] if args.no_baseline_checks else watched):
        b, a = baseline[name], after[name]
        if a["fds"] > b["fds"] + 2:
            failures.append(f"{name}: {a['fds'] - b['fds']} descriptors more than the baseline")
        if a["threads"] > b["threads"] + 2:
            failures.append(f"{name}: {a['threads'] - b['threads']} threads more than the baseline")
        if a["rss_kib"] > b["rss_kib"] + 48 * 1024:
            failures.append(f"{name}: RSS grew by {(a['rss_kib'] - b['rss_kib']) // 1024} MiB")
    for name in sorted(counts):
        print(f"  {counts[name]:>9}  {name}")
    if failures:
        print(f"FAIL: {len(failures)} failed checks; the first ones:")
        for line in failures[:15]:
            print("  ", line)
        sys.exit(1)
    print("ok: every good answer was right, and the server is back at its baseline")
finally:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
