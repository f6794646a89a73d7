#!/usr/bin/env bash
# Builds the Debian packages (the `package` presets: the `run` build's flags and compiler cache),
# checks them with lintian, then on this machine: installs them with dpkg, verifies the installed
# units, runs the installed server as its unit would on a scratch database and the installed kiosk
# against it, upgrades from an older package with data in place, checks that a database from a newer
# release is refused and that a backup restores, removes (data kept) and purges (data gone). The
# machine is left as it was: the check refuses to start where the packages or their data already are.
#
# Usage: tests/package/check.sh   (as root, or a user who may sudo)
#   PEDALPOWER_PREVIOUS_PACKAGES=DIR  upgrade from the .deb files in DIR (an earlier release); without
#                                     it the older package is this tree's, at a lower version.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ $(id -u) -ne 0 ]]; then exec sudo --preserve-env=PEDALPOWER_PREVIOUS_PACKAGES,CCACHE_DIR "$0" "$@"; fi

started=$SECONDS
step() { echo "== $* ($((SECONDS - started)) s)"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

units=/lib/systemd/system
data=/var/lib/pedalpower
database=$data/pedalpower.sqlite
packages=(pedalpower-server pedalpower-kiosk)

# --- refuse to touch a machine that runs the scheme
for package in "${packages[@]}"; do
  if dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null | grep -qv '^not-installed$'; then
    fail "$package is on this machine (dpkg -P it first); the check installs and purges it"
  fi
done
for path in /etc/pedalpower $data /var/lib/pedalpower-kiosk /var/lib/private/pedalpower-kiosk; do
  [[ ! -e $path ]] || fail "$path exists; the check would delete it"
done
getent passwd pedalpower >/dev/null && fail "a pedalpower user exists; the check would delete it"

# What installing and purging may touch, to compare at the end.
machine_state() {
  { find /etc/systemd/system /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked \
         /etc/pedalpower $data /var/lib/pedalpower-kiosk -print 2>/dev/null || true
    getent passwd pedalpower || true; getent group pedalpower || true; } | sort
}
state_before=$(machine_state)

scratch=$(mktemp -d)
chmod 0755 "$scratch"
# Every dpkg run would rebuild the whole manual page index; man-db skips that while this file is away.
man_db_switch=/var/lib/man-db/auto-update
man_db_was_on=false
if [[ -e $man_db_switch ]]; then man_db_was_on=true; rm -f "$man_db_switch"; fi
pids=()
clean_up() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null | grep -qv '^not-installed$' &&
      dpkg --purge "$package" >/dev/null
  done
  if getent passwd pedalpower >/dev/null; then deluser --system --quiet pedalpower >/dev/null 2>&1 || true; fi
  if getent group pedalpower >/dev/null; then delgroup --system --quiet pedalpower >/dev/null 2>&1 || true; fi
  rm -rf "$scratch"
  if $man_db_was_on; then touch "$man_db_switch"; fi
}
trap clean_up EXIT

# --- build
step "building the packages"
deploy/build.sh package
current=$PWD/build/package/debs/current
rm -rf build/package/debs
cpack --preset package -B "$current" >/dev/null
deb() { compgen -G "$1/$2_*.deb" | head -n 1 || fail "no $2 package in $1"; }
previous=${PEDALPOWER_PREVIOUS_PACKAGES:-}
if [[ -z $previous ]]; then
  # The same files at a lower version: 0.1.0-1 becomes 0.1.0~previous-1.
  previous=$PWD/build/package/debs/previous
  mkdir -p "$previous"
  for package in "${packages[@]}"; do
    rm -rf "$scratch/repack"
    dpkg-deb -R "$(deb "$current" "$package")" "$scratch/repack"
    sed -i 's/^Version: \(.*\)-\([^-]*\)$/Version: \1~previous-\2/' "$scratch/repack/DEBIAN/control"
    dpkg-deb --root-owner-group -b "$scratch/repack" "$previous" >/dev/null
  done
  rm -rf "$scratch/repack"
fi
for package in "${packages[@]}"; do
  echo "$(deb "$current" "$package"): $(dpkg-deb -f "$(deb "$current" "$package")" Depends)"
done

