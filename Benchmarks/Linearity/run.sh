#!/usr/bin/env bash
# Builds the linearity benchmark in release and runs it; exits non-zero on super-linear growth.
# `-enable-testing` lets it `@testable import MicroFlask` for the internal parsers.
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release -Xswiftc -enable-testing --product Linearity
exec .build/release/Linearity "$@"
