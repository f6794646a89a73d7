#!/usr/bin/env bash
# deploy/backup.sh against a database that a second process writes to all the while: each backup must
# finish within its time limit and pass its check, killed runs must not count as backups, only the
# newest N good ones stay, and deploy/restore.sh must bring back a database that opens with every row
# committed before the backup began.
# Usage: tests/system/backup_under_load.sh REPOSITORY_ROOT
set -euo pipefail
root="${1:?usage: backup_under_load.sh REPOSITORY_ROOT}"
work=$(mktemp -d)
writer_pid=
cleanup() {
  [[ -z "$writer_pid" ]] || kill "$writer_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf -- "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

database="$work/live.sqlite"
backups="$work/backups"
# About 20 MB of rows, as a few months of a scheme's data would be.
sqlite3 "$database" "PRAGMA journal_mode=WAL;" \
  "CREATE TABLE readings(id INTEGER PRIMARY KEY, written_at REAL, payload TEXT);" \
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
   INSERT INTO readings(written_at, payload) SELECT julianday('now'), printf('%.500c', 'x') FROM n;" >/dev/null

# One writer committing row after row, each its own transaction, for as long as the test runs.
(
  echo ".timeout 10000"
  while true; do echo "INSERT INTO readings(written_at, payload) VALUES (julianday('now'), printf('%.500c', 'y'));"; done
) | sqlite3 "$database" >/dev/null 2>&1 &
writer_pid=$!

rows() { sqlite3 "$1" ".timeout 10000" "SELECT count(*) FROM readings;"; }
sleep 1
before=$(rows "$database")
sleep 1
(( $(rows "$database") > before )) || fail "the writer is not writing"

# The server's report packs beside the database: a finished one, and one still being written.
packs="$work/live-report-packs"
mkdir -p "$packs"
head -c 5000 /dev/urandom > "$packs/report-pack-2026-10.xlsx"
echo "half a workbook" > "$packs/.report-pack-2026-11.xlsx.123.part"

# A run killed mid-copy leaves only a partial file; an old one is cleared, none is counted.
mkdir -p "$backups"
echo "not a database" > "$backups/pedalpower-20000101T000000Z.sqlite.partial"
touch -d '2 hours ago' "$backups/pedalpower-20000101T000000Z.sqlite.partial"

made=()
for attempt in 1 2 3; do
  copy=$(BACKUP_TIME_LIMIT=60 "$root/deploy/backup.sh" "$database" "$backups" 2) || fail "backup $attempt failed"
  made+=("$copy")
  sleep 1  # dated names have a resolution of one second
done
(( $(rows "$database") > before )) || fail "the writer stopped during the backups"
[[ ! -e "$backups/pedalpower-20000101T000000Z.sqlite.partial" ]] || fail "a stale partial copy was kept"
kept=$(ls -1 "$backups" | grep -c '^pedalpower-.*\.sqlite$' || true)
[[ "$kept" == 2 ]] || fail "expected the newest 2 backups, found $kept: $(ls "$backups")"
[[ ! -e "${made[0]}" && -e "${made[1]}" && -e "${made[2]}" ]] || fail "the oldest backup should be the one removed"

cmp -s "$packs/report-pack-2026-10.xlsx" "$backups/report-packs/report-pack-2026-10.xlsx" || fail "the report pack was not copied"
[[ $(ls -A "$backups/report-packs") == report-pack-2026-10.xlsx ]] || fail "a pack being written was copied: $(ls -A "$backups/report-packs")"

newest="${made[2]}"
[[ $(sqlite3 "$newest" "PRAGMA integrity_check;") == ok ]] || fail "the newest backup is damaged"
(( $(rows "$newest") >= before )) || fail "the newest backup lacks rows committed before it began"

kill "$writer_pid"
wait "$writer_pid" 2>/dev/null || true
writer_pid=
live_rows=$(rows "$database")
backup_rows=$(rows "$newest")
rm -rf -- "$packs"
# Restored by root, the database and packs go to the owner of the database's folder.
if [[ $EUID -eq 0 ]]; then chown nobody:nogroup -- "$(dirname -- "$database")"; fi
"$root/deploy/restore.sh" "$newest" "$database" >/dev/null || fail "restore failed"
if [[ $EUID -eq 0 ]]; then
  for made_by_restore in "$database" "$packs" "$packs/report-pack-2026-10.xlsx"; do
    [[ $(stat -c %U:%G -- "$made_by_restore") == nobody:nogroup ]] ||
      fail "$made_by_restore belongs to $(stat -c %U:%G -- "$made_by_restore"), not the database folder's owner"
  done
fi
cmp -s "$backups/report-packs/report-pack-2026-10.xlsx" "$packs/report-pack-2026-10.xlsx" || fail "the report pack was not put back"
[[ $(sqlite3 "$database" "PRAGMA integrity_check;") == ok ]] || fail "the restored database is damaged"
[[ $(rows "$database") == "$backup_rows" ]] || fail "the restored database does not hold the backup's rows"
ls -d "$database".before-restore-*/ >/dev/null || fail "the replaced database was not kept"
aside=$(ls -d "$database".before-restore-*/ | head -n 1)
[[ $(rows "$aside/live.sqlite") == "$live_rows" ]] || fail "the replaced database lost rows"

# A damaged backup is refused and the live database is left alone.
echo "garbage" > "$work/damaged.sqlite"
if "$root/deploy/restore.sh" "$work/damaged.sqlite" "$database" >/dev/null 2>&1; then fail "a damaged backup was restored"; fi
[[ $(rows "$database") == "$backup_rows" ]] || fail "a refused restore changed the database"

echo "backup under load: $((${#made[@]})) backups while writing, $kept kept, restore holds $backup_rows rows"
