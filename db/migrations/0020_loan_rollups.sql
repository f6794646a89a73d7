-- Loans checked out by month, site and borrower's pay band, kept exact by triggers as loans are
-- written, moved or deleted and as a borrower's band changes, like the trips' rollups in 0012: the
-- activity report then reads a few rows per month instead of every loan with its borrower.
CREATE TABLE loan_month_totals (
  month     TEXT NOT NULL,  -- 'YYYY-MM', UTC, of the checkout
  site_id   INTEGER NOT NULL,
  pay_band  TEXT NOT NULL,  -- the borrower's, as it is now
  loans     INTEGER NOT NULL,
  PRIMARY KEY (month, site_id, pay_band)
) WITHOUT ROWID;

-- What each loan adds to the rollup, from its borrower as they are now.
CREATE VIEW loan_rollup_rows AS
SELECT l.id AS loan_id,
       strftime('%Y-%m', l.checked_out_at, 'unixepoch') AS month,
       l.site_id AS site_id,
       s.pay_band AS pay_band,
       l.staff_id AS staff_id
FROM loans l
JOIN staff s ON s.id = l.staff_id;

-- Inserting a row here adds (loans 1) or takes away (loans -1) one loan.
CREATE VIEW loan_rollup_changes AS
SELECT '' AS month, 0 AS site_id, '' AS pay_band, 0 AS loans
WHERE 0;

CREATE TRIGGER loan_rollup_apply INSTEAD OF INSERT ON loan_rollup_changes
BEGIN
  INSERT INTO loan_month_totals(month, site_id, pay_band, loans)
  VALUES (NEW.month, NEW.site_id, NEW.pay_band, NEW.loans)
  ON CONFLICT DO UPDATE SET loans = loans + excluded.loans;
  DELETE FROM loan_month_totals
   WHERE month = NEW.month AND site_id = NEW.site_id AND pay_band = NEW.pay_band AND loans = 0;
END;

CREATE TRIGGER loan_added AFTER INSERT ON loans
BEGIN
  INSERT INTO loan_rollup_changes SELECT month, site_id, pay_band, 1 FROM loan_rollup_rows WHERE loan_id = NEW.id;
END;

CREATE TRIGGER loan_removed BEFORE DELETE ON loans
BEGIN
  INSERT INTO loan_rollup_changes SELECT month, site_id, pay_band, -1 FROM loan_rollup_rows WHERE loan_id = OLD.id;
END;

CREATE TRIGGER loan_grouping_changing BEFORE UPDATE OF staff_id, site_id, checked_out_at ON loans
WHEN OLD.staff_id IS NOT NEW.staff_id OR OLD.site_id IS NOT NEW.site_id OR OLD.checked_out_at IS NOT NEW.checked_out_at
BEGIN
  INSERT INTO loan_rollup_changes SELECT month, site_id, pay_band, -1 FROM loan_rollup_rows WHERE loan_id = OLD.id;
END;

CREATE TRIGGER loan_grouping_changed AFTER UPDATE OF staff_id, site_id, checked_out_at ON loans
WHEN OLD.staff_id IS NOT NEW.staff_id OR OLD.site_id IS NOT NEW.site_id OR OLD.checked_out_at IS NOT NEW.checked_out_at
BEGIN
  INSERT INTO loan_rollup_changes SELECT month, site_id, pay_band, 1 FROM loan_rollup_rows WHERE loan_id = NEW.id;
END;

CREATE TRIGGER borrower_band_changing BEFORE UPDATE OF pay_band ON staff
WHEN OLD.pay_band IS NOT NEW.pay_band
BEGIN
  INSERT INTO loan_rollup_changes SELECT month, site_id, pay_band, -1 FROM loan_rollup_rows WHERE staff_id = OLD.id;
END;

CREATE TRIGGER borrower_band_changed AFTER UPDATE OF pay_band ON staff
WHEN OLD.pay_band IS NOT NEW.pay_band
BEGIN
  INSERT INTO loan_rollup_changes SELECT month, site_id, pay_band, 1 FROM loan_rollup_rows WHERE staff_id = NEW.id;
END;

-- The loans checked out before this migration.
INSERT INTO loan_month_totals(month, site_id, pay_band, loans)
SELECT month, site_id, pay_band, count(*) FROM loan_rollup_rows GROUP BY month, site_id, pay_band;
