#!/usr/bin/env bash
# Sets up a fresh machine, builds with warnings as errors, and runs every test: Catch2 suites
# through CTest, the Debian packages (built, installed, upgraded and purged on this machine), then
# the browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh --test
deploy/build.sh ci
ctest --preset ci -j2
tests/package/check.sh
if [[ -f tests/browser/package.json ]]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent && PEDALPOWER_BUILD="$PWD/../../build/ci" npm test)
fi
