# shellcheck shell=bash
# Starting the server under test and signing in to it. Sourced by the bench scripts, after
# processes.sh.

# Starts a server executable on `db` on a free loopback port, its port file and log in `work`, with
# any further flags; sets server_pid, and base (its address) once it listens. When it does not
# start, prints its log and exits.
start_server() {
  local server=$1 db=$2 work=$3
  shift 3
  rm -f "$work/port"
  "$server" --db "$db" --port 0 --port-file "$work/port" --log-level warn "$@" >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_for_file "$work/port" "$server_pid" ||
    { cat "$work/server.log" >&2; echo "the server did not start" >&2; exit 1; }
  base=http://127.0.0.1:$(<"$work/port")
}

# Stops the server start_server started and prints the end of its log in `work` when it logged
# anything but its start-up lines, so a benchmark shows what went wrong under load.
stop_server() {
  local work=$1 quiet='^\(listening on\|demo coordinator login\)'
  stop "$server_pid"
  server_pid=
  if grep -qv "$quiet" "$work/server.log"; then
    echo "-- server log:"
    grep -v "$quiet" "$work/server.log" | tail -n 20
  fi
}

# Signs the coordinator in with the password a server started with --demo wrote to its log in
# `work`; the session cookie goes to $work/cookies.
sign_in_demo_coordinator() {
  local work=$1 password
  password=$(sed -n 's/^demo coordinator login: username coordinator, password \(.*\)$/\1/p' "$work/server.log")
  curl -fsS -c "$work/cookies" -H 'Content-Type: application/json' \
    -d "{\"username\":\"coordinator\",\"password\":\"$password\"}" "$base/api/v1/auth/login" -o /dev/null
}
