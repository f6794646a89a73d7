#!/usr/bin/env bash
# Measures what a slow report or export does to the kiosk's reads on other connections: the
# availability read (GET /api/v1/bikes?site_id=..&status=available with a kiosk token), p50 and p99,
# first with nothing else running, then while clients ask back to back for the distance report over
# two years (on a database whose trip summaries are the demo's copied many times) or, with --slow
# export, for the audit log as XLSX (a list of --audit-rows entries). Everything it starts is
# stopped when it ends.
#
# Usage: bench/slow_report.sh [--build-dir DIR | --built DIR] [--slow report|export] [--copies N]
#                             [--audit-rows N] [--report-clients N] [--duration TIME]
#   --build-dir       an already configured build folder to build in (default: deploy/build.sh ci)
#   --built           a build folder whose server and demo setup are already built: nothing is built
#   --slow            what runs back to back: the distance report or an XLSX export (default report)
#   --copies          how many times the demo's trip summaries are copied (default 100)
#   --audit-rows      audit log entries for --slow export (default 250000)
#   --report-clients  clients asking for the report or export in a loop (default 2)
#   --duration        each wrk run, e.g. 10s (default 10s)
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib/prerequisites.sh
source "$bench/lib/prerequisites.sh"
# shellcheck source=bench/lib/processes.sh
source "$bench/lib/processes.sh"
# shellcheck source=bench/lib/server.sh
source "$bench/lib/server.sh"
# shellcheck source=bench/lib/audit_log.sh
source "$bench/lib/audit_log.sh"
scripts=$bench/wrk

build_dir=
built=
slow=report
copies=100
audit_rows=250000
report_clients=2
duration=10s
threads=2
connections=8

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }

while (($#)); do
  case "$1" in
    --build-dir) build_dir=${2:-}; shift 2 || shift ;;
    --slow) slow=${2:-}; shift 2 || shift ;;
    --built) built=${2:-}; shift 2 || shift ;;
    --copies) copies=${2:-}; shift 2 || shift ;;
    --audit-rows) audit_rows=${2:-}; shift 2 || shift ;;
    --report-clients) report_clients=${2:-}; shift 2 || shift ;;
    --duration) duration=${2:-}; shift 2 || shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $slow == report || $slow == export ]] || { echo "--slow takes report or export" >&2; exit 2; }
[[ $copies =~ ^[1-9][0-9]{0,3}$ ]] || { echo "--copies takes a whole number from 1 to 9999" >&2; exit 2; }
[[ $audit_rows =~ ^[1-9][0-9]{0,7}$ ]] || { echo "--audit-rows takes a whole number" >&2; exit 2; }
[[ $report_clients =~ ^[1-9][0-9]?$ ]] || { echo "--report-clients takes a whole number from 1 to 99" >&2; exit 2; }
[[ $duration =~ ^[1-9][0-9]*[sm]$ ]] || { echo "--duration takes a time such as 10s" >&2; exit 2; }

require_tools wrk curl sqlite3
find_or_build "$built" "$build_dir" pedalpower-server pedalpower-demo-kiosk-setup

work=$(mktemp -d /tmp/pedalpower-slow-report.XXXXXX)
server_pid=
report_pids=()

stop_reports() {
  local pid
  for pid in "${report_pids[@]}"; do stop "$pid"; done
  report_pids=()
}

cleanup() {
  stop_reports
  stop "$server_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The value of key=value in a result line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

echo "== preparing: the demo with its trip summaries copied $copies times"
db=$work/fleet.sqlite
setup_json=$("$build_dir/backend/pedalpower-demo-kiosk-setup" "$db" "$work/kiosk.token")
kiosk_token=$(<"$work/kiosk.token")
site_id=$(/usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["site"]["id"])' <<<"$setup_json")
sqlite3 "$db" <<SQL
WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < $copies - 1)
INSERT INTO trip_summaries (bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source, from_gpx,
                            vehicle_distance_m, moving_s, position_count, summarised_at)
