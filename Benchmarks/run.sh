#!/usr/bin/env bash
# MicroFlask benchmarks: MicroFlask vs Hummingbird 2 vs nginx vs a C epoll ceiling vs Flask+gunicorn,
# interleaved round by round, on 127.0.0.1 only, then the template engines (MicroFlask, Jinja2,
# MiniJinja: Benchmarks/TemplateBench/run.sh). Writes its part of docs/BENCHMARKS.md (between the
# `Benchmarks/run.sh:begin/end` markers) and TemplateBench's part (between its markers); every
# other section of the file is kept as it is.
#
#   Benchmarks/run.sh                 full run: wrk -d10s, 3 rounds, templates (about 22 minutes once built)
#   QUICK=1 Benchmarks/run.sh         trying it out: wrk -d3s, 1 round, templates 1 round of 1 s
#   DUR=N ROUNDS=N ...                wrk seconds per run (<= 30), rounds (<= 5)
#   NO_TEMPLATES=1 ...                skip the template engines
#   NO_NGINX=1 ...                    skip nginx
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

declare -A PORT=([mf]=$BASE_PORT [hb]=$((BASE_PORT + 1)) [c]=$((BASE_PORT + 2)) [flask]=$((BASE_PORT + 3))
                 [nginx]=$((BASE_PORT + 4)))
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
    [ "${NO_NGINX:-0}" = 1 ] || command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
    if [ "${#need[@]}" -gt 0 ]; then
        log "installing ${need[*]}"
        # Debian starts an installed nginx on port 80 unless policy-rc.d forbids it: forbid it for
        # the install (only if no policy is in place already), so that only our 127.0.0.1 one runs.
        made_policy=0
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
        fi
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; } \
            || log "apt-get install ${need[*]} failed; going on with what is there"
        [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    fi
    python3 -c 'import flask' 2>/dev/null || python3 -m pip install -q flask
    python3 -c 'import gunicorn' 2>/dev/null || python3 -m pip install -q gunicorn
fi
for t in wrk ab gcc curl python3 swift; do command -v "$t" >/dev/null || { log "missing $t"; exit 1; }; done
NGINX_BIN=""
if [ "${NO_NGINX:-0}" = 1 ]; then
    note "NO_NGINX=1: nginx was not run"
elif NGINX_BIN="$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })"; then
    SERVERS+=(nginx)
else
    NGINX_BIN=""
    note "nginx is not installed and could not be installed (apt-get install nginx-light): nginx was not run"
fi

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
if [ "${NO_TEMPLATES:-0}" != 1 ]; then
    # built now so that a failure shows before the long part; TemplateBench/run.sh rebuilds nothing then
    log "building TemplateBench (release)"
    (cd "$BENCH/TemplateBench" && swift build -c release --product TemplateBench 2>&1 | tail -n 2) || true
fi

# ------------------------------------------------------------------ nginx's configuration
# The C peer's endpoints with the C peer's bodies and Content-Types (check_bodies compares them
# byte for byte): fixed answers from `return`, one worker process, 127.0.0.1 only, no access log,
# keep-alive connections never closed by a request count (like the other servers), every path
# nginx may write to inside the results folder.
if [ -n "$NGINX_BIN" ]; then
    NGX="$RES/nginx"
    mkdir -p "$NGX"
    cat > "$NGX/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
events {
    worker_connections 4096;
}
http {
    access_log off;
    server_tokens off;
    keepalive_requests 1000000000;
    keepalive_timeout 75s;
    client_body_temp_path $NGX/client_body;
    proxy_temp_path $NGX/proxy;
    fastcgi_temp_path $NGX/fastcgi;
    uwsgi_temp_path $NGX/uwsgi;
    scgi_temp_path $NGX/scgi;
    server {
        listen $HOST:${PORT[nginx]} backlog=4096;
        location = /plaintext {
            default_type "text/plain; charset=utf-8";
            return 200 "Hello, World!";
        }
        location = /json {
            default_type application/json;
            return 200 '{"message":"Hello, World!"}';
        }
        location ~ "^/users/0*([1-9][0-9]{0,17}|0)\$" {
            default_type application/json;
            return 200 '{"id":\$1,"name":"User \$1"}';
        }
        location = / {
            default_type "text/html; charset=utf-8";
            return 200 "<h1>Hello</h1>";
        }
        location / {
            default_type text/plain;
            return 404 "Not Found";
        }
    }
}
EOF
    if ! "$NGINX_BIN" -t -q -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" >"$RES/server-nginx.log" 2>&1; then
        note "nginx rejected its configuration (see server-nginx.log): nginx was not run"
        kept=(); for s in "${SERVERS[@]}"; do [ "$s" = nginx ] || kept+=("$s"); done
        SERVERS=("${kept[@]}"); NGINX_BIN=""
    fi
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
        # `daemon off`: the master stays in the foreground, so $! is the master (taskset execs).
        nginx) rm -f "$NGX/nginx.pid"
               "${PIN_SERVER[@]}" "$NGINX_BIN" -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" >>"$RES/server-nginx.log" 2>&1 & ;;
    esac
    PID[$s]=$!
    for _ in $(seq 1 120); do
        if curl -sf --max-time 1 "http://$HOST:$port/plaintext" >/dev/null 2>&1; then
            if [ "$s" = nginx ]; then
                # the master's PID from its pid file; its worker is a child, counted with it
                local master
                master="$(cat "$NGX/nginx.pid" 2>/dev/null || true)"
                if [ -n "$master" ] && [ "$master" != "${PID[$s]}" ]; then
                    note "nginx's pid file says $master, not $!: stopping and measuring $master"
                    PID[$s]="$master"
                fi
            fi
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

