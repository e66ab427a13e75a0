#!/usr/bin/env bash
# MicroFlask benchmarks: MicroFlask vs Hummingbird 2 vs a C epoll ceiling (vs Flask+gunicorn),
# interleaved round by round, on 127.0.0.1 only. Writes docs/BENCHMARKS.md.
#
#   Benchmarks/run.sh                 full run: wrk -d10s, 3 rounds (about 15 minutes)
#   QUICK=1 Benchmarks/run.sh         trying it out: wrk -d3s, 1 round
#   SKIP_MICROFLASK=1 ...             the other peers only (while MicroFlask is not buildable)
#   NO_INSTALL=1 ...                  do not apt-get/pip anything
#   MF_ARGS="--threads 4" ...         extra arguments for MicroFlaskPeer
#   OUT=path.md ...                   where the report goes (default docs/BENCHMARKS.md)
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
QUICK="${QUICK:-0}"
SKIP_MICROFLASK="${SKIP_MICROFLASK:-0}"
OUT="${OUT:-$ROOT/docs/BENCHMARKS.md}"
BASE_PORT="${BASE_PORT:-18080}"
HOST=127.0.0.1   # the only address this script ever targets
if [ "$QUICK" = 1 ]; then DUR="${DUR:-3}"; ROUNDS="${ROUNDS:-1}"; else DUR="${DUR:-10}"; ROUNDS="${ROUNDS:-3}"; fi
[ "$DUR" -le 30 ] || DUR=30
[ "$ROUNDS" -le 5 ] || ROUNDS=5
AB_N="${AB_N:-20000}"
IDLE_N="${IDLE_N:-10000}"
SLEEP_DUR=5

