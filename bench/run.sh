#!/usr/bin/env bash
# Measures the server on loopback against baselines taken in the same run, and prints each figure
# with its ratio to the baseline:
#   site availability reads      vs nginx serving a static file of the same size (one worker)
#   kiosk checkouts and returns  vs bare C doing the same SQLite statements, one transaction each
#   OsmAnd and batch ingest      vs bare SQLite inserts, and batch bodies vs bare JSON parsing
# and how many bytes each checkout or return leaves in the database, table by table.
# Every wrk run lasts 10 s with 64 connections on 2 threads; the baselines run at the same
# `synchronous` setting. Everything it starts is stopped when it ends.
#
# Usage: bench/run.sh [--synchronous full|normal] [--build-dir DIR] [--batch-size N] [--cycle-only]
#   --synchronous  SQLite durability for the server and the baselines (default full)
#   --build-dir    an already configured build folder to build in (default: deploy/build.sh ci)
#   --batch-size   positions in each batch request (default 100; trackers that buffer send thousands)
#   --cycle-only   measure the checkout/return cycle and its database growth, nothing else
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib/prerequisites.sh
source "$bench/lib/prerequisites.sh"
# shellcheck source=bench/lib/processes.sh
source "$bench/lib/processes.sh"
# shellcheck source=bench/lib/server.sh
source "$bench/lib/server.sh"
scripts=$bench/wrk

duration=10s
threads=2
connections=64
pairs=$((2 * connections))  # spares, so a refused checkout never leaves a connection without a pair
batch_size=100
bare_checkout_seconds=10
bare_ingest_seconds=5

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }

synchronous=full
build_dir=
cycle_only=
while (($#)); do
  case "$1" in
    --synchronous) synchronous=${2:-}; shift 2 || shift ;;
    --build-dir) build_dir=${2:-}; shift 2 || shift ;;
    --batch-size) batch_size=${2:-}; shift 2 || shift ;;
    --cycle-only) cycle_only=yes; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ $batch_size =~ ^[1-9][0-9]{0,4}$ ]]; then
  echo "--batch-size takes a whole number from 1 to 99999" >&2
  exit 2
fi
if [[ $synchronous != full && $synchronous != normal ]]; then
  echo "--synchronous takes full or normal" >&2
  exit 2
fi

nginx=$(command -v nginx || echo /usr/sbin/nginx)
tools=(wrk curl sqlite3)
[[ -n $cycle_only ]] || tools+=("$nginx")
require_tools "${tools[@]}"
find_or_build "" "$build_dir" pedalpower-server pedalpower-demo-kiosk-setup pedalpower-bench-setup bare_checkout \
  bare_positions bare_json_parse

work=$(mktemp -d /tmp/pedalpower-bench.XXXXXX)
# nginx's worker may run as another user when this runs as root: its files sit apart, readable.
static_root=$(mktemp -d /tmp/pedalpower-bench-nginx.XXXXXX)
chmod 755 "$static_root"
server_pid=
nginx_pid=

