#!/usr/bin/env bash
# Sets up a fresh machine, builds with warnings as errors, and runs every test: Catch2 suites
# through CTest, the Debian packages (built, installed, upgraded and purged on this machine), then
# the browser tests in Debian's Chromium. With --sanitizers it also builds everything again with
# clang and runs the same suites under the sanitizers, and each fuzz target for a minute
# (tests/fuzz/check.sh): a second full build, so it is asked for. Prints how long each step took.
set -euo pipefail
sanitizers=false
[[ "${1:-}" == "--sanitizers" ]] && sanitizers=true
cd "$(dirname "$0")/.."
timed() {
  local started=$SECONDS
  "$@"
  echo "test: '$*' took $((SECONDS - started)) s"
}
timed deploy/install-deps.sh --test
timed deploy/build.sh ci
timed ctest --preset ci -j2
if $sanitizers; then timed tests/fuzz/check.sh 60; fi
timed tests/package/check.sh
if [[ -f tests/browser/package.json ]]; then
  timed bash -c 'cd tests/browser && npm ci --no-audit --no-fund --silent && PEDALPOWER_BUILD="$PWD/../../build/ci" npm test'
fi
