#!/usr/bin/env bash
# Sets up a fresh machine, builds with warnings as errors, and runs every test: Catch2 suites
# through CTest, the same suites under the sanitizers with each fuzz target for a minute, the
# Debian packages (built, installed, upgraded and purged on this machine), then the browser tests
# in Debian's Chromium. Prints how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
timed() {
  local started=$SECONDS
  "$@"
  echo "test: '$*' took $((SECONDS - started)) s"
}
timed deploy/install-deps.sh --test
timed deploy/build.sh ci
timed ctest --preset ci -j2
timed tests/fuzz/check.sh 60
timed tests/package/check.sh
if [[ -f tests/browser/package.json ]]; then
  timed bash -c 'cd tests/browser && npm ci --no-audit --no-fund --silent && PEDALPOWER_BUILD="$PWD/../../build/ci" npm test'
fi
