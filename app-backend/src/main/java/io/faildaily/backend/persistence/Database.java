package io.faildaily.backend.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.faildaily.backend.config.AppConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool, the schema migrations, and the "is the database there?" probe. */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** The driver's settings, for the pool's connections and the private ones alike. */
    private static final Properties DRIVER_PROPERTIES = driverProperties();

    private final HikariDataSource dataSource;
    private final SchemaMigrations migrations;
    private final ExecutorService probeExecutor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "db-probe");
        t.setDaemon(true);
        return t;
    });

    public Database(AppConfig config, MeterRegistry metrics) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("faildaily");
        hc.setJdbcUrl(config.jdbcUrl());
        hc.setUsername(config.dbUser());
        hc.setPassword(config.dbPassword());
        hc.setMaximumPoolSize(config.dbPoolSize());
        hc.setMinimumIdle(Math.min(2, config.dbPoolSize()));
        hc.setConnectionTimeout(5_000);
        hc.setValidationTimeout(2_000);
        // Start even while the database is down: readiness reports 503 until it is back.
        hc.setInitializationFailTimeout(-1);
        hc.setMetricRegistry(metrics);
        hc.setDataSourceProperties(DRIVER_PROPERTIES);
        this.dataSource = new HikariDataSource(hc);
        this.migrations = new SchemaMigrations(dataSource, () -> privateConnection(config), Clock.systemUTC());
    }

    private static Properties driverProperties() {
        Properties p = new Properties();
        // Times are written as UTC values by the application; keep the driver from shifting them.
        p.setProperty("connectionTimeZone", "UTC");
        p.setProperty("forceConnectionTimeZoneToSession", "true");
        p.setProperty("characterEncoding", "UTF-8");
        p.setProperty("connectTimeout", "5000");
        p.setProperty("socketTimeout", "30000");
        // Throughput settings of the MySQL driver (statement and metadata caches, fewer round trips).
        p.setProperty("useServerPrepStmts", "true");
        p.setProperty("cachePrepStmts", "true");
        p.setProperty("prepStmtCacheSize", "250");
        p.setProperty("prepStmtCacheSqlLimit", "4096");
        p.setProperty("useLocalSessionState", "true");
        p.setProperty("cacheResultSetMetadata", "true");
        p.setProperty("cacheServerConfiguration", "true");
        p.setProperty("elideSetAutoCommits", "true");
        p.setProperty("maintainTimeStats", "false");
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("sslMode", "PREFERRED");
        return p;
    }

    /**
     * A connection outside the pool, for the adoption of an original schema, which changes session settings
     * (time zone, SQL mode, foreign key checks) that must not reach the connections requests get.
     */
    private static Connection privateConnection(AppConfig config) throws SQLException {
        Properties p = new Properties();
        p.putAll(DRIVER_PROPERTIES);
        p.setProperty("user", config.dbUser());
        p.setProperty("password", config.dbPassword() == null ? "" : config.dbPassword());
        // A copy of a large installation takes longer than a request may.
        p.setProperty("socketTimeout", "0");
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /**
     * Applies the migrations (adopting an original FailDaily schema first, if that is what the database holds),
     * waiting up to {@code timeout} for the database to accept connections (in Kubernetes the backend often
     * starts before MySQL is ready).
     */
    public void migrate(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                var result = migrations.apply();
                LOG.info("Schema at version {} ({} migration(s) applied)", result.migrationsExecuted > 0
                        ? result.targetSchemaVersion : result.initialSchemaVersion, result.migrationsExecuted);
                return;
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(deadline) || !isConnectionProblem(e)) {
                    throw e;
                }
                LOG.warn("Database not reachable yet ({}); retrying", rootMessage(e));
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    /** True when a connection can be had and answers within {@code timeout}. Never blocks longer. */
    public boolean isReachable(Duration timeout) {
        Future<Boolean> probe = probeExecutor.submit(() -> {
            try (Connection c = dataSource.getConnection()) {
                boolean valid = c.isValid((int) Math.max(1, timeout.toSeconds()));
                if (!valid) {
                    // Hikari skips validation of a connection used in the last 500 ms; without the eviction a
                    // frequent probe would keep getting the same dead connection back, and stay "down" forever.
                    dataSource.evictConnection(c);
                }
                return valid;
            }
        });
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            probe.cancel(true);
            return false;
        }
    }

    private static boolean isConnectionProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException
                    || (t instanceof java.sql.SQLException s && s.getSQLState() != null
                        && s.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }

    @Override
    public void close() {
        probeExecutor.shutdownNow();
        dataSource.close();
    }
}
