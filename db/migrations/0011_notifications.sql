-- Notifications: an outbox written in the same transaction as the event that causes each message,
-- delivered in the background; where people are reached.

-- Scheme users are told of safety faults, kiosk exceptions and lockouts; a technician may serve
-- one site (NULL: every site).
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN site_id INTEGER REFERENCES sites(id);

-- Staff may turn off reminders (loan due, overdue); offers and safety messages always go.
ALTER TABLE staff ADD COLUMN email_reminders INTEGER NOT NULL DEFAULT 1 CHECK (email_reminders IN (0, 1));

CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  event            TEXT NOT NULL,     -- what caused it, e.g. 'reservation_offered:17'
  kind             TEXT NOT NULL,     -- reservation_offered, loan_due, loan_overdue, overdue_digest, safety_fault, kiosk_exception
  recipient        TEXT NOT NULL,     -- the address
  recipient_label  TEXT NOT NULL,     -- who that is: 'staff:12', 'user:3'
  urgent           INTEGER NOT NULL CHECK (urgent IN (0, 1)),  -- urgent mail does not wait for working hours
  facts            TEXT NOT NULL,     -- JSON the message is written from when it is sent
  message_id       TEXT NOT NULL UNIQUE,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  sent_at          INTEGER,
  UNIQUE (event, recipient)
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
