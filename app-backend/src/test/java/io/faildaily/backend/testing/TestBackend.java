package io.faildaily.backend.testing;

import io.faildaily.backend.BackendApp;
import io.faildaily.backend.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend started in the test JVM against its own fresh database on a {@link MariaDbServer}, on a free
 * port, with temp upload/log directories and bcrypt cost 4 (cost 12 takes ~250 ms per hash).
 */
public final class TestBackend implements AutoCloseable {
    public static final String SECRET = "test-secret-that-is-long-enough-for-production-0123456789";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final BackendApp app;
    private final Path dir;
    private final String database;
    public final ApiClient api;

    private TestBackend(BackendApp app, Path dir, String database) {
        this.app = app;
        this.dir = dir;
        this.database = database;
        this.api = new ApiClient(app.port());
    }

    public static TestBackend start(MariaDbServer db) {
        return start(db, Map.of());
    }

    public static TestBackend start(MariaDbServer db, Map<String, String> overrides) {
        String name = newDatabaseName();
        db.createDatabase(name);
        return startOn(db, name, overrides);
    }

    /** A name for a database of this run that no other test uses. */
    public static String newDatabaseName() {
        return "faildaily_t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    }

    /** A backend on the existing database {@code name} (what it holds is what the backend starts on). */
    public static TestBackend startOn(MariaDbServer db, String name) {
        return startOn(db, name, Map.of());
    }

    /** A backend on the existing database {@code name}, with these variables over the test environment. */
    public static TestBackend startOn(MariaDbServer db, String name, Map<String, String> overrides) {
        return startOn(db, name, overrides, Clock.systemUTC());
    }

    /** A backend on a fresh database whose "now" is {@code clock} (e.g. a {@link SettableClock}). */
    public static TestBackend start(MariaDbServer db, Clock clock, Map<String, String> overrides) {
        String name = newDatabaseName();
        db.createDatabase(name);
        return startOn(db, name, overrides, clock);
    }

    private static TestBackend startOn(MariaDbServer db, String name, Map<String, String> overrides, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("faildaily-backend-test-");
            Map<String, String> env = new HashMap<>(environment(db, name, dir));
            env.putAll(overrides);
            return new TestBackend(BackendApp.start(AppConfig.from(env), clock), dir, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> environment(MariaDbServer db, String database, Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("NODE_ENV", "test");
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("DB_HOST", db.host());
        env.put("DB_PORT", Integer.toString(db.port()));
        env.put("DB_USER", db.user());
        env.put("DB_PASSWORD", db.password());
        env.put("DB_NAME", database);
        env.put("JWT_SECRET", SECRET);
        env.put("BCRYPT_ROUNDS", "4");
        env.put("RATE_LIMIT_MAX_REQUESTS", "0");
        env.put("UPLOAD_DIR", dir.resolve("uploads").toString());
        env.put("LOG_DIR", dir.resolve("logs").toString());
        env.put("DB_STARTUP_TIMEOUT", "10");
        return env;
    }

    public int port() {
        return app.port();
    }

    public BackendApp app() {
        return app;
    }

    public Path directory() {
        return dir;
    }

    public String databaseName() {
        return database;
    }

    @Override
    public void close() {
        app.close();
    }
}