# nginx and MicroFlask must answer the C peer's bytes exactly (body and Content-Type)
same_as_c() {
    local s="$1" path want got
    for path in /plaintext /json /users/42; do
        want="$(curl -s --max-time 2 -o - -w '\n%{content_type}' "http://$HOST:${PORT[c]}$path" | od -An -c)"
        got="$(curl -s --max-time 2 -o - -w '\n%{content_type}' "http://$HOST:${PORT[$s]}$path" | od -An -c)"
        if [ "$got" = "$want" ]; then
            log "$s $path: body and Content-Type identical to the C peer's"
        else
            note "$s $path differs from the C peer: body+type $(echo $got) against $(echo $want)"
        fi
    done
}

for s in "${SERVERS[@]}" flask; do
    start_server "$s" || true
    check_bodies "$s"
done
for s in "${SERVERS[@]}"; do
    case "$s" in mf|nginx) same_as_c "$s" ;; esac
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
        [ "$conns" = 64 ] && servers+=(flask)
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

# ------------------------------------------------------------------ templates (same run)
# The servers are stopped first so that the engines have the CPUs to themselves.
cleanup
PID=()
TEMPLATES="none"
if [ "${NO_TEMPLATES:-0}" = 1 ]; then
    note "NO_TEMPLATES=1: the template engines were not run"
else
    if [ "$QUICK" = 1 ]; then T_ROUNDS="${T_ROUNDS:-1}"; T_SECONDS="${T_SECONDS:-1}"; else T_ROUNDS="${T_ROUNDS:-5}"; T_SECONDS="${T_SECONDS:-2}"; fi
    [ "$T_ROUNDS" -le 9 ] || T_ROUNDS=9
    [ "$T_SECONDS" -le 5 ] || T_SECONDS=5
    log "templates: Benchmarks/TemplateBench/run.sh, $T_ROUNDS round(s) of ${T_SECONDS} s per engine and page"
    # It writes its own marked section of $OUT; its raw results are kept for the floors table.
    if timeout 1800 env OUT="$OUT" ROUNDS="$T_ROUNDS" SECONDS_EACH="$T_SECONDS" PIN="${PIN:-1}" \
        RESULTS_COPY="$RES/templates.jsonl" "$BENCH/TemplateBench/run.sh" >"$RES/templates.log" 2>&1; then
        TEMPLATES="$RES/templates.jsonl"
    else
        note "Benchmarks/TemplateBench/run.sh failed (see templates.log in the results folder): no template figures"
        tail -n 20 "$RES/templates.log" >&2 || true
    fi
fi

# ------------------------------------------------------------------ report
export RES QUICK DUR ROUNDS AB_N EXTRAS ROOT SKIP_MICROFLASK SERVER_CPUS CLIENT_CPUS TEMPLATES
export T_ROUNDS="${T_ROUNDS:-}" T_SECONDS="${T_SECONDS:-}"
export P_MF="${PORT[mf]}" P_HB="${PORT[hb]}" P_C="${PORT[c]}" P_FLASK="${PORT[flask]}" P_NGINX="${PORT[nginx]}"
export NGINX_VERSION="$([ -n "$NGINX_BIN" ] && "$NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //' || true)"
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
    "nginx": f"Debian's nginx ({env.get('NGINX_VERSION') or '?'}), `worker_processes 1`, fixed bodies from "
             "`return 200`, access log off (config: `nginx/nginx.conf` in the results folder)",
    "flask": "`Benchmarks/Peers/Flask/app.py`, gunicorn -w 2 -k sync",
}
if env.get("SKIP_MICROFLASK") == "1":
    peers.pop("mf")
if not env.get("NGINX_VERSION"):
    peers.pop("nginx")
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
    "ports": {"mf": env["P_MF"], "hb": env["P_HB"], "c": env["P_C"], "flask": env["P_FLASK"], "nginx": env["P_NGINX"]},
    "templates": env.get("TEMPLATES") if env.get("TEMPLATES") not in (None, "", "none") else None,
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
        f"Benchmarks/TemplateBench/run.sh   (ROUNDS={env.get('T_ROUNDS', '?')} SECONDS_EACH={env.get('T_SECONDS', '?')}, after the HTTP rounds, servers stopped)",
    ],
    "pinning": {"server_cpus": env.get("SERVER_CPUS", ""), "client_cpus": env.get("CLIENT_CPUS", "")},
    "extras": json.loads(env["EXTRAS"]),
    "notes": [l.strip() for l in open(os.path.join(env["RES"], "notes.txt")) if l.strip()],
}
json.dump(meta, open(os.path.join(env["RES"], "meta.json"), "w"), indent=1)
PY
python3 "$BENCH/report.py" render "$RES" "$OUT"
log "raw outputs in $RES; report written to $OUT"
