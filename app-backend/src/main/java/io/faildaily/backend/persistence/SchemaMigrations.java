package io.faildaily.backend.persistence;

import io.faildaily.backend.persistence.original.OriginalSchemaAdoption;
import java.time.Clock;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The backend's schema: Flyway's migrations ({@code db/migration}: V1 and V2 as SQL, V3 on as resumable Java
 * migrations of the statements in {@code db/statements}), preceded, on a database the original
 * FailDaily backend made, by its adoption (which runs Flyway itself, to V2 and then on).
 */
final class SchemaMigrations implements OriginalSchemaAdoption.Migrations {
    private static final String LOCATION = "classpath:db/migration";
    /** The schema the adoption copies the original's data into: V1's tables, V2's badge catalogue. */
    private static final String ADOPTION_VERSION = "2";

    private final DataSource dataSource;
    private final OriginalSchemaAdoption adoption;

    SchemaMigrations(DataSource dataSource, OriginalSchemaAdoption.PrivateConnections connections, Clock clock) {
        this.dataSource = dataSource;
        this.adoption = new OriginalSchemaAdoption(connections, this, clock);
    }

    MigrateResult apply() {
        adoption.adoptIfOriginal();
        return migrate(flyway().load());
    }

    @Override
    public void toAdoptionVersion() {
        flyway().target(ADOPTION_VERSION)
                // The original tables (renamed original_…) are there, Flyway's history is not: a baseline below V1.
                .baselineOnMigrate(true).baselineVersion("0").baselineDescription("adopted original FailDaily schema")
                .load().migrate();
    }

    @Override
    public void toLatest() {
        migrate(flyway().load());
    }

    /**
     * Migrates; a migration recorded as failed (a start that failed part way) is first taken out of the history,
     * so that it runs again: V3 and later are resumable ({@link ResumableSqlMigration}).
     */
    private static MigrateResult migrate(Flyway flyway) {
        if (Arrays.stream(flyway.info().all()).anyMatch(m -> m.getState() == MigrationState.FAILED)) {
            flyway.repair();
        }
        return flyway.migrate();
    }

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(dataSource).locations(LOCATION);
    }
}
