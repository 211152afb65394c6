-- The node (worker) that appended each journal entry: the run's lease owner when the entry was written, so a run's
-- timeline can say which node ran each step, also across resumes on other nodes. Kept beside the entry, not in its
-- payload: the journal codec is unchanged. NULL for entries written before this migration.
ALTER TABLE journal ADD COLUMN node TEXT;
