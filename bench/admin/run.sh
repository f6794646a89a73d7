#!/usr/bin/env bash
# The web admin's benchmark: bundle size (gzip), and the time until the dashboard and a
# 10,000-staff list are usable in Chromium beside the same API calls made bare. Run by hand.
# Usage: bench/admin/run.sh [--build-dir DIR]   (default: deploy/build.sh ci, then build/ci)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=
if [[ "${1:-}" == --build-dir ]]; then build_dir=$(cd "${2:?--build-dir needs a folder}" && pwd); fi
if [[ -z $build_dir ]]; then
  (cd "$root" && deploy/build.sh ci pedalpower-server pedalpower-admin)
  build_dir=$root/build/ci
fi
(cd "$root/tests/browser" && npm ci --no-audit --no-fund --silent)
node "$root/bench/admin/admin_bench.mjs" "$build_dir" "$root/tests/browser"
