package db.migration;

import io.faildaily.backend.persistence.ResumableSqlMigration;

/** The statements of db/statements/V9__original_badges.sql, resumable (see ResumableSqlMigration). */
public final class V9__original_badges extends ResumableSqlMigration {}
