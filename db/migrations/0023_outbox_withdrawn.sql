-- A loan's reminder waiting to be sent (or failed) when the loan is renewed, returned or marked lost
-- no longer holds: it is withdrawn, kept for the record and never sent, not even by "send again".
-- SQLite cannot widen a CHECK in place, so the table is made again with its rows as they are.
CREATE TABLE outbox_next (
  id               INTEGER PRIMARY KEY,
  event            TEXT NOT NULL,
  kind             TEXT NOT NULL,
  recipient        TEXT NOT NULL,
  recipient_label  TEXT NOT NULL,
  urgent           INTEGER NOT NULL CHECK (urgent IN (0, 1)),
  facts            TEXT NOT NULL,
  message_id       TEXT NOT NULL UNIQUE,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'withdrawn')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  sent_at          INTEGER,
  UNIQUE (event, recipient)
);
INSERT INTO outbox_next(id, event, kind, recipient, recipient_label, urgent, facts, message_id, status, attempts,
                        next_attempt_at, last_error, created_at, sent_at)
  SELECT id, event, kind, recipient, recipient_label, urgent, facts, message_id, status, attempts, next_attempt_at,
         last_error, created_at, sent_at
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

-- Reminders already stale when this runs are withdrawn too: a reminder holds only while its loan is
-- active with the due date its event names ('loan_due:<loan id>:<due at>').
UPDATE outbox SET status = 'withdrawn'
 WHERE status IN ('pending', 'failed') AND kind IN ('loan_due', 'loan_overdue')
   AND NOT EXISTS (SELECT 1 FROM loans WHERE loans.status = 'active' AND outbox.event = outbox.kind || ':' || loans.id || ':' || loans.due_at);
