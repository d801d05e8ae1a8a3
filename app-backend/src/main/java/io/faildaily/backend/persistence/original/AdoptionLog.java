package io.faildaily.backend.persistence.original;

import io.faildaily.backend.persistence.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The adoption's progress, in the table {@code faildaily_adoption} (one row per finished step): what a backend
 * stopped part way finds on its next start, and afterwards the record of when and how the database was adopted.
 * Its first row is written before anything else changes, so its presence alone says an adoption has begun.
 */
final class AdoptionLog {
    static final String TABLE = "faildaily_adoption";

    /** The steps, in order; each is recorded once done. */
    enum Step {
        /** The adoption began; its time stands in for timestamps the original left empty. */
        STARTED,
        /** Triggers, views and foreign keys of the original tables dropped; the tables renamed original_…. */
        SET_ASIDE,
        /** Flyway's V1 and V2 applied beside them (its history starts with a baseline at version 0). */
        SCHEMA,
        /** The data copied into the V1 tables, in the same transaction as this row. */
        DATA,
        /** The later migrations applied, and what they make room for copied too; the adoption is over. */
        FINISHED
    }

    private AdoptionLog() {}

    /** Creates the table if missing and records STARTED at {@code now} unless it was already. */
    static void begin(Connection c, LocalDateTime now) throws SQLException {
        create(c);
        Jdbc.update(c, "INSERT IGNORE INTO " + TABLE + " (step, done_at) VALUES (?, ?)", Step.STARTED.name(), now);
    }

    /**
     * The table, empty if it was missing. MySQL commits a CREATE TABLE at once, so a start stopped right after it
     * leaves the table without its STARTED row: the adoption has then begun in name only (nothing else changed).
     */
    static void create(Connection c) throws SQLException {
        Jdbc.update(c, "CREATE TABLE IF NOT EXISTS " + TABLE + " (step VARCHAR(20) NOT NULL, done_at DATETIME(3) NOT NULL, "
                + "detail VARCHAR(2000) NULL, PRIMARY KEY (step)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
                + "COLLATE=utf8mb4_unicode_ci");
    }

    static boolean done(Connection c, Step step) throws SQLException {
        return doneAt(c, step).isPresent();
    }

    static Optional<LocalDateTime> doneAt(Connection c, Step step) throws SQLException {
        return Jdbc.queryOne(c, "SELECT done_at FROM " + TABLE + " WHERE step = ?",
                rs -> rs.getObject(1, LocalDateTime.class), step.name());
    }

    /** The time the adoption began: the same on every resumed attempt, so a re-run copies the same values. */
    static LocalDateTime startedAt(Connection c) throws SQLException {
        return doneAt(c, Step.STARTED).orElseThrow(() -> new IllegalStateException(TABLE + " has no STARTED row"));
    }

    static Optional<String> detail(Connection c, Step step) throws SQLException {
        return Jdbc.queryOne(c, "SELECT detail FROM " + TABLE + " WHERE step = ?", rs -> rs.getString(1), step.name());
    }

    static void record(Connection c, Step step, LocalDateTime now, String detail) throws SQLException {
        Jdbc.update(c, "INSERT INTO " + TABLE + " (step, done_at, detail) VALUES (?, ?, ?)", step.name(), now,
                detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
    }

    static boolean finished(Connection c) throws SQLException {
        return done(c, Step.FINISHED);
    }
}
