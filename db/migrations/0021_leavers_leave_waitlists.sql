-- Someone marked as having left now leaves every waiting list at once. People marked as left
-- before that still wait in queues, where they would be held a bike nobody collects: they leave
-- them now. A place already offered is left to its hold's expiry, which closes it and offers the
-- bike to the next person, as for anyone who does not collect.
INSERT INTO audit_log(at, actor, action, entity, entity_id, before, after)
  SELECT CAST(strftime('%s', 'now') AS INTEGER), 'system:migration', 'waitlist.left', 'waitlist_entry', CAST(w.id AS TEXT),
         json_object('status', 'waiting', 'closed_at', NULL),
         json_object('status', 'left', 'closed_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    FROM waitlist_entries w JOIN staff s ON s.id = w.staff_id
   WHERE w.status = 'waiting' AND s.active = 0;
UPDATE waitlist_entries SET status = 'left', closed_at = CAST(strftime('%s', 'now') AS INTEGER)
 WHERE status = 'waiting' AND staff_id IN (SELECT id FROM staff WHERE active = 0);
