package db.migration;

import io.faildaily.backend.persistence.ResumableSqlMigration;

/** The statements of db/statements/V3__list_indexes.sql, resumable (see ResumableSqlMigration). */
public final class V3__list_indexes extends ResumableSqlMigration {}