cleanup() {
  stop "$server_pid"
  stop "$nginx_pid"
  rm -rf "$work" "$static_root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for_url() {
  local url=$1 pid=$2
  for _ in $(seq 100); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Runs wrk with a script from bench/wrk and prints its closing "result ..." line.
measure() {
  local name=$1 script=$2 url=$3
  shift 3
  wrk -t"$threads" -c"$connections" -d"$duration" --timeout 5s -s "$scripts/$script" "$url" -- "$@" >"$work/$name.out"
  grep '^result ' "$work/$name.out" || { cat "$work/$name.out" >&2; echo "wrk gave no result for $name" >&2; exit 1; }
}

# Bytes of database pages in use, per table and index (SQLite's dbstat), one "name bytes" a line.
table_bytes() { sqlite3 "$db" ".timeout 10000" ".separator ' '" "SELECT name, sum(pgsize) FROM dbstat GROUP BY name;"; }

# Prints what `writes` changes left in the database: the total per write and the largest tables.
growth_per_write() {
  local before=$1 after=$2 writes=$3
  awk -v writes="$writes" '
    NR == FNR { was[$1] = $2; next }
    { grew[$1] = $2 - was[$1]; total += $2 - was[$1] }
    END {
      printf "database growth: %.0f bytes per checkout or return (%d writes)\n", total / writes, writes
      n = 0
      for (name in grew) if (grew[name] > 0) order[++n] = name
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (grew[order[j]] > grew[order[i]]) { t = order[i]; order[i] = order[j]; order[j] = t }
      for (i = 1; i <= n && i <= 6; i++) printf "  %-32s %8.0f bytes per write\n", order[i], grew[order[i]] / writes
    }' "$before" "$after"
}

# The value of key=value in a result line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

echo "== preparing (synchronous=$synchronous; load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
db=$work/fleet.sqlite
"$build_dir/backend/pedalpower-demo-kiosk-setup" "$db" "$work/kiosk.token" >/dev/null
"$build_dir/bench/pedalpower-bench-setup" "$db" "$pairs" "$work"
# shellcheck source=/dev/null
source "$work/bench.env"
kiosk_token=$(<"$work/kiosk.token")
# The baselines get the same data, untouched by the server's runs.
cp "$db" "$work/bare.sqlite"

start_server "$build_dir/backend/pedalpower-server" "$db" "$work" --synchronous "$synchronous"

availability_path="/api/v1/bikes?site_id=$read_site_id&status=available"
mkdir -p "$static_root/www"
curl -fsS -H "Authorization: Bearer $kiosk_token" "$base$availability_path" -o "$static_root/www/availability.json"
chmod 644 "$static_root/www/availability.json"
answer_bytes=$(wc -c <"$static_root/www/availability.json")

# Each borrower is identified at their kiosk by badge, as a kiosk does before a checkout.
{
  echo "return {"
  while IFS=$'\t' read -r pair_kiosk_token badge_id _ bike_id; do
    staff_token=$(curl -fsS -X POST -H "Authorization: Bearer $pair_kiosk_token" -H 'Content-Type: application/json' \
      -d "{\"badge_id\":\"$badge_id\"}" "$base/api/v1/kiosk/identify" |
      sed -n 's/.*"staff_token":"\([^"]*\)".*/\1/p')
    [[ -n $staff_token ]] || { echo "identifying $badge_id failed" >&2; exit 1; }
    echo "  {kiosk_token = \"$pair_kiosk_token\", staff_token = \"$staff_token\", bike_id = $bike_id},"
  done <"$work/pairs.tsv"
  echo "}"
} >"$work/pairs.lua"

half=$((pairs / 2))
head -n "$half" "$work/trackers.txt" >"$work/osmand-trackers.txt"
tail -n +"$((half + 1))" "$work/trackers.txt" >"$work/batch-trackers.txt"
first_fix_ms=$((fitted_ms + 1000))

if [[ -n $cycle_only ]]; then
  table_bytes >"$work/bytes-before.txt"
  echo "== server: checkout/return cycle"
  cycle_result=$(measure cycle cycle.lua "$base" "$work/pairs.lua" "$terms_version" "$threads")
  echo "$cycle_result"
  table_bytes >"$work/bytes-after.txt"
  growth_per_write "$work/bytes-before.txt" "$work/bytes-after.txt" "$(field succeeded "$cycle_result")"
  exit 0
fi

echo "== server: site availability ($answer_bytes-byte answer)"
read_result=$(measure availability availability.lua "$base$availability_path" "$kiosk_token")
echo "$read_result"
# Right after the read it is the baseline of, so both meet the machine in the same state.
echo "== nginx: the same bytes as a static file, one worker"
for _ in 1 2 3 4 5; do
  nginx_port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$nginx_port") 2>/dev/null && continue  # taken
  mkdir -p "$static_root/temp"
  cat >"$static_root/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $static_root/nginx.pid;
error_log $static_root/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  # As many requests on a kept-alive connection as the server allows, so neither side reconnects.
  keepalive_requests 1000000;
  client_body_temp_path $static_root/temp/body;
  proxy_temp_path $static_root/temp/proxy;
  fastcgi_temp_path $static_root/temp/fastcgi;
  uwsgi_temp_path $static_root/temp/uwsgi;
  scgi_temp_path $static_root/temp/scgi;
  default_type application/json;
  server {
    listen 127.0.0.1:$nginx_port;
    root $static_root/www;
  }
}
EOF
  "$nginx" -p "$static_root" -c "$static_root/nginx.conf" -e "$static_root/error.log" &
  nginx_pid=$!
  wait_for_url "http://127.0.0.1:$nginx_port/availability.json" "$nginx_pid" && break
  stop "$nginx_pid"
  nginx_pid=
