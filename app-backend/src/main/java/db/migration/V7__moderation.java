package db.migration;

import io.faildaily.backend.persistence.ResumableSqlMigration;

/** The statements of db/statements/V7__moderation.sql, resumable (see ResumableSqlMigration). */
public final class V7__moderation extends ResumableSqlMigration {}
