#!/usr/bin/env bash
# Soak: the release demo under mixed good and hostile clients for SECONDS (default 600), with
# WORKERS server processes (default 2; worker kills included), then checks that RSS, descriptors
# and threads are back near their baseline. 127.0.0.1 only; bounded (at most 900 s of load).
#
#   Benchmarks/Soak/run.sh [seconds] [workers]        (CI: Benchmarks/Soak/run.sh 120)
# APP=path runs that release build of the demo instead of building one (.ci/run passes the static
# release build it has just made, so the soak does not build the package in release again).
# See soak.py for the clients and the thresholds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_OF_LOAD="${1:-600}"
WORKERS="${2:-2}"
cd "$ROOT"
if [ -z "${APP:-}" ]; then
    swift build -c release --product App >/dev/null
    APP="$(swift build -c release --show-bin-path)/App"
fi
exec python3 "$ROOT/Benchmarks/Soak/soak.py" "$APP" "$SECONDS_OF_LOAD" \
    --workers "$WORKERS" --port "${PORT:-18191}"
