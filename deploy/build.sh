#!/usr/bin/env bash
# Configures and builds with a CMake preset: dev (default) or ci (warnings are errors).
# Usage: deploy/build.sh [preset] [ninja targets...]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-dev}"
shift || true
cmake --preset "$preset" >/dev/null
cmake --build "build/$preset" -- "$@"
