package io.faildaily.backend.persistence.original;

import io.faildaily.backend.persistence.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The original FailDaily schema (the Node backend's, as its docker-compose setup created it from SQL files) as
 * this backend recognises it in the database it connects to, and the catalogue queries the adoption needs.
 */
public final class OriginalSchema {
    /** Where the original tables go: the adoption renames {@code users} to {@code original_users}, and so on. */
    public static final String PREFIX = "original_";
    /** The original tables the adoption converts; without any of them there is nothing to adopt. */
    static final List<String> CORE = List.of("users", "profiles", "fails", "reactions", "comments",
            "badge_definitions", "user_badges");
    static final String HISTORY = "flyway_schema_history";

    /** Where a database stands with respect to the original schema. */
    public enum State {
        /** Not the original's (empty, this backend's, or something else): Flyway alone decides. */
        NOT_ORIGINAL,
        /** The original's tables as the Node backend left them, never adopted. */
        ORIGINAL,
        /** An adoption started and did not finish (the backend was stopped part way): it is resumed. */
        ADOPTING,
        /** Adopted: Flyway's history says the rest. */
        ADOPTED
    }

    private OriginalSchema() {}

    /**
     * Reads the state from the tables of the connection's database. The original's marker is its
     * {@code profiles} table, which has an {@code id} and a {@code username} (this backend's has neither).
     *
     * @throws AdoptionRefused when the database holds part of an original schema only (a restore that stopped)
     */
    public static State inspect(Connection c) throws SQLException {
        Set<String> tables = baseTables(c);
        if (tables.contains(AdoptionLog.TABLE)) {
            return AdoptionLog.finished(c) ? State.ADOPTED : State.ADOPTING;
        }
        if (tables.contains(HISTORY) || !tables.contains("profiles")) {
            return State.NOT_ORIGINAL;
        }
        Set<String> profileColumns = new TreeSet<>(Jdbc.query(c, "SELECT COLUMN_NAME AS name FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'profiles'",
                rs -> rs.getString(1)));
        if (!profileColumns.contains("id") || !profileColumns.contains("username")) {
            return State.NOT_ORIGINAL;
        }
        List<String> missing = CORE.stream().filter(t -> !tables.contains(t)).toList();
        if (!missing.isEmpty()) {
            throw new AdoptionRefused("the database holds part of an original FailDaily schema only (no table "
                    + String.join(", ", missing) + "): restore the whole backup again (spec.restore)");
        }
        return State.ORIGINAL;
    }

    /** The base tables (not views) of the connection's database, by name. */
    static Set<String> baseTables(Connection c) throws SQLException {
        return new LinkedHashSet<>(Jdbc.query(c, "SELECT TABLE_NAME AS name FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
                rs -> rs.getString(1)));
    }

    /** The columns of {@code table} in the connection's database. */
    static Set<String> columns(Connection c, String table) throws SQLException {
        return new TreeSet<>(Jdbc.query(c, "SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", rs -> rs.getString(1), table));
    }

    /**
     * An identifier as SQL text. DDL cannot bind names as parameters, so the names the adoption reads from the
     * server's catalogue (tables, triggers, constraints) are quoted instead, backticks doubled.
     */
    static String quoted(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
