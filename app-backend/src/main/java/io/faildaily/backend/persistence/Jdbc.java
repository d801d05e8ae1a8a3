package io.faildaily.backend.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The only way the backend talks SQL: always a {@link PreparedStatement} with bound parameters,
 * never a value concatenated into SQL text.
 */
public final class Jdbc {
    private static final int MAX_ATTEMPTS = 5;
    /** What runs once the transaction on a connection has ended (committed or rolled back). */
    private static final Map<Connection, List<Runnable>> AFTER_COMPLETION = new ConcurrentHashMap<>();

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} on an auto-commit connection. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * Runs {@code work} in one transaction. Deadlocks and lock wait time-outs are retried: InnoDB picks a
     * victim when concurrent writers collide, and retrying it is the documented remedy.
     */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                    List<Runnable> after = AFTER_COMPLETION.remove(c);
                    if (after != null) {
                        after.forEach(Runnable::run);
                    }
                }
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && isTransient(e)) {
                    continue;
                }
                throw new DataAccessException(e);
            }
        }
    }

    /**
     * Runs {@code action} when the transaction on {@code c} ends, committed or not; at once when {@code c} is not
     * in a transaction of {@link #inTransaction}.
     */
    public static void afterCompletion(Connection c, Runnable action) throws SQLException {
        if (c.getAutoCommit()) {
            action.run();
            return;
        }
        AFTER_COMPLETION.computeIfAbsent(c, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(action);
    }

    static boolean isTransient(SQLException e) {
        // 40001 = serialization failure / deadlock; 1213 = ER_LOCK_DEADLOCK; 1205 = lock wait timeout
        return "40001".equals(e.getSQLState()) || e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
    }

    public static boolean isDuplicateKey(SQLException e) {
        return e.getErrorCode() == 1062 || "23000".equals(e.getSQLState()) && e.getMessage().contains("Duplicate");
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        }
    }

    public static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
        }
    }

    public static long count(Connection c, String sql, Object... params) throws SQLException {
        return queryOne(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof LocalDateTime t) {
                // As text: mysql-connector-j drops the milliseconds of a LocalDateTime when the server is
                // MariaDB (it announces itself as "5.5.5-…"), and the feed order needs them.
                ps.setString(i + 1, Times.sql(t));
            } else {
                ps.setObject(i + 1, params[i]);
            }
        }
        return ps;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
