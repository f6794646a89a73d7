#!/usr/bin/env bash
# Sets up a fresh machine, builds what it runs (no tests), and starts Pedal Power Fleet with demo
# data: the server and web admin on http://127.0.0.1:8080 (database data/demo.sqlite) and a touch
# kiosk for the first demo site on http://127.0.0.1:8090. Prints the coordinator login. Ctrl-C
# stops both.
#
# Usage: deploy/run-demo.sh [--check]
#   --check   start everything in a scratch data folder, wait until the server, the web admin and
#             the kiosk answer, print how long that took, then stop (CI runs this).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

check=false
case "${1:-}" in
  "") ;;
  --check) check=true ;;
  *) echo "usage: deploy/run-demo.sh [--check]" >&2; exit 2 ;;
esac

deploy/install-deps.sh
deploy/build.sh run pedalpower-server pedalpower-admin pedalpower-kiosk pedalpower-demo-kiosk-setup
bin=build/run

data=data
if $check; then
  data=$(mktemp -d)
  trap 'rm -rf "$data"' EXIT
fi
mkdir -p "$data"

"$bin/backend/pedalpower-demo-kiosk-setup" "$data/demo.sqlite" "$data/kiosk-token" > "$data/kiosk-demo.json"
site_name=$(sed -n '/"site"/,/}/s/.*"name": "\(.*\)".*/\1/p' "$data/kiosk-demo.json")
echo "Kiosk staff who may sign in with PIN 2468 ($data/kiosk-demo.json):"
grep -E '"(staff_number|role)"' "$data/kiosk-demo.json" | paste - - | sed 's/[",]//g; s/  */ /g'

pids=()
stop_all() { ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null || true; }
trap 'stop_all; $check && rm -rf "$data"' EXIT

"$bin/kiosk/pedalpower-kiosk" --backend-url http://127.0.0.1:8080 --device-token-file "$data/kiosk-token" \
  --journal "$data/kiosk-journal.sqlite" --site "$site_name" --port 8090 --retry-max-seconds 5 &
pids+=($!)
echo "Kiosk screen: http://127.0.0.1:8090/"
echo "Web admin:    http://127.0.0.1:8080/admin/"

if ! $check; then
  "$bin/backend/pedalpower-server" --db "$data/demo.sqlite" --port 8080 --demo
  exit
fi

"$bin/backend/pedalpower-server" --db "$data/demo.sqlite" --port 8080 --demo &
pids+=($!)
answers() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }
for url in http://127.0.0.1:8080/readyz http://127.0.0.1:8080/admin/ http://127.0.0.1:8090/; do
  until answers "$url"; do
    if ((SECONDS - started > 900)); then echo "no answer from $url" >&2; exit 1; fi
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "a process stopped before $url answered" >&2; exit 1; }; done
    sleep 0.5
  done
  echo "answers after $((SECONDS - started)) s: $url"
done
echo "run-demo check: server, web admin and kiosk answered $((SECONDS - started)) s after the command started"
