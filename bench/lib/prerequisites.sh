# shellcheck shell=bash
# What a benchmark needs before it runs: its tools on the PATH and its programs built.
# Sourced by the bench scripts.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Exits when any of the named tools is not installed.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: run deploy/install-deps.sh --bench" >&2; exit 1; }
  done
}

# Sets build_dir to a folder holding the targets: `built` as it is when given (nothing is built),
# else `given` after building them in it, else build/ci after deploy/build.sh ci builds them.
# One job at a low priority, so a benchmark's build leaves the machine's other work its cores.
# shellcheck disable=SC2034  # build_dir is the caller's
find_or_build() {
  local built=$1 given=$2
  shift 2
  if [[ -n $built ]]; then
    build_dir=$built
  elif [[ -n $given ]]; then
    nice ninja -j1 -C "$given" "$@"
    build_dir=$given
  else
    nice "$bench_root/deploy/build.sh" ci -j1 "$@"
    build_dir=$bench_root/build/ci
  fi
}
