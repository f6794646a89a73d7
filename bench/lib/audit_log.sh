# shellcheck shell=bash
# Filling a database's audit log for the export benchmarks. Sourced by the bench scripts.

# Adds `count` bike updates to the audit log of `db`, one a second from 2020, each with a
# before and after as large as a real one.
add_audit_entries() {
  local db=$1 count=$2
  ((count > 0)) || return 0
  sqlite3 "$db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after)
SELECT 1577836800 + i, 'user:' || (i % 7), 'bike.update', 'bike', CAST(i % 1000 AS TEXT),
       '{"status":"available","odometer_m":123456}', '{"status":"in_repair","odometer_m":123457}'
FROM n;
SQL
}
