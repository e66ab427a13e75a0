#!/usr/bin/env bash
# Builds the Fuzz package (release, ASan, libFuzzer coverage, `-enable-testing`) and prints the
# folder of its binaries. Used by run.sh and Differential/run.sh.
set -euo pipefail
cd "$(dirname "$0")"
# libFuzzer's driver without its main(): SwiftPM links executables with `main` renamed to
# TARGET_main, which clashes with libFuzzer's own `main` (`-sanitize=fuzzer` fails to link). The
# targets call LLVMFuzzerRunDriver from their own entry point instead. The runtime ships with the
# toolchain's clang.
SWIFT_ROOT="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
FUZZER_LIB="$(ls "$SWIFT_ROOT"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1)"
[ -f "$FUZZER_LIB" ] || { echo "libclang_rt.fuzzer_no_main not found under $SWIFT_ROOT/lib/clang" >&2; exit 1; }
# The coverage flags are the ones `-sanitize=fuzzer` turns on.
FLAGS=(-c release -Xswiftc -enable-testing -Xswiftc -sanitize=address
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
    -Xlinker "$FUZZER_LIB" -Xlinker -lstdc++)
swift build "${FLAGS[@]}" >&2
swift build "${FLAGS[@]}" --show-bin-path
