#!/usr/bin/env bash
# Shows the kiosk's touch screen: waits for the local kiosk agent, then runs Chromium full screen in
# kiosk mode on it, and starts it again if it closes. Run it from the kiosk user's graphical session
# (for example an autostart entry). Installed by the pedalpower-kiosk package as pedalpower-kiosk-launcher.
# Usage: deploy/kiosk-launcher.sh [URL]   (default http://127.0.0.1:8090/)
set -euo pipefail

url="${1:-${PEDALPOWER_KIOSK_URL:-http://127.0.0.1:8090/}}"
browser="${PEDALPOWER_CHROMIUM:-$(command -v chromium || command -v chromium-browser)}"
profile="${XDG_RUNTIME_DIR:-/tmp}/pedalpower-kiosk-browser"

case "$url" in
  http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
  *) echo "the kiosk screen must come from the agent on this machine, not $url" >&2; exit 2 ;;
esac

until curl --silent --fail --max-time 2 "${url%/}/" >/dev/null; do
  echo "waiting for the kiosk agent at $url" >&2
  sleep 2
done

while true; do
  # A fresh profile each time: nothing a person typed survives a restart of the browser.
  rm -rf "$profile"
  "$browser" \
    --kiosk "$url" \
    --user-data-dir="$profile" \
    --incognito \
    --no-first-run \
    --noerrdialogs \
    --disable-infobars \
    --disable-translate \
    --disable-features=Translate,TranslateUI \
    --disable-pinch \
    --overscroll-history-navigation=0 \
    --disable-background-networking \
    --disable-sync \
    --password-store=basic \
    --check-for-update-interval=31536000 \
    --touch-events=enabled || true
  sleep 1
done
