#!/usr/bin/env python3
"""Measurement helpers and the report writer for run.sh.

  report.py proc PID           -> "cpu_ticks vmhwm_kb vmrss_kb" summed over PID and its descendants
  report.py resethwm PID       -> resets VmHWM (peak RSS) of PID and its descendants (clear_refs 5)
  report.py record ...         -> one JSON line from a wrk/ab output file and /proc deltas
  report.py render DIR OUT.md  -> docs/BENCHMARKS.md from DIR/results.jsonl and DIR/meta.json
"""
import argparse
import json
import os
import re
import statistics
import sys

CLK_TCK = os.sysconf("SC_CLK_TCK")
SERVER_NAMES = {"mf": "MicroFlask", "hb": "Hummingbird 2", "c": "C epoll", "nginx": "nginx",
                "flask": "Flask+gunicorn"}
SERVER_ORDER = ["mf", "hb", "c", "nginx", "flask"]
# run.sh's part of docs/BENCHMARKS.md; everything outside these markers belongs to other scripts
# or was written by hand, and is kept.
BEGIN = "<!-- Benchmarks/run.sh:begin (written by Benchmarks/run.sh; the rest of the file is kept) -->"
END = "<!-- Benchmarks/run.sh:end -->"
TITLE = "# MicroFlask benchmarks"


# ---------------------------------------------------------------- /proc
def tree(pid):
    parents = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                s = f.read()
        except OSError:
            continue
        fields = s[s.rfind(")") + 2:].split()
        parents.setdefault(int(fields[1]), []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


def proc_numbers(pid):
    ticks = hwm = rss = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                s = f.read()
            fields = s[s.rfind(")") + 2:].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        hwm += int(line.split()[1])
                    elif line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
        except OSError:
            pass
    return ticks, hwm, rss


def reset_hwm(pid):
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            pass


# ---------------------------------------------------------------- tool output
UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text.strip())
    return float(m.group(1)) * UNIT[m.group(2)] if m else None


