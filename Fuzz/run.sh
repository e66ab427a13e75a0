#!/usr/bin/env bash
# Builds the libFuzzer targets (release, ASan, libFuzzer coverage) and runs each for SECONDS
# (default 60) from its seed corpus in Corpus/TARGET. Exits non-zero on any crash, timeout,
# out-of-memory or failed check; the input that did it is left in Findings/TARGET/.
#
#   Fuzz/run.sh [seconds] [target...]          (e.g. Fuzz/run.sh 600 FuzzCodec)
# JOBS=N runs N targets at a time (default 1). A target's new corpus entries go to
# .work/TARGET (not committed); `Corpus/` holds only the hand-written seeds.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(FuzzCodec FuzzChunked FuzzMultipart FuzzForms FuzzCookies FuzzRoutes FuzzTemplates FuzzJSON)
JOBS="${JOBS:-1}"

BIN="$(./build.sh)"

# Whether the input in `file` is slow when run again alone (over 1 s in each of 3 tries): on a
# loaded machine a process can be starved for the 2 s of -timeout without being slow itself.
slow_again() {
    local target="$1" file="$2"
    for _ in 1 2 3; do
        local ms
        ms="$("$BIN/$target" -runs=1 "$file" 2>&1 | sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p')"
        [ -n "$ms" ] && [ "$ms" -lt 1000 ] && return 1
    done
    return 0
}

run_one() {
    local target="$1"
    mkdir -p ".work/$target" "Findings/$target"
    local log=".work/$target.log"
    : >"$log"
    local status=0 started=$SECONDS execs=0 remaining="$SECONDS_PER_TARGET"
    local asan_options="${ASAN_OPTIONS:-}"
    while [ "$remaining" -gt 0 ]; do
        status=0
        # -timeout: an input taking over 2 s is a finding (super-linear work); -rss_limit_mb: so
        # is one that makes the process grow past 2 GB.
        ASAN_OPTIONS="$asan_options" "$BIN/$target" ".work/$target" "Corpus/$target" -max_total_time="$remaining" -timeout=2 \
            -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 -artifact_prefix="Findings/$target/" \
            >>"$log" 2>&1 || status=$?
        local units
        units="$(grep -E '^stat::number_of_executed_units' "$log" | tail -1 | awk '{print $2}')"
        execs=$((execs + ${units:-0}))
        [ "$status" -ne 0 ] || break
        # A timeout that does not reproduce is the machine's load, not a finding: go on.
        local unit
        unit="$(sed -n 's/.*Test unit written to \(Findings\/[^ ]*timeout-[0-9a-f]*\)$/\1/p' "$log" | tail -1)"
        if [ -n "$unit" ] && [ -f "$unit" ] && ! slow_again "$target" "$unit"; then
            mkdir -p "Findings/$target/spurious"
            mv "$unit" "Findings/$target/spurious/"
            echo "$target: a timeout that runs in under 1 s alone (load), moved to Findings/$target/spurious/"
            status=0
            remaining=$((SECONDS_PER_TARGET - (SECONDS - started)))
            continue
        fi
        break
    done
    local stats
    stats="$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1 || true)"
    if [ "$status" -eq 0 ]; then
        echo "$target: ok, $execs executions in ${SECONDS_PER_TARGET}s; last: $stats"
    else
        echo "$target: FAILED (exit $status), see Fuzz/$log and Fuzz/Findings/$target/"
        grep -E 'ERROR|check failed|Test unit written' "$log" | tail -5
    fi
    return "$status"
}

failures=0
if [ "$JOBS" -le 1 ]; then
    for target in "${TARGETS[@]}"; do run_one "$target" || failures=$((failures + 1)); done
else
    pids=()
    for target in "${TARGETS[@]}"; do
        run_one "$target" &
        pids+=($!)
        while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do sleep 1; done
    done
    for pid in "${pids[@]}"; do wait "$pid" || failures=$((failures + 1)); done
fi
[ "$failures" -eq 0 ] || { echo "$failures fuzz target(s) failed"; exit 1; }
