#!/usr/bin/env bash
# Sets up a fresh machine, builds, and starts Pedal Power Fleet with demo data: the server on
# http://127.0.0.1:8080 (database data/demo.sqlite) and a touch kiosk for the first demo site on
# http://127.0.0.1:8090. Prints the coordinator login. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh
# The same optimised build the tests use, so running both builds once.
deploy/build.sh ci pedalpower-server pedalpower-kiosk pedalpower-kiosk-demo-setup

mkdir -p data
build/ci/kiosk/pedalpower-kiosk-demo-setup data/demo.sqlite data/kiosk-token > data/kiosk-demo.json
site_name=$(sed -n '/"site"/,/}/s/.*"name": "\(.*\)".*/\1/p' data/kiosk-demo.json)
echo "Kiosk staff who may sign in with PIN 2468 (data/kiosk-demo.json):"
grep -E '"(staff_number|role)"' data/kiosk-demo.json | paste - - | sed 's/[",]//g; s/  */ /g'

build/ci/kiosk/pedalpower-kiosk --backend-url http://127.0.0.1:8080 --device-token-file data/kiosk-token \
  --journal data/kiosk-journal.sqlite --site "$site_name" --port 8090 --retry-max-seconds 5 &
kiosk_pid=$!
trap 'kill "$kiosk_pid" 2>/dev/null || true' EXIT
echo "Kiosk screen: http://127.0.0.1:8090/"

build/ci/backend/pedalpower-server --db data/demo.sqlite --port 8080 --demo