done
[[ -n $nginx_pid ]] || { cat "$static_root/error.log" >&2; echo "nginx did not start" >&2; exit 1; }
nginx_result=$(measure nginx static.lua "http://127.0.0.1:$nginx_port/availability.json")
echo "$nginx_result"
stop "$nginx_pid"
nginx_pid=

table_bytes >"$work/bytes-before.txt"
echo "== server: checkout/return cycle"
cycle_result=$(measure cycle cycle.lua "$base" "$work/pairs.lua" "$terms_version" "$threads")
echo "$cycle_result"
table_bytes >"$work/bytes-after.txt"
growth_result=$(growth_per_write "$work/bytes-before.txt" "$work/bytes-after.txt" "$(field succeeded "$cycle_result")")
echo "$growth_result"
echo "== server: OsmAnd ingest, one position a request"
osmand_result=$(measure osmand osmand.lua "$base" "$work/osmand-trackers.txt" "$first_fix_ms" "$threads")
echo "$osmand_result"
echo "== server: batch ingest, $batch_size positions a request"
batch_result=$(measure batch batch.lua "$base" "$gateway_token" "$work/batch-trackers.txt" "$first_fix_ms" "$threads" \
  "$batch_size" "$work/batch-body.json")
echo "$batch_result"
stop_server "$work"

echo "== bare baselines (synchronous=$synchronous)"
bare_checkout_result=$("$build_dir/bench/bare_checkout" "$work/bare.sqlite" "$synchronous" 100000000 \
  "$bare_checkout_seconds")
echo "$bare_checkout_result"
bare_single_result=$("$build_dir/bench/bare_positions" "$work/bare.sqlite" "$synchronous" 1 "$bare_ingest_seconds")
echo "$bare_single_result"
bare_batch_result=$("$build_dir/bench/bare_positions" "$work/bare.sqlite" "$synchronous" "$batch_size" \
  "$bare_ingest_seconds")
echo "$bare_batch_result"
bare_parse_result=$("$build_dir/bench/bare_json_parse" "$work/batch-body.json" "$bare_ingest_seconds")
echo "$bare_parse_result"

read_rate=$(field rate "$read_result")
cycle_rate=$(field rate "$cycle_result")
osmand_rate=$(field rate "$osmand_result")
batch_rate=$(awk -v r="$(field rate "$batch_result")" -v n="$batch_size" 'BEGIN { printf "%.1f", r * n }')

echo
echo "== results: synchronous=$synchronous, $connections connections, $threads wrk threads, $duration each," \
  "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
row() {
  awk -v f="$1" -v m="$2" -v b="$3" -v bf="$4" -v t="$5" \
    'BEGIN { printf "%-22s %10.0f   %-22s %10.0f %7.2f   %s\n", f, m, b, bf, (bf > 0 ? m / bf : 0), t }'
}
printf '%-22s %10s   %-22s %10s %7s   %s\n' figure measured baseline "baseline" ratio target
row "availability reads/s" "$read_rate" "nginx static file" "$(field rate "$nginx_result")" ">= 0.8"
row "checkouts+returns/s" "$cycle_rate" "bare C, 1 txn/op" "$(field rate "$bare_checkout_result")" ">= 0.7"
row "OsmAnd positions/s" "$osmand_rate" "bare insert, 1/txn" "$(field rate "$bare_single_result")" "-"
row "batch positions/s" "$batch_rate" "bare insert, $batch_size/txn" "$(field rate "$bare_batch_result")" "-"
row "batch positions/s" "$batch_rate" "bare JSON parse" "$(field rate "$bare_parse_result")" "-"

echo "$growth_result"

"$bench/estimator.sh" --build-dir "$build_dir"
