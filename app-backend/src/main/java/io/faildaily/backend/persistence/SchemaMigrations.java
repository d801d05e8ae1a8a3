package io.faildaily.backend.persistence;

import io.faildaily.backend.persistence.original.OriginalSchemaAdoption;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The backend's schema: Flyway's migrations ({@code db/migration}), preceded, on a database the original
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
        return flyway().load().migrate();
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
        flyway().load().migrate();
    }

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(dataSource).locations(LOCATION);
    }
}
