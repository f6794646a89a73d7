#!/usr/bin/env bash
# How an export of a long list grows with the list: the audit log exported as CSV, XLSX and ODS at a
# small and a large length (ten times longer), the time of each download and the ratio of the large
# to the small (10 when linear, 100 when quadratic). With --baseline-server, an older server
# executable is measured the same way in the same run (CSV only: the reading, not the format, is
# what grows), on a copy of the same database. Everything it starts is stopped when it ends.
#
# Usage: bench/export/lists.sh [--build-dir DIR | --built DIR] [--baseline-server PATH] [--small N]
#                              [--large N] [--formats "csv xlsx ods"]
#   --build-dir        an already configured build folder to build in (default: deploy/build.sh ci)
#   --built            a build folder whose server and demo setup are already built: nothing is built
#   --baseline-server  another pedalpower-server executable to measure beside this build's
#   --small, --large   audit rows in each run (default 25000 and 250000)
#   --formats          what this build's server exports (default "csv xlsx ods")
set -euo pipefail

bench=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib/prerequisites.sh
source "$bench/lib/prerequisites.sh"
# shellcheck source=bench/lib/processes.sh
source "$bench/lib/processes.sh"
# shellcheck source=bench/lib/server.sh
source "$bench/lib/server.sh"
# shellcheck source=bench/lib/audit_log.sh
source "$bench/lib/audit_log.sh"

build_dir=
built=
formats="csv xlsx ods"
baseline=
small=25000
large=250000

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }

while (($#)); do
  case "$1" in
    --build-dir) build_dir=${2:-}; shift 2 || shift ;;
    --built) built=${2:-}; shift 2 || shift ;;
    --formats) formats=${2:-}; shift 2 || shift ;;
    --baseline-server) baseline=${2:-}; shift 2 || shift ;;
    --small) small=${2:-}; shift 2 || shift ;;
    --large) large=${2:-}; shift 2 || shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for count in "$small" "$large"; do
  [[ $count =~ ^[1-9][0-9]{0,7}$ ]] || { echo "--small and --large take a whole number of rows" >&2; exit 2; }
done
[[ -z $baseline || -x $baseline ]] || { echo "--baseline-server: $baseline is not an executable" >&2; exit 2; }
require_tools curl sqlite3
find_or_build "$built" "$build_dir" pedalpower-server pedalpower-demo-kiosk-setup

work=$(mktemp -d /tmp/pedalpower-export-lists.XXXXXX)
server_pid=
cleanup() {
  stop "$server_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A database with the demo scheme and `rows` audit entries in all.
make_database() {
  local db=$1 rows=$2
  "$build_dir/backend/pedalpower-demo-kiosk-setup" "$db" "$work/kiosk.token" >/dev/null
  local have
  have=$(sqlite3 "$db" "SELECT count(*) FROM audit_log")
  add_audit_entries "$db" $((rows - have))
}


# Prints "seconds bytes" of one download of `ending` ("csv" or "xlsx").
download() {
  curl -fsS -b "$work/cookies" -o /dev/null -w '%{time_total} %{size_download}\n' --max-time 3600 \
    "$base/api/v1/audit.$1"
}

results=$work/results
for rows in "$small" "$large"; do
  echo "== preparing a database with $rows audit rows"
  make_database "$work/audit-$rows.sqlite" "$rows"
  for which in this baseline; do
    server=$build_dir/backend/pedalpower-server
    read -r -a endings <<<"$formats"
    if [[ $which == baseline ]]; then
      [[ -n $baseline ]] || continue
      server=$baseline
      endings=(csv)
      cp "$work/audit-$rows.sqlite" "$work/baseline-$rows.sqlite"
      db=$work/baseline-$rows.sqlite
    else
      db=$work/audit-$rows.sqlite
    fi
    start_server "$server" "$db" "$work" --demo --synchronous normal
    sign_in_demo_coordinator "$work"
    for ending in "${endings[@]}"; do
      read -r seconds bytes < <(download "$ending")
      echo "$which $ending $rows $seconds $bytes" | tee -a "$results"
    done
    stop "$server_pid"
    server_pid=
  done
done

echo
echo "== results: audit export downloads, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-5s %12s %12s %10s %14s\n' server format "$small rows" "$large rows" ratio "MB ($large)"
for which in this baseline; do
  for ending in csv xlsx ods; do
    grep -q "^$which $ending " "$results" || continue
    small_s=$(awk -v w="$which" -v e="$ending" -v r="$small" '$1 == w && $2 == e && $3 == r { print $4 }' "$results")
    large_s=$(awk -v w="$which" -v e="$ending" -v r="$large" '$1 == w && $2 == e && $3 == r { print $4 }' "$results")
    large_b=$(awk -v w="$which" -v e="$ending" -v r="$large" '$1 == w && $2 == e && $3 == r { print $5 }' "$results")
    awk -v w="$which" -v e="$ending" -v s="$small_s" -v l="$large_s" -v b="$large_b" \
      'BEGIN { printf "%-10s %-5s %11.2fs %11.2fs %10.1f %14.1f\n", w, e, s, l, l / s, b / 1e6 }'
  done
done
echo "ratio: large over small; the lists are $((large / small)) times apart, so linear is about $((large / small))"
