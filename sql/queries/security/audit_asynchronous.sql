-- High-volume audit rows (every household point tile): this transaction's commit does not wait for
-- the disk; a database crash may lose the last fraction of a second of them.
SET LOCAL synchronous_commit = off
