#!/usr/bin/env bash
# The activity report at 1,000, 10,000 and 100,000 bikes (a year of trips each), against a scan
# of the trip summaries measured in the same run. Usage: bench/reports/run.sh [--build-dir DIR]
# Builds report_bench with deploy/build.sh ci unless a build folder is given; works in a temporary
# folder it removes. 100,000 bikes' trips (73 million rows) are not written: their rollups are.
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=""
if [[ "${1:-}" == "--build-dir" ]]; then build_dir="$2"; fi
if [[ -z "$build_dir" ]]; then
  deploy/build.sh ci -j2 report_bench
  build_dir=build/ci
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for bikes in 1000 10000; do
  echo "== $bikes bikes"
  "$build_dir/bench/report_bench" "$work/$bikes.sqlite" "$bikes"
done
echo "== 100000 bikes"
"$build_dir/bench/report_bench" "$work/100000.sqlite" 100000 --no-trips
