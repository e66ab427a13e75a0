#!/usr/bin/env bash
# The differential check of the codec's framing against llhttp (Node.js's parser):
#
#   Fuzz/Differential/run.sh [count] [seed]       (default 5000 cases, seed 1)
# Needs node (Debian: apt-get install -y nodejs). Builds Fuzz/ (CodecTranscript) first.
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "node is needed (apt-get install -y nodejs)"; exit 1; }
BIN="$(../build.sh)"
exec node differential.js "$BIN/CodecTranscript" "${1:-5000}" "${2:-1}"
