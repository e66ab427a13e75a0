#!/usr/bin/env python3
"""Load helpers for run.sh. Loopback only, every loop bounded in count and time.

  clients.py idle  --port P --count N --hold S --ready FILE
      Opens N keep-alive connections to 127.0.0.1:P, sends one GET /plaintext on each and
      reads the answer, writes "<opened>" to FILE, then holds them idle for at most S seconds
      (or until FILE.stop appears), checks which are still open and prints a JSON summary.

  clients.py sleep --port P --clients N --ms MS --duration S
      N threads each keep one request to /sleep/MS in flight until S seconds have passed
      (at most S*1000/MS + 2 requests each). Prints a JSON summary.
"""
import argparse
import json
import os
import selectors
import socket
import sys
import threading
import time

HOST = "127.0.0.1"  # never anything else


def idle(args):
    deadline_open = time.monotonic() + 120
    request = b"GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    socks = []
    failed = 0
    sel = selectors.DefaultSelector()
    pending = {}
    batch = 256
    for i in range(args.count):
        if time.monotonic() > deadline_open:
            break
        try:
            s = socket.create_connection((HOST, args.port), timeout=5)
            s.sendall(request)
            s.setblocking(False)
        except OSError:
            failed += 1
            continue
        socks.append(s)
        pending[s.fileno()] = (s, b"")
        sel.register(s, selectors.EVENT_READ)
        # read answers every batch so the server's send buffers stay small
        if len(pending) >= batch or i == args.count - 1:
            drain_deadline = time.monotonic() + 10
            while pending and time.monotonic() < drain_deadline:
                for key, _ in sel.select(timeout=0.5):
                    s2, buf = pending.get(key.fd, (None, b""))
                    if s2 is None:
                        continue
                    try:
                        data = s2.recv(4096)
                    except BlockingIOError:
                        continue
                    except OSError:
                        data = b""
                    buf += data
                    if not data or (b"\r\n\r\n" in buf and buf.endswith(b"Hello, World!")):
                        sel.unregister(s2)
                        del pending[key.fd]
                        if not data:
                            failed += 1
                    else:
                        pending[key.fd] = (s2, buf)
            for fd, (s2, _) in list(pending.items()):
                sel.unregister(s2)
                failed += 1
            pending.clear()
    opened = len(socks)
    with open(args.ready, "w") as f:
        f.write(f"{opened}\n")
    start = time.monotonic()
    while time.monotonic() - start < args.hold and not os.path.exists(args.ready + ".stop"):
        time.sleep(0.2)
    still_open = 0
    for s in socks:
        try:
            data = s.recv(1, socket.MSG_PEEK)
            if data:
                still_open += 1  # unexpected bytes, but open
        except BlockingIOError:
            still_open += 1
        except OSError:
            pass
    for s in socks:
        s.close()
    print(json.dumps({"requested": args.count, "opened": opened, "failed": failed,
                      "still_open_at_end": still_open}))


def sleep(args):
    deadline = time.monotonic() + args.duration
    max_each = int(args.duration * 1000 / max(args.ms, 1)) + 2
    done = [0] * args.clients
    errors = [0] * args.clients
    request = f"GET /sleep/{args.ms} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()

    def one(idx):
        s = None
        for _ in range(max_each):
            if time.monotonic() >= deadline:
                break
            try:
                if s is None:
                    s = socket.create_connection((HOST, args.port), timeout=args.ms / 1000 + 10)
                s.sendall(request)
                buf = b""
                while not (b"\r\n\r\n" in buf and buf.endswith(b"slept")):
                    chunk = s.recv(4096)
                    if not chunk:
                        raise OSError("closed")
                    buf += chunk
                done[idx] += 1
            except OSError:
                errors[idx] += 1
                if s is not None:
                    s.close()
                s = None
                time.sleep(0.1)
        if s is not None:
            s.close()

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=args.duration + args.ms / 1000 + 15)
    print(json.dumps({"clients": args.clients, "completed": sum(done), "errors": sum(errors)}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("idle")
    a.add_argument("--port", type=int, required=True)
    a.add_argument("--count", type=int, default=10000)
    a.add_argument("--hold", type=float, default=30)
    a.add_argument("--ready", required=True)
    b = sub.add_parser("sleep")
    b.add_argument("--port", type=int, required=True)
    b.add_argument("--clients", type=int, default=8)
    b.add_argument("--ms", type=int, default=2000)
    b.add_argument("--duration", type=float, default=8)
    args = p.parse_args()
    if args.cmd == "idle":
        args.count = min(args.count, 20000)
        args.hold = min(args.hold, 300)
        idle(args)
    else:
        args.clients = min(args.clients, 64)
        args.duration = min(args.duration, 120)
        sleep(args)


if __name__ == "__main__":
    sys.exit(main())
