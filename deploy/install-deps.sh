#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Pedal Power Fleet.
# Usage: deploy/install-deps.sh [--test] [--bench]
set -euo pipefail

# node and npm bundle the web admin at build time (deploy/build.sh runs npm ci and esbuild).
packages=(build-essential cmake ninja-build ccache pkg-config curl libboost1.81-dev libsqlite3-dev libssl-dev
          nlohmann-json3-dev libcurl4-openssl-dev libxlsxwriter-dev libminizip-dev openssl sqlite3 tzdata nodejs npm)
for option in "$@"; do
  case "$option" in
    --test) packages+=(catch2 clang libclang-rt-14-dev chromium lintian python3-jsonschema python3-aiosmtpd python3-rfc3987 python3-openpyxl python3-odf) ;;
    --bench) packages+=(wrk nginx-light curl) ;;
    *) echo "unknown option: $option" >&2; exit 2 ;;
  esac
done

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# node and npm may come from outside Debian's packages; keep whichever is already there.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for package in "${missing[@]}"; do
    [[ "$package" == nodejs || "$package" == npm ]] || filtered+=("$package")
  done
  missing=("${filtered[@]}")
fi
((${#missing[@]})) || exit 0

sudo_if_needed=()
[[ $(id -u) -eq 0 ]] || sudo_if_needed=(sudo)
echo "Installing: ${missing[*]}"
"${sudo_if_needed[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_if_needed[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
