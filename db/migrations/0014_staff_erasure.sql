-- Erasure of someone who has left: their staff row stays, stripped of everything that names them,
-- so the loans and trips linked to it still count in the scheme's totals by band and site.
-- erased_at says when (NULL: not erased); an erased row is never identified or edited again.
ALTER TABLE staff ADD COLUMN erased_at INTEGER;
