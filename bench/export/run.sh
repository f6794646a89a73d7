#!/usr/bin/env bash
# XLSX export rows per second, the export library's writer against libxlsxwriter bare, in one run:
# three rounds of each, alternating, then the median of each and their ratio (target at least 0.7),
# and the peak memory of a 700,000-row export.
# Usage: bench/export/run.sh [build folder, default build/ci] [rows, default 700000]
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build/ci}"
rows="${2:-700000}"
[[ -x "$build/bench/export/export_bench" ]] || deploy/build.sh ci -j1 export_bench
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for round in 1 2 3; do
  for mode in bare ours; do
    "$build/bench/export/export_bench" "$mode" "$rows" "$work/$mode.xlsx" | tee -a "$work/results"
  done
done
ls -l "$work"/*.xlsx
median() { grep "^$1 " "$work/results" | sed 's/.*rows_per_second=\([0-9]*\).*/\1/' | sort -n | sed -n 2p; }
peak() { grep "^$1 " "$work/results" | sed 's/.*peak_memory_kb=\([0-9]*\).*/\1/' | sort -n | tail -1; }
ours=$(median ours)
bare=$(median bare)
echo "median rows/s: ours $ours, bare libxlsxwriter $bare, ratio $(awk -v a="$ours" -v b="$bare" 'BEGIN { printf "%.2f", a / b }') (target at least 0.70)"
echo "peak memory of $rows rows: ours $(($(peak ours) / 1024)) MB, bare $(($(peak bare) / 1024)) MB"
