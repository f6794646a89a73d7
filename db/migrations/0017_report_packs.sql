-- The monthly report pack: one workbook of the previous month's reports, made on the first of each
-- month and kept under the server's data folder. The row is claimed before the file is written, so
-- two servers on one database (or a restart) never make the same month twice; a claim left by a
-- server that stopped while writing is taken over once it is an hour old.
CREATE TABLE report_packs (
  month       TEXT PRIMARY KEY,  -- 'YYYY-MM', UTC
  status      TEXT NOT NULL CHECK (status IN ('making', 'ready')),
  claimed_at  INTEGER NOT NULL,
  made_at     INTEGER,           -- when the file was complete
  file_name   TEXT NOT NULL DEFAULT '',  -- in the data folder's report-packs folder
  size_bytes  INTEGER,
  sha256      TEXT NOT NULL DEFAULT ''   -- of the file, lower-case hex
) WITHOUT ROWID;