# CPU pinning. On a box with two or more CPUs, every server runs on SERVER_CPUS and every load
# tool on CLIENT_CPUS, so that each server gets the same CPU budget and does not fight the load
# generator for it: the figures then measure the servers, not the scheduler. PIN=0 turns it off.
if [ "${PIN:-1}" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    SERVER_CPUS="${SERVER_CPUS:-1}"
    CLIENT_CPUS="${CLIENT_CPUS:-0}"
    PIN_SERVER=(taskset -c "$SERVER_CPUS")
    PIN_CLIENT=(taskset -c "$CLIENT_CPUS")
else
    SERVER_CPUS=""
    CLIENT_CPUS=""
    PIN_SERVER=()
    PIN_CLIENT=()
fi

declare -A PORT=([mf]=$BASE_PORT [hb]=$((BASE_PORT + 1)) [c]=$((BASE_PORT + 2)) [flask]=$((BASE_PORT + 3)))
declare -A PID=()
SERVERS=(mf hb c)
[ "$SKIP_MICROFLASK" = 1 ] && SERVERS=(hb c)

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RES="$BENCH/.build/results/$STAMP"
mkdir -p "$RES"
: > "$RES/results.jsonl"
: > "$RES/notes.txt"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
note() { log "NOTE: $*"; printf '%s\n' "$*" >> "$RES/notes.txt"; }

# ------------------------------------------------------------------ cleanup
cleanup() {
    local s p
    for s in "${!PID[@]}"; do
        p="${PID[$s]}"
        kill "$p" 2>/dev/null || true
    done
    for s in "${!PID[@]}"; do
        p="${PID[$s]}"
        for _ in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null || true
    done
    [ -n "${CLIENT_PID:-}" ] && kill "$CLIENT_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ tools
if [ "${NO_INSTALL:-0}" != 1 ]; then
    need=()
    command -v wrk >/dev/null || need+=(wrk)
    command -v ab >/dev/null || need+=(apache2-utils)
    command -v gcc >/dev/null || need+=(gcc)
    command -v curl >/dev/null || need+=(curl)
    if [ "${#need[@]}" -gt 0 ]; then
        log "installing ${need[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
    python3 -c 'import flask' 2>/dev/null || python3 -m pip install -q flask
    python3 -c 'import gunicorn' 2>/dev/null || python3 -m pip install -q gunicorn
fi
for t in wrk ab gcc curl python3 swift; do command -v "$t" >/dev/null || { log "missing $t"; exit 1; }; done

ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
[ "$(ulimit -n)" -ge $((IDLE_N + 1000)) ] || note "ulimit -n is only $(ulimit -n): the idle test may not open $IDLE_N connections"

# ------------------------------------------------------------------ build
log "building the C peer"
gcc -O2 -pthread -o "$BENCH/.build/hello-c" "$BENCH/Peers/C/hello.c"
log "building the Swift peers (release)"
# One graph per peer (see Package.swift: MicroFlask's `CSystem` target clashes with swift-system's).
(cd "$BENCH" && BENCH_PEERS=hummingbird swift build -c release 2>&1 | tail -n 2)
HB_BIN="$(cd "$BENCH" && BENCH_PEERS=hummingbird swift build -c release --show-bin-path)"
if [ "$SKIP_MICROFLASK" != 1 ]; then
    # SwiftPM refuses a manifest whose target folders are missing; git keeps no empty folders.
    for d in Tests/MicroFlaskTests Tests/MicroFlaskServerTests; do
        if grep -q "\"${d#Tests/}\"" "$ROOT/Package.swift" && [ ! -d "$ROOT/$d" ]; then
            mkdir -p "$ROOT/$d"; note "created the missing empty folder $d so that the main manifest loads"
        fi
    done
    (cd "$BENCH" && BENCH_PEERS=microflask swift build -c release --scratch-path .build-mf 2>&1 | tail -n 2)
    MF_BIN="$(cd "$BENCH" && BENCH_PEERS=microflask swift build -c release --scratch-path .build-mf --show-bin-path)"
    [ -x "$MF_BIN/MicroFlaskPeer" ] || { log "MicroFlaskPeer did not build"; exit 1; }
fi

# ------------------------------------------------------------------ servers
start_server() {
    local s="$1" port="${PORT[$1]}"
    case "$s" in
        mf) "${PIN_SERVER[@]}" "$MF_BIN/MicroFlaskPeer" --port "$port" --host "$HOST" --quiet ${MF_ARGS:-} >>"$RES/server-mf.log" 2>&1 & ;;
        hb) "${PIN_SERVER[@]}" "$HB_BIN/HummingbirdPeer" --port "$port" >>"$RES/server-hb.log" 2>&1 & ;;
        c) "${PIN_SERVER[@]}" "$BENCH/.build/hello-c" --port "$port" --threads 2 >>"$RES/server-c.log" 2>&1 & ;;
        flask) "${PIN_SERVER[@]}" python3 -m gunicorn -w 2 -k sync --backlog 2048 --log-level warning \
                   -b "$HOST:$port" --chdir "$BENCH/Peers/Flask" app:app >>"$RES/server-flask.log" 2>&1 & ;;
    esac
    PID[$s]=$!
    for _ in $(seq 1 120); do
        if curl -sf --max-time 1 "http://$HOST:$port/plaintext" >/dev/null 2>&1; then
            log "$s up on $port (pid ${PID[$s]})"
            return 0
        fi
        kill -0 "${PID[$s]}" 2>/dev/null || break
        sleep 0.5
    done
    note "$s did not come up on port $port (see server-$s.log)"
    return 1
}

ensure_up() {
    local s="$1"
    if ! kill -0 "${PID[$s]}" 2>/dev/null; then
        note "$s (pid ${PID[$s]}) had died; restarted it"
        start_server "$s" || return 1
    fi
}

# check the peers answer the same bodies before timing them
check_bodies() {
    local s="$1" port="${PORT[$1]}" got
    got="$(curl -s --max-time 2 "http://$HOST:$port/plaintext")"
    [ "$got" = "Hello, World!" ] || note "$s /plaintext answered '$got'"
    got="$(curl -s --max-time 2 "http://$HOST:$port/json" | tr -d ' \n')"
    [ "$got" = '{"message":"Hello,World!"}' ] || note "$s /json answered '$got'"
    got="$(curl -s --max-time 2 "http://$HOST:$port/users/42" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], d["name"])' 2>&1 || true)"
    [ "$got" = "42 User 42" ] || note "$s /users/42 answered '$got'"
}

for s in "${SERVERS[@]}" flask; do
    start_server "$s" || true
    check_bodies "$s"
done

