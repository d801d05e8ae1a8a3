package db.migration;

import io.faildaily.backend.persistence.ResumableSqlMigration;

/** The statements of db/statements/V5__password_reset_tokens.sql, resumable (see ResumableSqlMigration). */
public final class V5__password_reset_tokens extends ResumableSqlMigration {}
