-- A replayed answer is the first answer whole: its content type and extra headers (Location,
-- Retry-After, ...) are kept beside its status and body. Headers are a JSON array of [name, value].
ALTER TABLE idempotency_keys ADD COLUMN response_content_type TEXT NOT NULL DEFAULT 'application/json';
ALTER TABLE idempotency_keys ADD COLUMN response_headers TEXT NOT NULL DEFAULT '[]';
