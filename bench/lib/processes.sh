# shellcheck shell=bash
# Waiting for and stopping the processes a benchmark starts. Sourced by the bench scripts.

# Stops a process started in the background and waits for it; nothing when `pid` is empty.
stop() {
  local pid=$1
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Waits up to a minute for `file` to have content; fails at once when process `pid` has ended.
wait_for_file() {
  local file=$1 pid=$2
  for _ in $(seq 600); do
    [[ -s $file ]] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
