package io.faildaily.backend.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, throw-away MariaDB server for tests: its own data directory in a temp dir, its own free port on
 * 127.0.0.1, root with an empty password, no binary log. Uses the Debian `mariadb-server` binaries
 * (mariadb-install-db, mariadbd), always with --no-defaults so no system my.cnf leaks in.
 *
 * <pre>
 * try (MariaDbServer db = MariaDbServer.start()) {
 *     db.createDatabase("app");
 *     String url = db.jdbcUrl("app");        // jdbc:mysql://127.0.0.1:PORT/app
 * }                                          // server stopped, data directory deleted
 * </pre>
 *
 * {@link #stop()} stops the server but keeps the data (to test "database unreachable"); {@link #restart()}
 * brings it back on the same port; {@link #close()} stops it and deletes everything.
 */
public final class MariaDbServer implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path baseDir;
    private final Path dataDir;
    private final int port;
    /** The server's settings from this file instead of the test defaults, or null. */
    private final Path defaultsFile;
    private Process process;

    private MariaDbServer(Path baseDir, Path dataDir, int port, Path defaultsFile) {
        this.baseDir = baseDir;
        this.dataDir = dataDir;
        this.port = port;
        this.defaultsFile = defaultsFile;
    }

    /** Initialises a fresh data directory and starts a server on a free port. */
    public static MariaDbServer start() {
        return start(null, null);
    }

    /**
     * Initialises {@code dataDir} (created if missing; the caller owns it and deletes it) and starts a server on
     * a free port; socket, pid file and logs stay in a temp dir of the server's own. Null: a data directory in
     * that temp dir.
     */
    public static MariaDbServer start(Path dataDir) {
        return start(dataDir, null);
    }

    /**
     * Like {@link #start()}, but the server reads its settings from {@code defaultsFile} (a my.cnf) and from no
     * other file ({@code --defaults-file}), and the test defaults that a my.cnf sets (buffer pool, connections,
     * character set) are left to it. A file mysqld refuses makes this throw, with the server's log.
     */
    public static MariaDbServer startWithDefaultsFile(Path defaultsFile) {
        return start(null, defaultsFile);
    }

    /** Both: the data in {@code dataDir} (or the server's temp dir), the settings from {@code defaultsFile} (or the tests'). */
    public static MariaDbServer start(Path dataDir, Path defaultsFile) {
        try {
            Path base = Files.createTempDirectory("mariadb-test-");
            MariaDbServer server = new MariaDbServer(base, dataDir == null ? base.resolve("data") : dataDir, freePort(),
                    defaultsFile == null ? null : defaultsFile.toAbsolutePath());
            try {
                server.install();
                server.launch();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a MariaDB data directory", e);
        }
    }

    /** The data directory the server runs on. */
    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    /** The server's process (the benchmark reads its CPU time). */
    public ProcessHandle process() {
        if (process == null) {
            throw new IllegalStateException("the server is not running");
        }
        return process.toHandle();
    }

    public String host() {
        return "127.0.0.1";
    }

    public String user() {
        return "root";
    }

    public String password() {
        return "";
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates {@code name} (utf8mb4) if missing; {@code name} must be a plain identifier. */
    public void createDatabase(String name) {
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    /** Runs one statement as root, outside any database. */
    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), user(), password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on the test server: " + sql, e);
        }
    }

    /** Stops the server process; the data directory stays, so {@link #restart()} brings the same data back. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: mariadbd shuts down cleanly
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    public void restart() {
        stop();
        launch();
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
        deleteRecursively(baseDir);
    }

    private void install() throws IOException {
        Files.createDirectories(dataDir);
        run(List.of(binary("mariadb-install-db"), "--no-defaults", "--user=" + System.getProperty("user.name"),
                "--auth-root-authentication-method=normal", "--skip-test-db", "--datadir=" + dataDir),
                baseDir.resolve("install.log"));
    }

    private Path tmpDir() {
        Path dir = baseDir.resolve("tmp");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        // --no-defaults or --defaults-file must come first; either way no system my.cnf leaks in.
        List<String> cmd = new ArrayList<>(List.of(binary("mariadbd"),
                defaultsFile == null ? "--no-defaults" : "--defaults-file=" + defaultsFile,
                "--user=" + System.getProperty("user.name"),
                "--datadir=" + dataDir,
                "--socket=" + baseDir.resolve("s.sock"),
                "--pid-file=" + baseDir.resolve("mariadbd.pid"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-log-bin",
                // Its own temporary folder: the shared /tmp is cleaned by other processes on a busy machine, and a
                // temporary table's file removed under the server fails the query (seen as Errcode 2 in CI).
                "--tmpdir=" + tmpDir(),
                "--innodb-log-file-size=32M",
                // Test data is disposable: skip the fsync per commit so suites stay fast.
                "--innodb-flush-log-at-trx-commit=2"));
        if (defaultsFile == null) {
            cmd.addAll(List.of("--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                    "--innodb-buffer-pool-size=64M", "--max-connections=300"));
        }
        try {
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("mariadbd.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start mariadbd (is Debian's mariadb-server installed?)", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited early:\n" + tail(baseDir.resolve("mariadbd.log")));
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl(""), user(), password())) {
                if (c.isValid(1)) {
                    return;
                }
            } catch (SQLException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("mariadbd not ready after " + READY_TIMEOUT + ":\n"
                + tail(baseDir.resolve("mariadbd.log")));
    }

    /** The binary from PATH, or from /usr/sbin and /usr/bin where Debian puts them. */
    private static String binary(String name) {
        for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return name;
    }

    private static void run(List<String> cmd, Path log) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + tail(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + " (is Debian's mariadb-server installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** True when something accepts TCP connections on {@code port} of 127.0.0.1. */
    static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp dir
        }
    }
}
