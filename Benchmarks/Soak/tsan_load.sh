#!/usr/bin/env bash
# The release demo built with ThreadSanitizer under the soak's clients for SECONDS (default 60,
# at most 900), with 2 workers (worker kills included): every answer checked, and zero
# ThreadSanitizer reports from the supervisor or any worker. 127.0.0.1 only.
#
#   Benchmarks/Soak/tsan_load.sh [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_OF_LOAD="${1:-60}"
cd "$ROOT"
FLAGS=(-c release --sanitize=thread --scratch-path .build-tsan-release --product App)
swift build "${FLAGS[@]}" >/dev/null
BIN="$(swift build "${FLAGS[@]}" --show-bin-path)/App"
REPORTS="$(mktemp -d)"
trap 'rm -rf "$REPORTS"' EXIT
# Reports go to files (one per process), so a worker's report is not lost with its stderr.
export TSAN_OPTIONS="log_path=$REPORTS/tsan exitcode=66 second_deadlock_stack=1"
status=0
python3 "$ROOT/Benchmarks/Soak/soak.py" "$BIN" "$SECONDS_OF_LOAD" --workers 2 --port "${PORT:-18192}" \
    --no-baseline-checks || status=$?
reports=$(find "$REPORTS" -name 'tsan*' | wc -l)
if [ "$reports" -gt 0 ]; then
    echo "FAIL: $reports ThreadSanitizer report file(s):"
    for file in "$REPORTS"/tsan*; do head -40 "$file"; done
    exit 1
fi
echo "ThreadSanitizer: no reports"
exit "$status"
