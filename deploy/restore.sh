#!/usr/bin/env bash
# Puts a backup made by deploy/backup.sh back as the live database. Stop the server first.
# The backup is checked before anything is touched; the database it replaces (with its -wal and -shm
# files) is kept beside it as DATABASE.before-restore-<time>, so a restore can itself be undone.
# Report packs that deploy/backup.sh kept beside the backup (report-packs/) and that are missing
# beside the database are put back; packs already there are left as they are.
# Run as root (with sudo), what it puts in place belongs to the owner of the database's folder, the
# server's user, as the server made them.
# Usage: deploy/restore.sh BACKUP DATABASE
set -euo pipefail
backup="${1:?usage: deploy/restore.sh BACKUP DATABASE}"
database="${2:?usage: deploy/restore.sh BACKUP DATABASE}"
[[ -f "$backup" ]] || { echo "no backup at $backup" >&2; exit 1; }
check=$(sqlite3 "$backup" "PRAGMA integrity_check;" 2>&1) || true
[[ "$check" == ok ]] || { echo "$backup failed its integrity check: $check" >&2; exit 1; }

folder=$(dirname -- "$database")
give_to_server() { if [[ $EUID -eq 0 ]]; then chown --reference="$folder" -- "$@"; fi; }

incoming="$database.restoring"
cp -- "$backup" "$incoming"
give_to_server "$incoming"
if [[ -f "$database" ]]; then
  aside="$database.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p -- "$aside"
  for file in "$database" "$database-wal" "$database-shm"; do
    [[ -f "$file" ]] && mv -- "$file" "$aside/"
  done
  echo "the replaced database is in $aside"
fi
mv -- "$incoming" "$database"
echo "restored $backup to $database"

kept_packs="$(dirname -- "$backup")/report-packs"
if [[ -d "$kept_packs" ]]; then
  database_name=$(basename -- "$database")
  packs="${REPORT_PACKS:-$folder/${database_name%.*}-report-packs}"
  if [[ ! -d "$packs" ]]; then
    mkdir -p -- "$packs"
    give_to_server "$packs"
  fi
  for pack in "$kept_packs"/report-pack-*.xlsx; do
    [[ -f $pack && ! -e "$packs/${pack##*/}" ]] || continue
    cp -- "$pack" "$packs/"
    give_to_server "$packs/${pack##*/}"
  done
  echo "report packs missing from $packs were put back from $kept_packs"
fi
