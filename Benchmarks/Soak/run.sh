#!/usr/bin/env bash
# Soak: the demo under keep-alive load plus hostile clients (slowloris, mutated requests,
# large chunked uploads), several rounds. After each round the server must still answer, its
# open descriptors must be back to the baseline and its RSS must not keep growing.
#
#   Benchmarks/Soak/run.sh [rounds] [seconds-per-round]      (127.0.0.1 only; bounded)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS="${1:-3}"
SECONDS_PER_ROUND="${2:-25}"
[ "$ROUNDS" -le 10 ] || ROUNDS=10
[ "$SECONDS_PER_ROUND" -le 120 ] || SECONDS_PER_ROUND=120
PORT="${PORT:-18190}"
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install -y wrk)"; exit 1; }

cd "$ROOT"
swift build -c release --product App >/dev/null
"$(swift build -c release --show-bin-path)/App" --port "$PORT" --quiet &
PID=$!
trap 'kill -INT $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/plaintext" >/dev/null && break; sleep 0.2; done
baseline_fds=$(ls /proc/$PID/fd | wc -l)
echo "baseline: $(grep VmRSS /proc/$PID/status | tr -s ' '), $baseline_fds descriptors"
for round in $(seq 1 "$ROUNDS"); do
    python3 "$ROOT/Benchmarks/Soak/hostile_clients.py" "$PORT" "$SECONDS_PER_ROUND" &
    CLIENTS=$!
    wrk -t1 -c100 "-d${SECONDS_PER_ROUND}s" "http://127.0.0.1:$PORT/json" | grep -E "Requests/sec|Socket errors" || true
    wait "$CLIENTS" || true
    sleep 4
    fds=$(ls /proc/$PID/fd | wc -l)
    answer=$(curl -s --max-time 2 "http://127.0.0.1:$PORT/plaintext" || true)
    echo "round $round: $(grep VmRSS /proc/$PID/status | tr -s ' '), $fds descriptors, /plaintext says '$answer'"
    [ "$answer" = "Hello, World!" ] || { echo "FAIL: the server stopped answering"; exit 1; }
    [ "$fds" -le "$baseline_fds" ] || { echo "FAIL: $((fds - baseline_fds)) descriptors leaked"; exit 1; }
done
