-- The staff's user list (E12) pages newest account first: walked on this index, not sorted.
ALTER TABLE users ADD INDEX idx_users_created (created_at, id);
