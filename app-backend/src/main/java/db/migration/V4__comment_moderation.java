package db.migration;

import io.faildaily.backend.persistence.ResumableSqlMigration;

/** The statements of db/statements/V4__comment_moderation.sql, resumable (see ResumableSqlMigration). */
public final class V4__comment_moderation extends ResumableSqlMigration {}
