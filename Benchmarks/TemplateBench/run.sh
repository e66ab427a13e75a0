#!/usr/bin/env bash
# Builds the Swift benchmark in release mode, checks that MicroFlask and Jinja2 render the same
# page, then prints renders/second for both. Usage: ./run.sh [swift-iterations] [jinja-iterations]
set -euo pipefail
cd "$(dirname "$0")"

SWIFT_ITERATIONS="${1:-20000}"
JINJA_ITERATIONS="${2:-5000}"

swift build -c release --product TemplateBench >/dev/null
BIN="$(swift build -c release --show-bin-path)/TemplateBench"

if diff <("$BIN" --dump) <(python3 jinja_bench.py --dump) >/dev/null; then
    echo "output: identical to Jinja2"
else
    echo "output: DIFFERS from Jinja2 (diff <($BIN --dump) <(python3 jinja_bench.py --dump))"
fi
"$BIN" "$SWIFT_ITERATIONS"
python3 jinja_bench.py "$JINJA_ITERATIONS"