# ------------------------------------------------------------------ one measured run
# run_one SCENARIO SERVER ROUND TOOL COMMAND...
run_one() {
    local scn="$1" s="$2" round="$3" tool="$4"; shift 4
    local out="$RES/$scn-$s-r$round.txt" pid before after hwm alive=1
    ensure_up "$s" || return 0
    pid="${PID[$s]}"
    python3 "$BENCH/report.py" resethwm "$pid"
    before="$(python3 "$BENCH/report.py" proc "$pid" | cut -d' ' -f1)"
    timeout $((DUR + 120)) "${PIN_CLIENT[@]}" "$@" >"$out" 2>&1 || true
    read -r after hwm _ < <(python3 "$BENCH/report.py" proc "$pid")
    kill -0 "$pid" 2>/dev/null || alive=0
    python3 "$BENCH/report.py" record --scenario "$scn" --server "$s" --round "$round" --tool "$tool" \
        --output "$out" --ticks-before "$before" --ticks-after "$after" --hwm-kb "$hwm" --alive "$alive" \
        | tee -a "$RES/results.jsonl" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print("   ", r["scenario"], r["server"], "round", r["round"], "req/s", r["rps"], "p99 ms", r["p99_ms"], "cpu us/req", None if r["cpu_us_per_req"] is None else round(r["cpu_us_per_req"],1), "errors", r["socket_errors"] + r["non2xx"])' >&2
    sleep 1
}

# ------------------------------------------------------------------ warm-up (not recorded)
log "warming up"
for s in "${SERVERS[@]}"; do
    for path in /plaintext /json /users/42; do
        timeout 30 "${PIN_CLIENT[@]}" wrk -t1 -c64 -d1s "http://$HOST:${PORT[$s]}$path" >/dev/null 2>&1 || true
    done
done

# ------------------------------------------------------------------ scenarios
SCEN_JSON="$RES/scenarios.jsonl"
: > "$SCEN_JSON"
scenario() { # id title servers command-template
    printf '{"id":"%s","title":"%s","servers":%s,"command":"%s"}\n' "$1" "$2" "$3" "$4" >> "$SCEN_JSON"
}
list_json() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@"; }

CONNS_LIST="64 256"; AB_ROUNDS="$ROUNDS"
if [ "${ONLY_EXTRAS:-0}" = 1 ]; then CONNS_LIST=""; AB_ROUNDS=0; note "ONLY_EXTRAS=1: scenarios skipped"; fi
for conns in $CONNS_LIST; do
    for ep in plaintext json users; do
        path="/$ep"; [ "$ep" = users ] && path=/users/42
        scn="$ep-c$conns"
        servers=("${SERVERS[@]}")
        [ "$scn" = plaintext-c64 ] && servers+=(flask)
        scenario "$scn" "wrk keep-alive, $conns connections, GET $path" "$(list_json "${servers[@]}")" \
            "wrk -t1 -c$conns -d${DUR}s --latency http://127.0.0.1:PORT$path"
        log "scenario $scn"
        for round in $(seq 1 "$ROUNDS"); do
            for s in "${servers[@]}"; do
                run_one "$scn" "$s" "$round" wrk wrk -t1 "-c$conns" "-d${DUR}s" --latency "http://$HOST:${PORT[$s]}$path"
            done
        done
    done
done

scn=ab-plaintext
# `Connection: close` is sent explicitly: Hummingbird 2.28.1 answers ab's HTTP/1.0 requests with
# HTTP/1.1 and keeps the connection open, so plain `ab` (no -k) times out against it.
scenario "$scn" "ab, 32 concurrent, a new connection per request (no -k, Connection: close), GET /plaintext" \
    "$(list_json "${SERVERS[@]}")" "ab -q -c32 -n $AB_N -s 10 -H 'Connection: close' http://127.0.0.1:PORT/plaintext"
log "scenario $scn"
for round in $(seq 1 "$AB_ROUNDS"); do
    for s in "${SERVERS[@]}"; do
        run_one "$scn" "$s" "$round" ab ab -q -c32 -n "$AB_N" -s 10 -H "Connection: close" "http://$HOST:${PORT[$s]}/plaintext"
    done
done

