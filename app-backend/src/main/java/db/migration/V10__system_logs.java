package db.migration;

import io.faildaily.backend.persistence.ResumableSqlMigration;

/** The statements of db/statements/V10__system_logs.sql, resumable (see ResumableSqlMigration). */
public final class V10__system_logs extends ResumableSqlMigration {}
