package db.migration;

import io.faildaily.backend.persistence.ResumableSqlMigration;

/** The statements of db/statements/V8__staff_indexes.sql, resumable (see ResumableSqlMigration). */
public final class V8__staff_indexes extends ResumableSqlMigration {}
