#!/usr/bin/env python3
"""Hostile clients for the soak test (Benchmarks/Soak/run.sh). Loopback only, bounded in time.

  hostile_clients.py PORT SECONDS
      20 slowloris clients dripping a request head one byte per 50 ms, 2 clients sending
      mutated requests (seeded), and 2 clients uploading 1 MiB chunked bodies to /echo.
"""
import random
import socket
import sys
import threading
import time

HOST = "127.0.0.1"  # never anything else
PORT = int(sys.argv[1])
stop = time.time() + min(float(sys.argv[2]), 120)
def drip():
    while time.time()<stop:
        try:
            s=socket.create_connection((HOST,PORT),timeout=2)
            for b in b"GET /plaintext HTTP/1.1\r\nHost: x\r\n":
                s.send(bytes([b])); time.sleep(0.05)
                if time.time()>stop: break
            s.close()
        except OSError: pass
def fuzz():
    rnd=random.Random(7)
    base=b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
    n=0
    while time.time()<stop:
        b=bytearray(base)
        for _ in range(rnd.randint(1,4)):
            i=rnd.randrange(len(b)); b[i]=rnd.randrange(256)
        try:
            s=socket.create_connection((HOST,PORT),timeout=2); s.sendall(bytes(b)); s.shutdown(socket.SHUT_WR)
            while s.recv(65536): pass
            s.close(); n+=1
        except OSError: pass
    print("fuzz cases", n)
def upload():
    while time.time()<stop:
        try:
            s=socket.create_connection((HOST,PORT),timeout=5)
            body=b"x"*(1<<20)
            s.sendall(b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"+b"100000\r\n"+body+b"\r\n0\r\n\r\n")
            got=0
            while True:
                d=s.recv(65536)
                if not d: break
                got+=len(d)
                if got>=len(body): break
            s.close()
        except OSError: pass
ts=[threading.Thread(target=drip) for _ in range(20)]+[threading.Thread(target=fuzz) for _ in range(2)]+[threading.Thread(target=upload) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
