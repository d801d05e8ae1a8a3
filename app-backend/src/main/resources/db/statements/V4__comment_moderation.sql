-- A moderation status per comment, as the original kept one (its comment_moderation table): NULL = never
-- moderated; 'under_review', 'hidden' and 'rejected' comments are left out of a fail's comment list (the
-- original showed only unmoderated and 'approved' ones). An adopted original database gets its statuses
-- copied in here once this has run (persistence/original/OriginalDataCopy.runAfterLatest).
ALTER TABLE comments ADD COLUMN moderation_status VARCHAR(20) NULL AFTER is_encouragement;
-- The page walk of a fail's comments filters on the status: carried in the index, so the walk reads no row.
ALTER TABLE comments DROP INDEX idx_comments_fail_page,
  ADD INDEX idx_comments_fail_page (fail_id, created_at, id, moderation_status);
