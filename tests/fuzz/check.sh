#!/usr/bin/env bash
# The sanitizer and fuzzing check: builds the asan preset (clang, AddressSanitizer with
# LeakSanitizer, UndefinedBehaviorSanitizer, the libFuzzer targets), runs every CTest suite under
# it with any sanitizer report failing its test, then runs each fuzz target from its committed
# corpus for a while. The corpus is copied to a scratch folder first, so the inputs a run finds
# never land in the checkout. Fails on the first report or crash, with the input that caused it.
#
# Usage: tests/fuzz/check.sh [seconds per target, default 60]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
targets=(http_request json_body osmand gpx csv timestamp position_batch)

timed() {
  local label="$1" started=$SECONDS
  shift
  "$@"
  echo "sanitizers: $label took $((SECONDS - started)) s"
}

sanitizer_environment() {
  # Any report is a failure: the first one stops the process with a non-zero status. Leaks are
  # reported at exit; the suppressions name only leaks inside system libraries (see the file).
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
  export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
  export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0"
}

run_fuzz_target() {
  local target="$1" scratch status=0
  scratch="$(mktemp -d)"
  mkdir "$scratch/corpus" "$scratch/found"
  cp -r "tests/fuzz/corpus/$target/." "$scratch/corpus/"
  local options=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
                 -artifact_prefix="$scratch/found/")
  [[ -f "tests/fuzz/$target.dict" ]] && options+=(-dict="tests/fuzz/$target.dict")
  "build/asan/tests/fuzz/fuzz_$target" "${options[@]}" "$scratch/corpus" >"$scratch/log" 2>&1 || status=$?
  grep -E '^#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec' "$scratch/log" | tr -s ' \n' ' '
  echo
  if ((status != 0)); then
    tail -60 "$scratch/log" >&2
    echo "fuzz_$target failed; the input is in $scratch/found" >&2
    return "$status"
  fi
  rm -rf "$scratch"
}

timed "building the asan preset" deploy/build.sh asan
sanitizer_environment
# Under AddressSanitizer a process's peak memory is mostly the sanitizer's shadow and the freed
# memory it keeps in quarantine, so the tests that measure peak memory (label memory) run only in
# the plain build.
timed "the CTest suites under the sanitizers" ctest --test-dir build/asan -j2 --output-on-failure --timeout 900 -LE memory
for target in "${targets[@]}"; do
  timed "fuzz_$target for $seconds s" run_fuzz_target "$target"
done