# ------------------------------------------------------------------ extras (MicroFlask only)
EXTRAS="{}"
if [ "$SKIP_MICROFLASK" != 1 ] && ensure_up mf; then
    port="${PORT[mf]}"
    log "blocking handlers: 8 x /sleep/2000 in flight while wrk -c16 -d${SLEEP_DUR}s GET /"
    "${PIN_CLIENT[@]}" python3 "$BENCH/clients.py" sleep --port "$port" --clients 8 --ms 2000 --duration $((SLEEP_DUR + 3)) \
        >"$RES/sleep-clients.json" 2>"$RES/sleep-clients.err" &
    CLIENT_PID=$!
    sleep 1
    timeout $((SLEEP_DUR + 60)) "${PIN_CLIENT[@]}" wrk -t1 -c16 "-d${SLEEP_DUR}s" --latency "http://$HOST:$port/" >"$RES/sleep-wrk.txt" 2>&1 || true
    wait "$CLIENT_PID" || true
    CLIENT_PID=
    python3 "$BENCH/report.py" parse wrk "$RES/sleep-wrk.txt" > "$RES/sleep-parsed.json"
    SLEEP_JSON="$(python3 - "$RES" "$SLEEP_DUR" <<'PY'
import json, sys, os
res, dur = sys.argv[1], sys.argv[2]
w = json.load(open(os.path.join(res, "sleep-parsed.json")))
try:
    c = json.load(open(os.path.join(res, "sleep-clients.json")))
except Exception:
    c = {}
print(json.dumps({"clients": 8, "ms": 2000, "completed": c.get("completed"), "sleep_errors": c.get("errors"),
                  "rps": w["rps"], "p99_ms": w["p99_ms"], "errors": w["socket_errors"] + w["non2xx"],
                  "command": f"wrk -t1 -c16 -d{dur}s --latency http://127.0.0.1:PORT/"}))
PY
)"
    log "sleep: $SLEEP_JSON"

    # A fresh MicroFlask whose keep-alive timeout (default 5 s) outlasts the test, so that the
    # connections stay open and idle throughout.
    kill "${PID[mf]}" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "${PID[mf]}" 2>/dev/null || break; sleep 0.1; done
    kill -9 "${PID[mf]}" 2>/dev/null || true
    MF_KEEP_ALIVE_TIMEOUT=$((DUR + 200)) start_server mf || true
    log "idle: $IDLE_N keep-alive connections held while wrk -c16 -d${DUR}s /plaintext"
    ready="$RES/idle-ready"
    # control: the same wrk on the same fresh server before the idle connections exist
    timeout $((DUR + 60)) "${PIN_CLIENT[@]}" wrk -t1 -c16 "-d${DUR}s" --latency "http://$HOST:$port/plaintext" >"$RES/idle-baseline-wrk.txt" 2>&1 || true
    sleep 1
    read -r _ _ rss_before < <(python3 "$BENCH/report.py" proc "${PID[mf]}")
    "${PIN_CLIENT[@]}" python3 "$BENCH/clients.py" idle --port "$port" --count "$IDLE_N" --hold $((DUR + 150)) --ready "$ready" \
        >"$RES/idle-clients.json" 2>"$RES/idle-clients.err" &
    CLIENT_PID=$!
    for _ in $(seq 1 300); do [ -f "$ready" ] && break; kill -0 "$CLIENT_PID" 2>/dev/null || break; sleep 0.5; done
    sleep 1
    read -r _ _ rss_idle < <(python3 "$BENCH/report.py" proc "${PID[mf]}")
    timeout $((DUR + 60)) "${PIN_CLIENT[@]}" wrk -t1 -c16 "-d${DUR}s" --latency "http://$HOST:$port/plaintext" >"$RES/idle-wrk.txt" 2>&1 || true
    read -r _ _ rss_after < <(python3 "$BENCH/report.py" proc "${PID[mf]}")
    touch "$ready.stop"
    wait "$CLIENT_PID" || true
    CLIENT_PID=
    kill -0 "${PID[mf]}" 2>/dev/null || note "MicroFlask died during the idle-connection test"
    python3 "$BENCH/report.py" parse wrk "$RES/idle-wrk.txt" > "$RES/idle-parsed.json"
    python3 "$BENCH/report.py" parse wrk "$RES/idle-baseline-wrk.txt" > "$RES/idle-baseline-parsed.json"
    IDLE_JSON="$(python3 - "$RES" "$DUR" "$IDLE_N" "$rss_before" "$rss_idle" "$rss_after" <<'PY'
import json, sys, os
res, dur, n, before, idle, after = sys.argv[1:]
w = json.load(open(os.path.join(res, "idle-parsed.json")))
b = json.load(open(os.path.join(res, "idle-baseline-parsed.json")))
try:
    c = json.load(open(os.path.join(res, "idle-clients.json")))
except Exception:
    c = {}
