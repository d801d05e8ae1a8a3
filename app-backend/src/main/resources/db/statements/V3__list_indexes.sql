-- Indexes that let every list route read O(offset + limit) rows whatever the table size and the number of
-- authors (issue 14). Each list is read in two statements: the page's ids from a walk of one of these indexes,
-- which holds every column the walk filters and orders on ("Using index": no row is read, no sort, no
-- temporary table), then the rows by primary key. Runs on MySQL 8.0 and MariaDB 10.11, on a database made by
-- V1 + V2 whatever its rows (adopted installations are not empty): only ADD and DROP INDEX. Each index is
-- added before the one it replaces is dropped, so a foreign key always has an index to use.

-- The feed: newest first, hidden/rejected fails skipped inside the index.
ALTER TABLE fails ADD INDEX idx_fails_feed_page (created_at, id, moderation_status);
ALTER TABLE fails DROP INDEX idx_fails_feed;

-- A user's fails: newest first, with what the walk filters on (visibility; anonymity for other viewers).
-- Also the index fk_fails_user uses from now on.
ALTER TABLE fails ADD INDEX idx_fails_user_page (user_id, created_at, id, is_anonyme, moderation_status);
ALTER TABLE fails DROP INDEX idx_fails_user;

-- Comments of a fail, oldest first: the id as the tie-breaker, named rather than left to InnoDB's implicit
-- primary-key suffix, so the order does not depend on an optimizer switch (extended keys).
ALTER TABLE comments ADD INDEX idx_comments_fail_page (fail_id, created_at, id);
ALTER TABLE comments DROP INDEX idx_comments_fail;

-- Reactions of a fail, newest first (uk_reactions_fail_user orders by user, which made every list a sort).
ALTER TABLE reactions ADD INDEX idx_reactions_fail_page (fail_id, created_at, id);
