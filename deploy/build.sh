#!/usr/bin/env bash
# Configures and builds with a CMake preset: dev (default), run (what deploy/run-demo.sh runs, no
# tests), ci (with tests; warnings are errors) or asan (clang, sanitizers and fuzz targets, see
# tests/fuzz/check.sh). Extra arguments are ninja targets.
# Usage: deploy/build.sh [preset] [ninja targets...]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-dev}"
shift || true
# Paths relative to the checkout let build folders and clones share one compiler cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
# Room for every preset at once (the sanitizer build's debug objects alone are over a gigabyte), so
# building one never evicts another's objects.
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-12G}"
# Precompiled headers are cacheable only with these relaxed checks (ccache manual, "Precompiled headers").
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
# PEDALPOWER_CMAKE_ARGS adds cache settings, e.g. -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON.
# shellcheck disable=SC2086
cmake --preset "$preset" ${PEDALPOWER_CMAKE_ARGS:-} >/dev/null
cmake --build "build/$preset" -- "$@"