SELECT bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source, from_gpx, vehicle_distance_m, moving_s,
       position_count, summarised_at
FROM trip_summaries, copy;
SQL
trips=$(sqlite3 "$db" "SELECT count(*) FROM trip_summaries")
echo "trip summaries: $trips"
if [[ $slow == export ]]; then
  add_audit_entries "$db" "$audit_rows"
  echo "audit entries: $(sqlite3 "$db" "SELECT count(*) FROM audit_log")"
fi

start_server "$build_dir/backend/pedalpower-server" "$db" "$work" --demo --synchronous normal
sign_in_demo_coordinator "$work"

to=$(date -u +%F)
from=$(date -u -d '-730 days' +%F)
report_url="$base/api/v1/reports/distance?from=$from&to=$to"
[[ $slow == report ]] || report_url="$base/api/v1/audit.xlsx"
availability_url="$base/api/v1/bikes?site_id=$site_id&status=available"
one_report=$(curl -fsS -b "$work/cookies" -o /dev/null -w '%{time_total}' "$report_url")
echo "one $slow ($report_url): ${one_report}s"

# Asks for the report back to back until stopped; writes one status code a line.
report_loop() {
  local out=$1 asking=
  # The report in flight is dropped with the loop, so stopping never waits for it.
  trap 'kill "$asking" 2>/dev/null; exit 0' TERM
  while :; do
    curl -sS -b "$work/cookies" -o /dev/null -w '%{http_code}\n' "$report_url" >>"$out" &
    asking=$!
    wait "$asking" || true
  done
}

# Runs the kiosk read with wrk and prints its result and latency lines.
kiosk_reads() {
  wrk -t"$threads" -c"$connections" -d"$duration" --timeout 5s -s "$scripts/kiosk_latency.lua" "$availability_url" \
    -- "$kiosk_token" >"$work/wrk.out"
  grep -E '^(result|latency) ' "$work/wrk.out" | tr '\n' ' '
}

echo "== kiosk reads, nothing slow running"
idle=$(kiosk_reads)
echo "$idle"

echo "== kiosk reads while $report_clients clients ask for the $slow back to back"
for i in $(seq "$report_clients"); do
  report_loop "$work/reports.$i" &
  report_pids+=($!)
done
sleep 1
loaded=$(kiosk_reads)
stop_reports
echo "$loaded"
reports_ok=$(cat "$work"/reports.* | grep -c '^200$' || true)
reports_busy=$(cat "$work"/reports.* | grep -c '^503$' || true)
reports_other=$(cat "$work"/reports.* | grep -vc '^\(200\|503\)$' || true)

# Reports already taken in run to their end after their clients leave; let them finish first.
sleep "$(awk -v t="$one_report" 'BEGIN { printf "%.0f", 2 * t + 1 }')"
echo "== idle again"
idle_after=$(kiosk_reads)
echo "$idle_after"

stop_server "$work"

echo
echo "== results: $trips trip summaries, one $slow ${one_report}s, $connections kiosk connections," \
  "$report_clients report clients, $duration each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %12s %10s %10s\n' "kiosk reads" "answers/s" "p50 ms" "p99 ms"
row() {
  awk -v name="$1" -v rate="$(field rate "$2")" -v p50="$(field p50_us "$2")" -v p99="$(field p99_us "$2")" \
    'BEGIN { printf "%-28s %12.0f %10.2f %10.2f\n", name, rate, p50 / 1000, p99 / 1000 }'
}
row "idle" "$idle"
row "${slow}s back to back" "$loaded"
row "idle again" "$idle_after"
echo "${slow}s answered during the loaded run: $reports_ok (503 busy: $reports_busy, other: $reports_other)"
awk -v loaded="$(field p99_us "$loaded")" -v before="$(field p99_us "$idle")" -v after="$(field p99_us "$idle_after")" \
  'BEGIN { printf "p99 with the slow requests / idle p99: %.2f against the idle run before, %.2f against the one after (target <= 2)\n", loaded / before, loaded / after }'
