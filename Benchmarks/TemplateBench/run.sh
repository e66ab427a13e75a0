#!/usr/bin/env bash
# Template rendering, MicroFlask (release) against Jinja2 and MiniJinja (its Python binding), on
# the same templates and data, interleaved round by round. Writes the "Templates" section of
# docs/BENCHMARKS.md (between its TemplateBench markers) and prints it.
#
#   Benchmarks/TemplateBench/run.sh            5 rounds of 2 s per engine and page
#   ROUNDS=3 SECONDS_EACH=1 ./run.sh           shorter
#   CALLGRIND=1 ./run.sh                       also count instructions per render (valgrind)
#   NO_WRITE=1 ./run.sh                        print only, leave docs/BENCHMARKS.md alone
#   PIN=0 ./run.sh                             do not pin every engine to the same CPU
#   CHECK_ONLY=1 ./run.sh                      only check the output against Jinja2 (debug build; CI)
#   RESULTS_COPY=file.jsonl ./run.sh           also keep the raw results there (Benchmarks/run.sh does)
#
# Pages: the users page (templates/page.html extends layout.html: blocks, super(), 100 rows with
# filters, autoescape; 34 KB) and Flaskr's blog index (Examples/Flaskr/templates, 20 posts,
# url_for, g.user, loop.last, strftime). Before timing, MicroFlask's output must equal Jinja2's
# byte for byte on both pages, or the run stops.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd ../.. && pwd)"
ROUNDS="${ROUNDS:-5}"
SECONDS_EACH="${SECONDS_EACH:-2}"
OUT="${OUT:-$ROOT/docs/BENCHMARKS.md}"
RES="$(mktemp -d)"
trap 'rm -rf "$RES"' EXIT

if [ "${CHECK_ONLY:-0}" = 1 ]; then
    # CI: only check that both pages render as Jinja2 renders them (a debug build is enough).
    python3 -c 'import jinja2' 2>/dev/null || python3 -m pip install -q jinja2
    swift build --product TemplateBench >/dev/null
    BIN="$(swift build --show-bin-path)/TemplateBench"
else
    python3 -c 'import jinja2, minijinja' 2>/dev/null || python3 -m pip install -q jinja2 minijinja
    swift build -c release --product TemplateBench >/dev/null
    BIN="$(swift build -c release --show-bin-path)/TemplateBench"
fi
PINCMD=()
if [ "${PIN:-1}" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then PINCMD=(taskset -c 1); fi

for page in page flaskr; do
    "$BIN" "$page" --dump > "$RES/$page.microflask.html"
    python3 py_bench.py jinja2 "$page" --dump > "$RES/$page.jinja2.html"
    if ! cmp -s "$RES/$page.microflask.html" "$RES/$page.jinja2.html"; then
        echo "output of '$page' DIFFERS from Jinja2:" >&2
        diff "$RES/$page.microflask.html" "$RES/$page.jinja2.html" | head -20 >&2
        exit 1
    fi
    echo "$page: MicroFlask output identical to Jinja2 ($(wc -c < "$RES/$page.jinja2.html") bytes)"
done
[ "${CHECK_ONLY:-0}" = 1 ] && exit 0

engines=(microflask jinja2 minijinja)
for round in $(seq 1 "$ROUNDS"); do
    for page in page flaskr; do
        for k in 0 1 2; do  # rotate the order each round so no engine always runs first
            engine="${engines[$(((k + round) % 3))]}"
            if [ "$engine" = microflask ]; then
                "${PINCMD[@]}" "$BIN" "$page" --seconds "$SECONDS_EACH"
            else
                "${PINCMD[@]}" python3 py_bench.py "$engine" "$page" --seconds "$SECONDS_EACH"
            fi | sed "s/^{/{\"round\": $round, /" >> "$RES/results.jsonl"
        done
    done
    echo "round $round of $ROUNDS done" >&2
done

if [ "${CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null; then
    for page in page flaskr; do
        for n in 0 200; do
            valgrind --tool=callgrind --callgrind-out-file="$RES/cg.$page.$n" "$BIN" "$page" --iterations "$n" \
                >/dev/null 2>"$RES/cg.$page.$n.log"
            ir="$(grep -o 'Collected : [0-9]*' "$RES/cg.$page.$n.log" | grep -o '[0-9]*$')"
            echo "{\"callgrind\": true, \"page\": \"$page\", \"iterations\": $n, \"ir\": $ir}" >> "$RES/results.jsonl"
        done
    done
fi

{
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit \`$(git -C "$ROOT" rev-parse --short HEAD)\`"
    echo "- machine: \`$(uname -srm)\`, $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- $(swift --version 2>/dev/null | head -1); Python $(python3 -c 'import platform; print(platform.python_version())'), Jinja2 $(python3 -c 'import jinja2; print(jinja2.__version__)'), MiniJinja (Python binding) $(python3 -c 'import importlib.metadata as m; print(m.version("minijinja"))')"
    echo "- pinning: ${PINCMD[*]:-none}; $ROUNDS rounds of ${SECONDS_EACH} s per engine and page, engine order rotated each round"
} > "$RES/meta.md"
[ -z "${RESULTS_COPY:-}" ] || cp "$RES/results.jsonl" "$RESULTS_COPY"
python3 summarize.py "$RES" "$OUT" "${NO_WRITE:-0}"
