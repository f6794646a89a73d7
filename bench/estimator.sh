#!/usr/bin/env bash
# Times the distance estimator (cleaning, smoothing, trips and distance) over ten million simulated
# commuting fixes against a bare C loop summing haversine distances over the same coordinates, and
# prints both rates and their ratio. Each program runs its loop several times and counts the
# fastest, so another process taking the core for a moment does not decide the figure.
#
# Usage: bench/estimator.sh [--build-dir DIR] [--positions N] [--repeats N]
#   --build-dir  an already configured build folder to build in (default: deploy/build.sh ci)
#   --positions  how many fixes (default 10000000: about 700 MB in memory, 160 MB on disk)
#   --repeats    runs of each loop, the fastest counting (default 3)
set -euo pipefail

# shellcheck source=bench/lib/prerequisites.sh
source "$(dirname "$0")/lib/prerequisites.sh"

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

build_dir=
positions=10000000
repeats=3
while (($#)); do
  case "$1" in
    --build-dir) build_dir=${2:-}; shift 2 || shift ;;
    --positions) positions=${2:-}; shift 2 || shift ;;
    --repeats) repeats=${2:-}; shift 2 || shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for count in "$positions" "$repeats"; do
  [[ $count =~ ^[1-9][0-9]*$ ]] || { echo "--positions and --repeats take a positive whole number" >&2; exit 2; }
done

find_or_build "" "$build_dir" estimator_bench bare_haversine

work=$(mktemp -d /tmp/pedalpower-estimator-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# The rate=... figure of a result line.
rate() { sed -n 's/.* rate=\([^ ]*\).*/\1/p' <<<"$1"; }

echo "== estimator over $positions simulated fixes (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
estimator_result=$("$build_dir/bench/estimator_bench" "$work/coordinates.bin" "$positions" "$repeats")
echo "$estimator_result"
echo "== bare C haversine loop over the same coordinates"
bare_result=$("$build_dir/bench/bare_haversine" "$work/coordinates.bin" "$repeats")
echo "$bare_result"

echo
echo "== results: $positions positions, fastest of $repeats runs each, $(nproc) cores, load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
awk -v e="$(rate "$estimator_result")" -v b="$(rate "$bare_result")" 'BEGIN {
  printf "%-30s %14.0f\n", "estimator positions/s", e
  printf "%-30s %14.0f\n", "bare haversine positions/s", b
  printf "estimator is %.2f× the bare loop (bare time / estimator time); target at least 0.5 (within 2×): %s\n",
    e / b, (e / b >= 0.5 ? "met" : "missed")
}'
