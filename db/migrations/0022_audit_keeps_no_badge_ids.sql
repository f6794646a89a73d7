-- The audit log kept a staff member's badge id, which identifies its holder at a kiosk, and the log
-- travels: in audit exports and in subject access documents. It now keeps only whether a badge is
-- set, as "badge": "set" or null; the entries written before are rewritten the same way.
INSERT INTO audit_log(at, actor, action, entity, entity_id, before, after)
  SELECT CAST(strftime('%s', 'now') AS INTEGER), 'system:migration', 'audit.badge_ids_removed', 'database', 'audit_log',
         NULL, json_object('entries', count(*))
    FROM audit_log
   WHERE entity = 'staff' AND (before LIKE '%"badge_id"%' OR after LIKE '%"badge_id"%')
  HAVING count(*) > 0;
UPDATE audit_log
   SET before = CASE WHEN NOT json_valid(before) THEN before
                     WHEN json_type(before, '$.badge_id') IS NULL THEN before
                     ELSE json_set(json_remove(before, '$.badge_id'), '$.badge',
                                   CASE json_type(before, '$.badge_id') WHEN 'null' THEN json('null') ELSE 'set' END)
                END,
       after = CASE WHEN NOT json_valid(after) THEN after
                    WHEN json_type(after, '$.badge_id') IS NULL THEN after
                    ELSE json_set(json_remove(after, '$.badge_id'), '$.badge',
                                  CASE json_type(after, '$.badge_id') WHEN 'null' THEN json('null') ELSE 'set' END)
               END
 WHERE entity = 'staff' AND (before LIKE '%"badge_id"%' OR after LIKE '%"badge_id"%');