def parse_wrk(text):
    r = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    r["rps"] = float(m.group(1)) if m else None
    m = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    r["p99_ms"] = to_ms(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", text)
    r["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    r["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    r["non2xx"] = int(m.group(1)) if m else 0
    return r


def parse_ab(text):
    r = {}
    m = re.search(r"Requests per second:\s+([\d.]+)", text)
    r["rps"] = float(m.group(1)) if m else None
    m = re.search(r"^\s+99%\s+(\d+)", text, re.M)
    r["p99_ms"] = float(m.group(1)) if m else None
    m = re.search(r"Complete requests:\s+(\d+)", text)
    r["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Failed requests:\s+(\d+)", text)
    r["socket_errors"] = int(m.group(1)) if m else 0
    m = re.search(r"Non-2xx responses:\s+(\d+)", text)
    r["non2xx"] = int(m.group(1)) if m else 0
    return r


def record(a):
    text = open(a.output, errors="replace").read() if os.path.exists(a.output) else ""
    r = parse_ab(text) if a.tool == "ab" else parse_wrk(text)
    ticks = a.ticks_after - a.ticks_before
    r.update(scenario=a.scenario, server=a.server, round=a.round, tool=a.tool,
             cpu_s=ticks / CLK_TCK,
             cpu_us_per_req=(ticks / CLK_TCK * 1e6 / r["requests"]) if r["requests"] else None,
             peak_rss_kb=a.hwm_kb or None, alive=bool(a.alive))
    if a.extra:
        r.update(json.loads(a.extra))
    print(json.dumps(r))


# ---------------------------------------------------------------- report
def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def spread(xs):
    xs = [x for x in xs if x is not None]
    if len(xs) < 2 or not med(xs):
        return None
    return (max(xs) - min(xs)) / med(xs) * 100


def f0(x):
    return "—" if x is None else f"{x:,.0f}"


def f1(x):
    return "—" if x is None else f"{x:,.1f}"


def f2(x):
    return "—" if x is None else f"{x:.2f}"


def ratio(a, b):
    return a / b if a is not None and b else None


def render(a):
    with open(os.path.join(a.dir, "meta.json")) as f:
        meta = json.load(f)
    rows = []
    with open(os.path.join(a.dir, "results.jsonl")) as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    by = {}
    for r in rows:
        by.setdefault((r["scenario"], r["server"]), []).append(r)

    def series(scn, srv, key):
        return [r.get(key) for r in sorted(by.get((scn, srv), []), key=lambda r: r["round"])]

    def m(scn, srv, key):
        return med(series(scn, srv, key))

    out = []
    w = out.append
    w(f"Generated by `Benchmarks/run.sh` on {meta['date']}"
      f"{' in QUICK mode (one short round: indicative only)' if meta.get('quick') else ''}.")
    w("Every number from here to this part's end marker was measured in that run, and so was the "
      "Templates section further down when the issue 11 floors table below shows template figures; "
      "rerun `Benchmarks/run.sh` to refresh both. The sections in between are written by other "
      "scripts or by hand, and `Benchmarks/run.sh` keeps them as they are.")
    w("")
    w("## Machine")
    w("")
    w(f"- `uname -a`: `{meta['uname']}`")
    w(f"- `nproc`: {meta['nproc']}; CPU: {meta['cpu']}")
    w(f"- Swift: {meta['swift']}; wrk: {meta['wrk']}; gcc: {meta['gcc']}")
    w(f"- Commit of this tree: `{meta['commit']}`")
    pin = meta.get("pinning") or {}
    if pin.get("server_cpus"):
        w(f"- CPU pinning: every server runs on CPU {pin['server_cpus']} (`taskset`), every load tool "
          f"(wrk, ab, the Python clients) on CPU {pin['client_cpus']}. Each server gets the same one-CPU "
          "budget and does not compete with the load generator, so the ratios compare the servers. "
          "`PIN=0 Benchmarks/run.sh` runs unpinned.")
    else:
        w("- No CPU pinning: the load generator shares the CPUs with the server.")
    w("- Other work may run on the box: single runs are noisy, so servers are interleaved round by round "
      "(MicroFlask, Hummingbird, C, nginx, Flask, MicroFlask, ...) and the tables report medians and spreads.")
    w("")
    w("## Peers")
    w("")
    w("| server | what | address |")
    w("| --- | --- | --- |")
    for key, desc in meta["peers"].items():
        w(f"| {SERVER_NAMES[key]} | {desc} | `127.0.0.1:{meta['ports'][key]}` |")
    w("")
    w("## Commands")
    w("")
    w("```")
    for c in meta["commands"]:
        w(c)
    w("```")
    w("")
    w("Server CPU per request = (utime + stime of the server's processes over the run, from "
      "`/proc/PID/stat`) / requests completed. Peak RSS = `VmHWM` from `/proc/PID/status`, reset "
      "before each run (`clear_refs` 5), summed over the server's processes (gunicorn: master and "
      "workers; nginx: master and its one worker). p99 is wrk's `--latency` 99th percentile (ab's 99 % line "
      "for ab).")
    w("")

    scenarios = meta["scenarios"]
    w("## Results")
    w("")
    for scn in scenarios:
        sid = scn["id"]
        servers = [s for s in scn["servers"] if (sid, s) in by]
        if not servers:
            continue
        nrounds = max(len(by[(sid, s)]) for s in servers)
        w(f"### {scn['title']}")
        w("")
        w(f"`{scn['command']}`")
        w("")
        head = "| server | " + " | ".join(f"round {i + 1} req/s" for i in range(nrounds))
        head += " | median req/s | spread | p99 ms (median) | CPU µs/req | peak RSS MB | errors |"
        w(head)
        w("|---" * (head.count("|") - 1) + "|")
        for s in servers:
            rps = series(sid, s, "rps")
            cells = [f0(x) for x in rps] + ["—"] * (nrounds - len(rps))
            errs = sum((r.get("socket_errors") or 0) + (r.get("non2xx") or 0) for r in by[(sid, s)])
            rss = m(sid, s, "peak_rss_kb")
            sp = spread(rps)
            dead = "" if all(r.get("alive", True) for r in by[(sid, s)]) else " (server died)"
            w(f"| {SERVER_NAMES[s]}{dead} | " + " | ".join(cells) +
              f" | **{f0(med(rps))}** | {'—' if sp is None else f'{sp:.0f} %'} | "
              f"{f2(m(sid, s, 'p99_ms'))} | {f1(m(sid, s, 'cpu_us_per_req'))} | "
              f"{'—' if rss is None else f'{rss / 1024:.1f}'} | {errs} |")
        w("")
        mf, hb, c = m(sid, "mf", "rps"), m(sid, "hb", "rps"), m(sid, "c", "rps")
        parts = []
        if mf is not None and hb:
            parts.append(f"MicroFlask / Hummingbird = **{mf / hb:.2f}x**")
        if mf is not None and c:
            parts.append(f"MicroFlask / C = **{mf / c:.2f}x**")
        if hb is not None and c:
            parts.append(f"Hummingbird / C = {hb / c:.2f}x")
        ng = m(sid, "nginx", "rps")
        if mf is not None and ng:
            parts.append(f"MicroFlask / nginx = **{mf / ng:.2f}x**")
        if ng is not None and c:
            parts.append(f"nginx / C = {ng / c:.2f}x")
        cm, ch, cc = m(sid, "mf", "cpu_us_per_req"), m(sid, "hb", "cpu_us_per_req"), m(sid, "c", "cpu_us_per_req")
        if cm and ch:
            parts.append(f"server CPU per request Hummingbird / MicroFlask = {ch / cm:.2f}x "
                         "(less sensitive to noise than req/s)")
        if cm and cc:
            parts.append(f"server CPU per request MicroFlask / C = **{cm / cc:.2f}x**")
        fl = m(sid, "flask", "rps")
        if mf is not None and fl:
            parts.append(f"MicroFlask / Flask+gunicorn = **{mf / fl:.1f}x**")
        if parts:
            w("Ratios of medians: " + "; ".join(parts) + ".")
            w("")

    extras = meta.get("extras", {})
    idle = extras.get("idle")
    sleep = extras.get("sleep")
    if idle or sleep:
        w("### Extra measurements (MicroFlask)")
        w("")
    if idle:
        w(f"**{idle['count']:,} idle keep-alive connections** (each sent one request, then held "
          f"idle; `Benchmarks/clients.py idle`; a freshly started MicroFlask with its keep-alive "
          f"timeout raised from 5 s to {idle.get('keepalive_timeout_s', '—')} s so that they stay "
          f"open): opened {idle.get('opened', '—')}, still open at "
          f"the end {idle.get('still_open_at_end', '—')}. Server RSS with them open: "
          f"**{f1(idle.get('rss_kb') and idle['rss_kb'] / 1024)} MB** (before: "
          f"{f1(idle.get('rss_before_kb') and idle['rss_before_kb'] / 1024)} MB). Meanwhile "
          f"`{idle['command']}`: {f0(idle.get('rps'))} req/s, p99 **{f2(idle.get('p99_ms'))} ms**, "
          f"errors {idle.get('errors', '—')}; the same wrk on the same server just before the idle "
          f"connections were opened (control): {f0(idle.get('baseline_rps'))} req/s, p99 "
          f"{f2(idle.get('baseline_p99_ms'))} ms.")
        w("")
    if sleep:
        w(f"**Blocking handlers**: {sleep['clients']} clients each keep a request to "
          f"`/sleep/{sleep['ms']}` in flight (`Benchmarks/clients.py sleep`, "
          f"{sleep.get('completed', '—')} sleeps completed) while `{sleep['command']}` runs: "
          f"{f0(sleep.get('rps'))} req/s, p99 **{f2(sleep.get('p99_ms'))} ms**, errors "
          f"{sleep.get('errors', '—')}.")
        w("")

    # ------------------------------------------------------------ CPU per request, every server
    present = [s for s in SERVER_ORDER if any(k[1] == s for k in by)]
    cpu_scns = [scn for scn in scenarios if any((scn["id"], s) in by for s in present)]
    if present and cpu_scns:
        w("## Server CPU per request, every server")
        w("")
        w("Medians over the rounds, µs of server CPU (utime + stime of all its processes) per request "
          "completed; — where the server was not run in that scenario. Lower is better; this is the "
          "figure least sensitive to other work on the machine.")
        w("")
        def label(sid):
            if sid == "ab-plaintext":
                return "`/plaintext` ab, new connections"
            ep, _, conns = sid.rpartition("-c")
            return f"`/{'users/42' if ep == 'users' else ep}` c{conns}" if conns.isdigit() else f"`{sid}`"

        w("| server | " + " | ".join(label(scn["id"]) for scn in cpu_scns) + " |")
        w("|---" * (len(cpu_scns) + 1) + "|")
        for s in present:
            w(f"| {SERVER_NAMES[s]} | " + " | ".join(f1(m(scn['id'], s, 'cpu_us_per_req')) for scn in cpu_scns) + " |")
        w("")

    # ------------------------------------------------------------ issue 11's floors
    def per_round(num_scn, num_srv, num_key, den_scn, den_srv, den_key):
        num = {r["round"]: r.get(num_key) for r in by.get((num_scn, num_srv), [])}
        den = {r["round"]: r.get(den_key) for r in by.get((den_scn, den_srv), [])}
        return [num[k] / den[k] for k in sorted(num) if k in den and num[k] is not None and den[k]]

    def rng(xs):
        if len(xs) < 2:
            return ""
        return f"; per round {min(xs):.2f}x to {max(xs):.2f}x"

    def verdict11(ok):
        if ok is None:
            return "not measured"
        return "met" if ok else "**not met**"

    w("## Issue 11 floors (this run)")
    w("")
    w("Ratios of the medians above, with the range of the per-round ratios (each round runs the servers "
      "back to back). CPU per request is the server's utime + stime per request completed.")
    w("")
    w("| what | floor | measured | verdict |")
    w("| --- | --- | --- | --- |")
    for conns in (64, 256):
        for ep, label, floor in [("plaintext", "`/plaintext`", 1.25), ("json", "`/json`", 1.35)]:
            sid = f"{ep}-c{conns}"
            x, y = m(sid, "mf", "cpu_us_per_req"), m(sid, "c", "cpu_us_per_req")
            r = ratio(x, y)
            pr = per_round(sid, "mf", "cpu_us_per_req", sid, "c", "cpu_us_per_req")
            w(f"| {label} CPU per request, MicroFlask / C, wrk -c{conns} | <= {floor}x | "
              f"{'—' if r is None else f'**{r:.2f}x** ({f1(x)} vs {f1(y)} µs{rng(pr)})'} | "
              f"{verdict11(None if r is None else r <= floor)} |")
    for conns in (64, 256):
        x, y = m(f"users-c{conns}", "mf", "rps"), m(f"plaintext-c{conns}", "mf", "rps")
        r = ratio(x, y)
        pr = per_round(f"users-c{conns}", "mf", "rps", f"plaintext-c{conns}", "mf", "rps")
        w(f"| `/users/42` req/s / MicroFlask's own `/plaintext` req/s, wrk -c{conns} | >= 0.85x | "
          f"{'—' if r is None else f'**{r:.2f}x** ({f0(x)} vs {f0(y)} req/s{rng(pr)})'} | "
          f"{verdict11(None if r is None else r >= 0.85)} |")
    trows = []
    if meta.get("templates") and os.path.exists(meta["templates"]):
        with open(meta["templates"]) as f:
            trows = [json.loads(line) for line in f if line.strip()]
    trows = [r for r in trows if "renders_per_s" in r]
    for page, label in [("page", "users page (34 KB)"), ("flaskr", "Flaskr index (5.7 KB)")]:
        mfr = {r["round"]: r["renders_per_s"] for r in trows if r["page"] == page and r["engine"] == "microflask"}
        mjr = {r["round"]: r["renders_per_s"] for r in trows if r["page"] == page and r["engine"] == "minijinja"}
        pr = [mfr[k] / mjr[k] for k in sorted(mfr) if k in mjr and mjr[k]]
        r = med(pr)
        w(f"| templates, {label}: MicroFlask / MiniJinja renders/s (goal 2x) | >= 1.0x | "
          f"{'—' if r is None else f'**{r:.2f}x** (median of per-round ratios, {f0(med(list(mfr.values())))} vs {f0(med(list(mjr.values())))} renders/s{rng(pr)})'} | "
          f"{verdict11(None if r is None else r >= 1.0)} |")
    w("")
    if trows:
        w(f"The template figures come from `Benchmarks/TemplateBench/run.sh`, run by this script after the "
          f"HTTP rounds with the servers stopped; its full table (MicroFlask, Jinja2, MiniJinja, per-round "
          f"figures and ratios) is the Templates section of this file, written in the same run.")
    else:
        w("The template engines were not run in this run (see the notes): the Templates section of this "
          "file is from an earlier run.")
    w("")

    # ------------------------------------------------------------ floors
    w("## Floors (DESIGN.md section 5)")
    w("")
    w("| what | floor | measured | verdict |")
    w("| --- | --- | --- | --- |")
    have_mf = any(k[1] == "mf" for k in by)

    def verdict(ok):
        if ok is None:
            return "not measured"
        return "met" if ok else "**missed**"

    def ratio_floor(sid, label, floor):
        mf, hb = m(sid, "mf", "rps"), m(sid, "hb", "rps")
        r = ratio(mf, hb)
        w(f"| {label} | >= {floor}x Hummingbird | "
          f"{'—' if r is None else f'{r:.2f}x ({f0(mf)} vs {f0(hb)} req/s)'} | "
          f"{verdict(None if r is None else r >= floor)} |")

    for sid, label, floor in [("plaintext-c64", "`/plaintext` wrk -c64", 1.5),
                              ("plaintext-c256", "`/plaintext` wrk -c256", 1.5),
                              ("json-c64", "`/json` wrk -c64", 1.5),
                              ("json-c256", "`/json` wrk -c256", 1.5),
                              ("users-c64", "`/users/42` wrk -c64", 1.3),
                              ("users-c256", "`/users/42` wrk -c256", 1.3),
                              ("ab-plaintext", "`/plaintext` ab -c32, new connection each", 1.5)]:
        ratio_floor(sid, label, floor)

    def peak(srv):
        vals = [r.get("peak_rss_kb") for (scn, s), rs in by.items() if s == srv and scn.endswith("-c256")
                for r in rs]
        vals = [v for v in vals if v]
        return max(vals) if vals else None

    pm, ph = peak("mf"), peak("hb")
    ok = None if pm is None or ph is None else pm < ph
    w(f"| peak RSS under the c256 loads (max over runs) | below Hummingbird's | "
      f"{'—' if pm is None else f'{pm / 1024:.1f} MB'} vs {'—' if ph is None else f'{ph / 1024:.1f} MB'} | "
      f"{verdict(ok)} |")
    cpu = m("plaintext-c64", "mf", "cpu_us_per_req")
    w(f"| CPU per request, `/plaintext` c64 | <= 25 µs | {f1(cpu)} µs | "
      f"{verdict(None if cpu is None else cpu <= 25)} |")
    if idle:
        rss_mb = idle.get("rss_kb") / 1024 if idle.get("rss_kb") else None
        p99 = idle.get("p99_ms")
        all_open = idle.get("opened") == idle["count"]
        w(f"| {idle['count']:,} idle keep-alive connections: RSS | < 100 MB | {f1(rss_mb)} MB "
          f"({idle.get('opened', '—')} opened, {idle.get('still_open_at_end', '—')} still open at end) | "
          f"{verdict(None if rss_mb is None else (rss_mb < 100 and all_open))} |")
        w(f"| same, other clients' p99 (wrk -c16) | < 50 ms | {f2(p99)} ms | "
          f"{verdict(None if p99 is None else (p99 < 50 and not idle.get('errors')))} |")
    else:
        w(f"| 10,000 idle keep-alive connections: RSS, p99 | < 100 MB, < 50 ms | — | not measured |")
    if sleep:
        p99 = sleep.get("p99_ms")
        w(f"| {sleep['clients']} handlers blocked in `/sleep/{sleep['ms']}`: GET / p99 | < 50 ms | "
          f"{f2(p99)} ms | {verdict(None if p99 is None else (p99 < 50 and not sleep.get('errors')))} |")
    else:
        w("| 8 handlers blocked in sleep(2): GET / p99 | < 50 ms | — | not measured |")
    mf, fl = m("plaintext-c64", "mf", "rps"), m("plaintext-c64", "flask", "rps")
    r = ratio(mf, fl)
    w(f"| vs Flask + gunicorn (2 sync workers), `/plaintext` c64 | >= 10x | "
      f"{'—' if r is None else f'{r:.1f}x ({f0(mf)} vs {f0(fl)} req/s)'} | "
      f"{verdict(None if r is None else r >= 10)} |")
    c = m("plaintext-c64", "c", "rps")
    w(f"| (for reference) MicroFlask / C ceiling, `/plaintext` c64 | — | "
      f"{'—' if ratio(mf, c) is None else f'{ratio(mf, c):.2f}x'} | — |")
    w("")
    if not have_mf:
        w("MicroFlask was not run (`SKIP_MICROFLASK=1`): the floors above cannot be judged yet.")
        w("")
    if meta.get("notes"):
        w("## Notes from this run")
        w("")
        for n in meta["notes"]:
            w(f"- {n}")
        w("")
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    previous = open(a.out).read() if os.path.exists(a.out) else ""
    with open(a.out, "w") as f:
        f.write(splice(previous, "\n".join(out).rstrip("\n") + "\n"))
    # the floor tables also go to stdout
    start = out.index("## Issue 11 floors (this run)")
    print("\n".join(out[start:]))


def splice(previous, block):
    """The file with run.sh's part replaced by `block`; every other section of `previous` kept.

    With the markers, only what lies between them is replaced. A file written by run.sh before the
    markers existed starts with the title and run.sh's sections and ends them with the Floors table
    (and the run's Notes): that span is replaced and the rest kept. Any other file is kept whole,
    after the new part.
    """
    marked = f"{BEGIN}\n\n{block}\n{END}\n"
    if BEGIN in previous and END in previous:
        head, rest = previous.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        return head + marked + ("\n" + tail if tail.strip() else "")
    lines = previous.splitlines(keepends=True)
    if lines and lines[0].strip() == TITLE and any(l.startswith("## Floors (DESIGN.md section 5)") for l in lines):
        i = next(n for n, l in enumerate(lines) if l.startswith("## Floors (DESIGN.md section 5)")) + 1
        while i < len(lines) and not (lines[i].startswith("## ") and not lines[i].startswith("## Notes from this run")) \
                and not lines[i].startswith("<!--"):
            i += 1
        rest = "".join(lines[i:])
        return f"{TITLE}\n\n{marked}" + ("\n" + rest if rest.strip() else "")
    if previous.strip():
        body = previous
        if lines and lines[0].strip() == TITLE:
            body = "".join(lines[1:]).lstrip("\n")
        return f"{TITLE}\n\n{marked}\n{body}"
    return f"{TITLE}\n\n{marked}"


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("proc")
    s.add_argument("pid", type=int)
    s = sub.add_parser("resethwm")
    s.add_argument("pid", type=int)
    s = sub.add_parser("record")
    for name in ("scenario", "server", "tool", "output"):
        s.add_argument("--" + name, required=True)
    s.add_argument("--round", type=int, required=True)
    s.add_argument("--ticks-before", type=int, default=0)
    s.add_argument("--ticks-after", type=int, default=0)
    s.add_argument("--hwm-kb", type=int, default=0)
    s.add_argument("--alive", type=int, default=1)
    s.add_argument("--extra", default="")
    s = sub.add_parser("parse")
    s.add_argument("tool")
    s.add_argument("output")
    s = sub.add_parser("render")
    s.add_argument("dir")
    s.add_argument("out")
    a = p.parse_args()
    if a.cmd == "proc":
        print(*proc_numbers(a.pid))
    elif a.cmd == "resethwm":
        reset_hwm(a.pid)
    elif a.cmd == "record":
        record(a)
    elif a.cmd == "parse":
        text = open(a.output, errors="replace").read()
        print(json.dumps(parse_ab(text) if a.tool == "ab" else parse_wrk(text)))
    elif a.cmd == "render":
        render(a)


if __name__ == "__main__":
    sys.exit(main())
