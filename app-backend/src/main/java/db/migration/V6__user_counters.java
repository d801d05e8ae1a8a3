package db.migration;

import io.faildaily.backend.persistence.ResumableSqlMigration;

/** The statements of db/statements/V6__user_counters.sql, resumable (see ResumableSqlMigration). */
public final class V6__user_counters extends ResumableSqlMigration {}
