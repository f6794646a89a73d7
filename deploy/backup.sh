#!/usr/bin/env bash
# Copies the live database to a dated file with SQLite's online backup, which is consistent while the
# server keeps writing (WAL), checks the copy, and keeps the newest N copies.
# Usage: deploy/backup.sh DATABASE BACKUP_FOLDER [KEEP=14]   (installed as pedalpower-backup)
set -euo pipefail
usage="usage: ${0##*/} DATABASE BACKUP_FOLDER [KEEP]"
database="${1:?$usage}"
folder="${2:?$usage}"
keep="${3:-14}"
[[ -f "$database" ]] || { echo "no database at $database" >&2; exit 1; }
mkdir -p "$folder"
copy="$folder/pedalpower-$(date -u +%Y%m%dT%H%M%SZ).sqlite"
sqlite3 "$database" ".timeout 10000" ".backup '$copy'"
check=$(sqlite3 "$copy" "PRAGMA integrity_check;")
[[ "$check" == ok ]] || { echo "backup $copy failed its integrity check: $check" >&2; exit 1; }
echo "$copy"
ls -1t "$folder"/pedalpower-*.sqlite | tail -n +"$((keep + 1))" | xargs -r rm --
