-- An answer larger than the replay cap is not kept whole: the key still records that the request was
-- done (so it is never done twice), but a repeat is told the answer was not kept.
ALTER TABLE idempotency_keys ADD COLUMN body_kept INTEGER NOT NULL DEFAULT 1;