step "lintian"
lintian --fail-on error --display-level '>=warning' "$current"/*.deb || fail "lintian found errors"

# --- run installed programs as their units would: the unit's Environment= lines, then the config
# file, then the overrides given; ExecStart with %d (credentials) and ${VAR} expanded; as its User=.
# It replaces the shell it runs in: call it in ( ) or with &, so that $! is the program itself.
credentials=$scratch/credentials
run_as_unit() { # UNIT USER [NAME=value...]
  local unit=$units/$1 user=$2
  shift 2
  local environment=(PATH=/usr/sbin:/usr/bin:/sbin:/bin)
  mapfile -t -O 1 environment < <(sed -n 's/^Environment=//p' "$unit")
  local file
  file=$(sed -n 's/^EnvironmentFile=//p' "$unit")
  mapfile -t -O "${#environment[@]}" environment < <(grep -E '^[A-Z_]+=' "$file" || true)
  local command
  command=$(sed -n 's/^ExecStart=//p' "$unit")
  # setpriv execs where runuser would fork.
  exec setpriv --reuid="$user" --regid="$user" --init-groups \
    env -i "${environment[@]}" "$@" bash -c "exec ${command//%d/$credentials}"
}
start_server() { # NAME DATABASE [NAME=value...]: starts the installed server, sets port
  local name=$1 db=$2
  shift 2
  rm -f "$scratch/$name.port"
  run_as_unit pedalpower-server.service pedalpower PEDALPOWER_DB="$db" PEDALPOWER_PORT=0 \
    PEDALPOWER_PORT_FILE="$scratch/$name.port" PEDALPOWER_LOG_LEVEL=warn "$@" >"$scratch/$name.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 600); do
    [[ -s $scratch/$name.port ]] && break
    kill -0 "$server_pid" 2>/dev/null || fail "the installed server stopped: $(cat "$scratch/$name.log")"
    sleep 0.1
  done
  port=$(cat "$scratch/$name.port")
}
stop_server() { kill -TERM "$server_pid"; wait "$server_pid" || fail "the server did not stop cleanly"; }
https() { curl -fsS --max-time 10 --cacert /etc/pedalpower/tls/cert.pem "https://127.0.0.1:$port$1"; }
sql() { sqlite3 -batch -noheader "$1" "$2"; }
figures() { sql "$1" "PRAGMA user_version; SELECT count(*) FROM sites; SELECT count(*) FROM bikes; SELECT count(*) FROM loans;" | paste -sd' '; }

# --- install the older release, verify its units, answer on a scratch database
step "installing the older packages ($(dpkg-deb -f "$(deb "$previous" pedalpower-server)" Version))"
dpkg -i "$(deb "$previous" pedalpower-server)" "$(deb "$previous" pedalpower-kiosk)" >"$scratch/dpkg.log" ||
  fail "dpkg -i: $(cat "$scratch/dpkg.log")"
getent passwd pedalpower >/dev/null || fail "no pedalpower user after install"
[[ $(stat -c %U "$data") == pedalpower ]] || fail "$data is not owned by pedalpower"
[[ -s /etc/pedalpower/tls/cert.pem && $(stat -c %a /etc/pedalpower/tls/key.pem) == 600 ]] || fail "no TLS pair made"
install -d -o pedalpower -m 0700 "$credentials"
install -o pedalpower -m 0400 /etc/pedalpower/tls/cert.pem "$credentials/tls-cert"
install -o pedalpower -m 0400 /etc/pedalpower/tls/key.pem "$credentials/tls-key"
chown pedalpower "$scratch"

step "systemd-analyze verify"
systemd-analyze verify $units/pedalpower-server.service $units/pedalpower-backup.service \
  $units/pedalpower-backup.timer $units/pedalpower-kiosk.service

step "the config file names every setting the server has"
while read -r variable; do
  grep -q "^#\?$variable=" /etc/pedalpower/server.conf || fail "server.conf does not mention $variable"
done < <(/usr/sbin/pedalpower-server --help | sed -n 's/^ *env \(PEDALPOWER_[A-Z_]*\)$/\1/p')

step "the installed server answers on a scratch database"
start_server scratch "$scratch/scratch.sqlite"
[[ $(https /readyz) ]] || fail "no answer from /readyz"
[[ $(https /api/v1/openapi.json) == *'"openapi"'* ]] || fail "no OpenAPI document"

step "the installed kiosk serves its screen from the installed files"
echo scratch-token >"$scratch/kiosk-token"
/usr/sbin/pedalpower-kiosk --backend-url "https://127.0.0.1:$port" --ca-file /etc/pedalpower/tls/cert.pem \
  --device-token-file "$scratch/kiosk-token" --journal "$scratch/kiosk-journal.sqlite" --site Check \
  --port 0 --port-file "$scratch/kiosk.port" 2>"$scratch/kiosk.log" &
kiosk_pid=$!
pids+=("$kiosk_pid")
for _ in $(seq 100); do [[ -s $scratch/kiosk.port ]] && break; sleep 0.1; done
[[ -s $scratch/kiosk.port ]] || fail "the installed kiosk did not start: $(cat "$scratch/kiosk.log")"
# The agent writes its local secret into the page it serves; every other line is the installed file's.
curl -fsS --max-time 5 "http://127.0.0.1:$(cat "$scratch/kiosk.port")/" | grep -v 'name="kiosk-secret"' |
  diff -q - <(grep -v 'kiosk-secret' /usr/share/pedalpower/kiosk-ui/index.html) >/dev/null ||
  fail "the kiosk does not serve /usr/share/pedalpower/kiosk-ui/index.html"
kill -TERM "$kiosk_pid"
wait "$kiosk_pid" || true
stop_server

# --- data in place, then the upgrade
step "the older server fills its database with the demo scheme"
start_server older "$database" PEDALPOWER_DEMO=true
https /readyz >/dev/null
stop_server
before=$(figures "$database")
echo "schema version, sites, bikes, loans: $before"
echo "PEDALPOWER_LOG_LEVEL=warn" >>/etc/pedalpower/server.conf

step "upgrading to $(dpkg-deb -f "$(deb "$current" pedalpower-server)" Version)"
dpkg -i "$(deb "$current" pedalpower-server)" "$(deb "$current" pedalpower-kiosk)" >"$scratch/dpkg.log" ||
  fail "dpkg -i: $(cat "$scratch/dpkg.log")"
grep -q "backed up to" "$scratch/dpkg.log" || fail "no backup before the upgrade: $(cat "$scratch/dpkg.log")"
grep -qx "PEDALPOWER_LOG_LEVEL=warn" /etc/pedalpower/server.conf || fail "the upgrade lost a change to server.conf"
backup=$(compgen -G "$data/backups/pedalpower-*.sqlite" | tail -n 1)
[[ $(figures "$backup") == "$before" ]] || fail "the pre-upgrade backup differs from the data"

start_server upgraded "$database"
https /readyz >/dev/null
stop_server
after=$(figures "$database")
newest_schema=$(sql "$scratch/scratch.sqlite" "PRAGMA user_version;")
[[ ${after#* } == "${before#* }" ]] || fail "the data changed in the upgrade: $before, then $after"
[[ ${after%% *} == "$newest_schema" ]] || fail "the upgraded database is at schema ${after%% *}, not $newest_schema"
echo "after the upgrade: $after"

step "a database from a newer release is refused"
cp "$database" "$scratch/newer.sqlite"
chown pedalpower "$scratch/newer.sqlite"
sql "$scratch/newer.sqlite" "PRAGMA user_version=$((newest_schema + 1));"
if (run_as_unit pedalpower-server.service pedalpower PEDALPOWER_DB="$scratch/newer.sqlite" PEDALPOWER_PORT=0) \
     2>"$scratch/newer.log"; then
  fail "the server opened a database from a newer release"
fi
grep -q "written by a newer version" "$scratch/newer.log" || fail "unexpected refusal: $(cat "$scratch/newer.log")"

step "the backup timer's service keeps the newest copies, and a copy restores"
mkdir -p "$scratch/backups"
for day in 1 2 3; do touch -d "2020-01-0$day" "$scratch/backups/pedalpower-2020010${day}T000000Z.sqlite"; done
chown -R pedalpower "$scratch/backups"
(run_as_unit pedalpower-backup.service pedalpower PEDALPOWER_BACKUP_DIR="$scratch/backups" PEDALPOWER_BACKUP_KEEP=2) >/dev/null
mapfile -t kept < <(cd "$scratch/backups" && ls -1t pedalpower-*.sqlite)
[[ ${#kept[@]} == 2 && ${kept[0]} != pedalpower-2020* && ${kept[1]} == pedalpower-20200103T000000Z.sqlite ]] ||
  fail "expected today's copy and the newest old one, kept: ${kept[*]}"
# The monthly report packs the installed server made at start go beside the copies.
for pack in /var/lib/pedalpower/pedalpower-report-packs/report-pack-*.xlsx; do
  [[ -e $pack ]] || fail "the installed server made no report pack at start"
  cmp -s "$pack" "$scratch/backups/report-packs/${pack##*/}" || fail "the backup did not keep ${pack##*/}"
done
copy=${kept[0]}
# The README's restore steps: the old database and its WAL set aside, the copy put in its place.
mkdir "$data/before-restore"
mv "$database"* "$data/before-restore/"
install -o pedalpower -g pedalpower -m 0600 "$scratch/backups/$copy" "$database"
[[ $(sql "$database" "PRAGMA integrity_check;") == ok ]] || fail "the restored copy is damaged"
start_server restored "$database"
https /readyz >/dev/null
stop_server
[[ $(figures "$database") == "$after" ]] || fail "the restored database differs: $(figures "$database")"

# --- removal keeps the data, purge deletes it
step "removing"
dpkg --remove "${packages[@]}" >/dev/null
[[ -f $database && -n $(compgen -G "$data/backups/*.sqlite") ]] || fail "removing the package lost the data"
[[ -f /etc/pedalpower/server.conf && -f /etc/pedalpower/tls/key.pem ]] || fail "removing the package lost the config"
[[ ! -e /usr/sbin/pedalpower-server && ! -e /usr/sbin/pedalpower-kiosk ]] || fail "the programs are still installed"

step "purging"
dpkg --purge "${packages[@]}" >/dev/null
for path in $data /etc/pedalpower; do [[ ! -e $path ]] || fail "$path is still there after purge"; done

clean_up
trap - EXIT
[[ $(machine_state) == "$state_before" ]] || fail "the machine differs from before: $(diff <(echo "$state_before") <(machine_state))"
echo "package check passed in $((SECONDS - started)) s"
