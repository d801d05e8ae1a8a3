package io.faildaily.backend.persistence.original;

import static io.faildaily.backend.persistence.original.OriginalSchema.PREFIX;
import static io.faildaily.backend.persistence.original.OriginalSchema.quoted;

import io.faildaily.backend.persistence.DataAccessException;
import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.Times;
import io.faildaily.backend.persistence.original.AdoptionLog.Step;
import io.faildaily.backend.persistence.original.OriginalSchema.State;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adopts, in place, a database the original FailDaily backend made (restored from its docker-compose backup):
 * converts it to exactly the schema Flyway's V1 and V2 make, with the original's data in it, so that V3 and
 * later apply on top as on any database of this backend. Steps, each recorded in {@link AdoptionLog} once done:
 * <ol>
 *   <li>check that every value fits ({@link AdoptionPreflight}; a refusal changes nothing);</li>
 *   <li>set the original tables aside: drop their triggers, views and foreign keys (the Node backend's logic,
 *       which would fire into the new tables, and constraint names V1 reuses), and rename every table
 *       {@code original_<name>};</li>
 *   <li>let Flyway make V1 and V2 beside them (its history starts with a baseline at version 0);</li>
 *   <li>copy the data ({@link OriginalDataCopy}) in one transaction, which also records the step;</li>
 *   <li>let Flyway apply the later migrations, copy what they made room for (comments' moderation), done.</li>
 * </ol>
 * <b>The safety copy is the original tables themselves.</b> The backend has no mysqldump, and its database
 * user may create nothing outside its own database, so a dump or a second schema is out of reach; copying
 * every table would double the data. Renaming instead keeps every original table whole and untouched (its
 * rows, columns and indexes; its triggers, views and foreign keys are in the backup file), costs no time or
 * space, and the copy reads from them. They stay until someone drops them (README: "Migrating from
 * docker-compose"), beside the restore Job's pre-restore dump and the backup file itself.
 * <p>
 * A start killed part way resumes: set-aside is re-entrant (each part looks at what is left to do), a schema
 * step cut off is redone from scratch (the tables it made are dropped first: nothing is in them yet), and the
 * data copy is one InnoDB transaction with its own record, so it landed whole or not at all.
 * Two pods starting together take turns on a named lock, held by this connection (released if it dies).
 */
public final class OriginalSchemaAdoption {
    private static final Logger LOG = LoggerFactory.getLogger(OriginalSchemaAdoption.class);
    private static final String LOCK = "faildaily.original-schema-adoption";
    private static final int LOCK_WAIT_SECONDS = 30;

    /** Flyway with the backend's migrations, up to a version. */
    public interface Migrations {
        /** V1 and V2 on a database that holds tables but no Flyway history (a baseline at version 0 first). */
        void toAdoptionVersion();

        void toLatest();
    }

    /** A connection of the adoption's own: it changes session settings, so it must not come from the pool. */
    @FunctionalInterface
    public interface PrivateConnections {
        Connection open() throws SQLException;
    }

    private final PrivateConnections connections;
    private final Migrations migrations;
    private final Clock clock;

    public OriginalSchemaAdoption(PrivateConnections connections, Migrations migrations, Clock clock) {
        this.connections = connections;
        this.migrations = migrations;
        this.clock = clock;
    }

    /** Adopts the database if it holds the original schema, or resumes an adoption; false if there is none. */
    public boolean adoptIfOriginal() {
        try (Connection c = connections.open()) {
            if (!pending(OriginalSchema.inspect(c))) {
                return false;
            }
            lock(c);
            try {
                State state = OriginalSchema.inspect(c); // again: another pod may have adopted it meanwhile
                if (!pending(state)) {
                    return false;
                }
                adopt(c, state);
                return true;
            } finally {
                Jdbc.queryOne(c, "SELECT RELEASE_LOCK(?)", rs -> rs.getObject(1), LOCK);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Takes the named lock, waiting as long as another backend holds it (it is freed when that one dies). */
    private static void lock(Connection c) throws SQLException {
        while (true) {
            Number got = Jdbc.queryOne(c, "SELECT GET_LOCK(?, ?)", rs -> (Number) rs.getObject(1), LOCK,
                    LOCK_WAIT_SECONDS).orElseThrow(() -> new SQLException("GET_LOCK(" + LOCK + ") failed"));
            if (got.intValue() == 1) {
                return;
            }
            LOG.info("Another backend is adopting the original FailDaily schema: waiting for it");
        }
    }

    private static boolean pending(State state) {
        return state == State.ORIGINAL || state == State.ADOPTING;
    }

    private void adopt(Connection c, State state) throws SQLException {
        // UTC, as the original's dump was written and as this backend stores times; strict, so a value that
        // does not fit stops the copy instead of being cut.
        Jdbc.update(c, "SET time_zone = '+00:00'");
        Jdbc.update(c, "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
        // Without its STARTED row the log was made by a start stopped right after creating it: nothing else
        // changed, so the adoption begins as on an original database (resuming would find no start time).
        if (state == State.ORIGINAL || !AdoptionLog.done(c, Step.STARTED)) {
            LOG.info("The database holds the original FailDaily schema: adopting it (its tables are kept, renamed {}…)",
                    PREFIX);
            AdoptionPreflight.check(c, OriginalSchema.baseTables(c));
            AdoptionLog.begin(c, Times.now(clock));
        } else {
            LOG.warn("An adoption of the original FailDaily schema did not finish: resuming it");
        }
        run(c, Step.SET_ASIDE, () -> setAside(c));
        run(c, Step.SCHEMA, () -> {
            dropWhatAnUnfinishedSchemaStepMade(c);
            migrations.toAdoptionVersion();
        });
        if (!AdoptionLog.done(c, Step.DATA)) {
            copyData(c);
        }
        migrations.toLatest();
        run(c, Step.FINISHED, () -> OriginalDataCopy.runAfterLatest(c, originals(c)));
        LOG.info("The original FailDaily schema is adopted: {}", AdoptionLog.detail(c, Step.DATA).orElse(""));
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void run(Connection c, Step step, Work work) throws SQLException {
        if (AdoptionLog.done(c, step)) {
            return;
        }
        try {
            work.run();
        } catch (SQLException | RuntimeException e) {
            throw failed(step, e);
        }
        AdoptionLog.record(c, step, Times.now(clock), null);
    }

    /** Triggers, views and foreign keys dropped, then every table renamed at once (RENAME TABLE is atomic). */
    private static void setAside(Connection c) throws SQLException {
        for (String trigger : Jdbc.query(c, "SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS "
                + "WHERE TRIGGER_SCHEMA = DATABASE()", rs -> rs.getString(1))) {
            Jdbc.update(c, "DROP TRIGGER IF EXISTS " + quoted(trigger));
        }
        for (String view : Jdbc.query(c, "SELECT TABLE_NAME AS name FROM information_schema.VIEWS "
                + "WHERE TABLE_SCHEMA = DATABASE()", rs -> rs.getString(1))) {
            Jdbc.update(c, "DROP VIEW IF EXISTS " + quoted(view));
        }
        for (String[] key : Jdbc.query(c, "SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS k FROM "
                + "information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            Jdbc.update(c, "ALTER TABLE " + quoted(key[0]) + " DROP FOREIGN KEY " + quoted(key[1]));
        }
        List<String> tables = notSetAside(c);
        if (!tables.isEmpty()) {
            Jdbc.update(c, "RENAME TABLE " + tables.stream().map(t -> quoted(t) + " TO " + quoted(PREFIX + t))
                    .collect(Collectors.joining(", ")));
        }
    }

    /** A schema step cut off left some of V1's tables (MySQL commits each CREATE TABLE): empty, dropped. */
    private static void dropWhatAnUnfinishedSchemaStepMade(Connection c) throws SQLException {
        List<String> tables = notSetAside(c);
        if (tables.isEmpty()) {
            return;
        }
        LOG.warn("Dropping what an unfinished schema step made, to make it again: {}", tables);
        Jdbc.update(c, "SET FOREIGN_KEY_CHECKS = 0");
        try {
            Jdbc.update(c, "DROP TABLE IF EXISTS " + tables.stream().map(OriginalSchema::quoted)
                    .collect(Collectors.joining(", ")));
        } finally {
            Jdbc.update(c, "SET FOREIGN_KEY_CHECKS = 1");
        }
    }

    /** The tables that are neither an original one set aside nor the adoption's record. */
    private static List<String> notSetAside(Connection c) throws SQLException {
        return OriginalSchema.baseTables(c).stream()
                .filter(t -> !t.startsWith(PREFIX) && !t.equals(AdoptionLog.TABLE)).toList();
    }

    /** The original tables set aside, by their original names. */
    private static Set<String> originals(Connection c) throws SQLException {
        return OriginalSchema.baseTables(c).stream().filter(t -> t.startsWith(PREFIX))
                .map(t -> t.substring(PREFIX.length())).collect(Collectors.toSet());
    }

    private void copyData(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try {
            String detail = OriginalDataCopy.run(c, originals(c), AdoptionLog.startedAt(c));
            AdoptionLog.record(c, Step.DATA, Times.now(clock), detail);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw failed(Step.DATA, e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static RuntimeException failed(Step step, Exception e) {
        if (e instanceof AdoptionRefused refused) {
            return refused;
        }
        return new IllegalStateException("adopting the original FailDaily schema stopped in step " + step
                + " (the next start resumes from there): " + e.getMessage(), e);
    }
}