print(json.dumps({"count": int(n), "opened": c.get("opened"), "failed": c.get("failed"),
                  "still_open_at_end": c.get("still_open_at_end"),
                  "rss_before_kb": int(before), "keepalive_timeout_s": int(dur) + 200, "rss_kb": max(int(idle), int(after)),
                  "rps": w["rps"], "p99_ms": w["p99_ms"], "errors": w["socket_errors"] + w["non2xx"],
                  "baseline_rps": b["rps"], "baseline_p99_ms": b["p99_ms"],
                  "command": f"wrk -t1 -c16 -d{dur}s --latency http://127.0.0.1:PORT/plaintext"}))
PY
)"
    log "idle: $IDLE_JSON"
    EXTRAS="{\"sleep\": $SLEEP_JSON, \"idle\": $IDLE_JSON}"
fi

# ------------------------------------------------------------------ report
export RES QUICK DUR ROUNDS AB_N EXTRAS ROOT SKIP_MICROFLASK SERVER_CPUS CLIENT_CPUS
export P_MF="${PORT[mf]}" P_HB="${PORT[hb]}" P_C="${PORT[c]}" P_FLASK="${PORT[flask]}"
python3 - <<'PY'
import json, os, platform, subprocess
env = os.environ
def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:
        return "?"
cpu = "?"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
dur, rounds = env["DUR"], env["ROUNDS"]
peers = {
    "mf": "`Benchmarks/Sources/MicroFlaskPeer` (release), MicroFlask's default engine settings",
    "hb": "`Benchmarks/Sources/HummingbirdPeer` (release), Hummingbird 2.28.1 defaults, logging off",
    "c": "`Benchmarks/Peers/C/hello.c` (gcc -O2), 2 epoll threads, SO_REUSEPORT",
    "flask": "`Benchmarks/Peers/Flask/app.py`, gunicorn -w 2 -k sync",
}
if env.get("SKIP_MICROFLASK") == "1":
    peers.pop("mf")
meta = {
    "date": sh("date -u '+%Y-%m-%d %H:%M UTC'"),
    "quick": env["QUICK"] == "1",
    "uname": sh("uname -a"),
    "nproc": sh("nproc"),
    "cpu": cpu,
    "swift": sh("swift --version 2>&1 | head -1"),
    "wrk": sh("wrk -v 2>&1 | head -1"),
    "gcc": sh("gcc --version | head -1"),
    "commit": sh(f"git -C {env['ROOT']} rev-parse --short HEAD") + (" (dirty)" if sh(f"git -C {env['ROOT']} status --porcelain") else ""),
    "ports": {"mf": env["P_MF"], "hb": env["P_HB"], "c": env["P_C"], "flask": env["P_FLASK"]},
    "peers": peers,
    "scenarios": [json.loads(l) for l in open(os.path.join(env["RES"], "scenarios.jsonl")) if l.strip()],
    "commands": [
        f"Benchmarks/run.sh   ({'QUICK=1: ' if env['QUICK'] == '1' else ''}{rounds} round(s), -d{dur}s)",
        f"wrk -t1 -c64  -d{dur}s --latency http://127.0.0.1:PORT/{{plaintext,json,users/42}}",
        f"wrk -t1 -c256 -d{dur}s --latency http://127.0.0.1:PORT/{{plaintext,json,users/42}}",
        f"ab -q -c32 -n {env['AB_N']} -s 10 -H 'Connection: close' http://127.0.0.1:PORT/plaintext",
        "python3 Benchmarks/clients.py sleep --port PORT --clients 8 --ms 2000 --duration 8 &",
        "  wrk -t1 -c16 -d5s --latency http://127.0.0.1:PORT/",
        "python3 Benchmarks/clients.py idle --port PORT --count 10000 ... &",
        f"  wrk -t1 -c16 -d{dur}s --latency http://127.0.0.1:PORT/plaintext",
    ],
    "pinning": {"server_cpus": env.get("SERVER_CPUS", ""), "client_cpus": env.get("CLIENT_CPUS", "")},
    "extras": json.loads(env["EXTRAS"]),
    "notes": [l.strip() for l in open(os.path.join(env["RES"], "notes.txt")) if l.strip()],
}
json.dump(meta, open(os.path.join(env["RES"], "meta.json"), "w"), indent=1)
PY
python3 "$BENCH/report.py" render "$RES" "$OUT"
log "raw outputs in $RES; report written to $OUT"
