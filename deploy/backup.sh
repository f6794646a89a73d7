#!/usr/bin/env bash
# Copies the live database to a dated file while the server keeps writing, and keeps the newest N good
# copies. The copy is VACUUM INTO: one read transaction, so it sees one moment of the database and is
# never restarted by the writes that go on meanwhile (SQLite's .backup starts again after each one).
# It is written under a temporary name, checked, and only then renamed, so a run that is killed or
# fails leaves no file that looks like a backup.
# The monthly report packs the server keeps beside the database (DATABASE's name and -report-packs,
# or REPORT_PACKS) go to BACKUP_FOLDER/report-packs: each is written whole and never changed, so
# only packs not yet copied are copied, and none is ever removed there.
# Usage: deploy/backup.sh DATABASE BACKUP_FOLDER [KEEP=14]   (installed as pedalpower-backup)
# BACKUP_TIME_LIMIT (seconds, default 600) bounds the copy and the check.
set -euo pipefail
usage="usage: ${0##*/} DATABASE BACKUP_FOLDER [KEEP]"
database="${1:?$usage}"
folder="${2:?$usage}"
keep="${3:-14}"
time_limit="${BACKUP_TIME_LIMIT:-600}"
[[ -f "$database" ]] || { echo "no database at $database" >&2; exit 1; }
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || { echo "KEEP must be a whole number of at least 1" >&2; exit 2; }
mkdir -p "$folder"

# Partial copies left by killed runs; a running backup's own is younger than any time limit.
find "$folder" -maxdepth 1 -name 'pedalpower-*.sqlite.partial' -mmin +"$(((time_limit + 59) / 60 + 1))" -delete

copy="$folder/pedalpower-$(date -u +%Y%m%dT%H%M%SZ).sqlite"
partial="$copy.partial"
trap 'rm -f -- "$partial"' EXIT
rm -f -- "$partial"
quoted_partial=${partial//\'/\'\'}
if ! timeout --signal=KILL "$time_limit" sqlite3 "$database" ".timeout 10000" "VACUUM INTO '$quoted_partial'"; then
  echo "backup of $database did not finish within ${time_limit}s or failed" >&2
  exit 1
fi
check=$(timeout --signal=KILL "$time_limit" sqlite3 "$partial" "PRAGMA integrity_check;" 2>&1) || true
[[ "$check" == ok ]] || { echo "the copy of $database failed its integrity check: $check" >&2; exit 1; }
mv -- "$partial" "$copy"
trap - EXIT
echo "$copy"
# Only renamed copies count: every one of them passed its check.
ls -1t "$folder"/pedalpower-*.sqlite | tail -n +"$((keep + 1))" | xargs -r rm --

database_name=$(basename -- "$database")
packs="${REPORT_PACKS:-$(dirname -- "$database")/${database_name%.*}-report-packs}"
if [[ -d "$packs" ]]; then
  mkdir -p "$folder/report-packs"
  # Only finished packs: one being written has a hidden .part name until it is complete.
  for pack in "$packs"/report-pack-*.xlsx; do
    # Newer coreutils make `cp -n` fail on a file it skips, so the test is the shell's.
    [[ -f $pack && ! -e "$folder/report-packs/${pack##*/}" ]] || continue
    cp -p -- "$pack" "$folder/report-packs/"
  done
fi
