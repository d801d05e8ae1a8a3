package io.faildaily.backend.bench;

import io.faildaily.backend.BackendApp;
import io.faildaily.backend.config.AppConfig;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient;
import io.faildaily.backend.testing.FeedSeed;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.ServerCounters;
import io.faildaily.backend.testing.TestBackend;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The backend benchmark (a command, not a test). For each number of authors (1, 1,000) a private MariaDB database
 * grows through 1,000, 10,000 and 100,000 seeded fails (bulk INSERT ... SELECT, every 10th hidden, every 7th
 * anonymous; one fail with 1,000 comments and 1,000 reactions); at each size every route is loaded by Debian's
 * wrk, an external process (2 threads, 16 keep-alive connections, 16 users' bearer tokens, a Lua script), for
 * 20 s after a warm-up (and, at the first size, after a warm-up of every route), several runs; the medians of requests/s, p50 and p99 are printed with the ratio to the
 * 1,000-fail case, and one request's database cost (rows read, from the server's counters). Fails posted by the
 * benchmark are deleted after each size, so the next size is what it says.
 *
 * <pre>./app-backend/bench.sh [-Dbench.runs=1 -Dbench.seconds=5 ...]</pre>
 * Settings (system properties): bench.sizes (1000,10000,100000), bench.authors (1,1000), bench.seconds (20),
 * bench.warmup (5, before each route's runs), bench.jitWarmup (20, each route once at the first size),
 * bench.runs (3), bench.threads (2), bench.connections (16), bench.routes (all; a comma list of substrings of
 * route names, e.g. "GET /api/fails?,POST").
 */
public final class BackendBenchmark {
    private static final PrintStream REPORT = System.out;
    private static final int LOAD_USERS = 16;
    private static final int READERS = 1_000;
    /** Fails the single-fail routes (read, react) spread over: the newest visible ones. */
    private static final int TARGET_FAILS = 1_000;
    private static final String POSTED_TITLE = "Bench post";

    private BackendBenchmark() {}

    record Route(String name, String method, List<String> paths, String body, int okStatus) {}

    /** One route at one size: wrk's medians, one request's rows read, CPU milliseconds per request (median run). */
    record Measured(Wrk.Result median, long rowsRead, double backendCpuMs, double databaseCpuMs) {}

    /** One wrk run and the CPU the backend's JVM and mariadbd spent per request during it. */
    record Run(Wrk.Result result, double backendCpuMs, double databaseCpuMs) {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = ints(System.getProperty("bench.sizes", "1000,10000,100000"));
        List<Integer> authorCounts = ints(System.getProperty("bench.authors", "1,1000"));
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 5);
        int jitWarmup = Integer.getInteger("bench.jitWarmup", 20);
        int runs = Integer.getInteger("bench.runs", 3);
        Wrk wrk = new Wrk(Integer.getInteger("bench.threads", 2), Integer.getInteger("bench.connections", 16));
        List<String> routeFilter = Arrays.stream(System.getProperty("bench.routes", "").split(","))
                .filter(s -> !s.isBlank()).toList();
        // The backend writes one JSON line per request to stdout: keep the terminal for the report.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));

        try (MariaDbServer db = MariaDbServer.start()) {
            REPORT.printf("FailDaily backend benchmark: MariaDB %s, %d cores, wrk -t%s -c%s, %d s per run after a %d s "
                    + "warm-up, median of %d runs; load average at start %s%n", version(db),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("bench.threads", "2"),
                    System.getProperty("bench.connections", "16"), seconds, warmup, runs, loadAverage());
            Map<String, Map<Integer, Measured>> all = new LinkedHashMap<>();
            for (int authors : authorCounts) {
                String database = "faildaily_bench_" + authors;
                db.createDatabase(database);
                Path dir = Files.createTempDirectory("faildaily-bench-");
                Map<String, String> env = TestBackend.environment(db, database, dir);
                try (BackendApp app = BackendApp.start(AppConfig.from(env));
                     Connection root = DriverManager.getConnection(db.jdbcUrl(database), db.user(), db.password())) {
                    ApiClient api = new ApiClient(app.port());
                    List<Account> users = new ArrayList<>();
                    for (int i = 0; i < LOAD_USERS; i++) {
                        users.add(Accounts.register(api, "bench" + i + "@example.test", "Bench " + i));
                    }
                    List<String> tokens = users.stream().map(Account::token).toList();
                    Account author = users.get(0);
                    FeedSeed.users(root, FeedSeed.AUTHORS, 1, authors);
                    FeedSeed.users(root, FeedSeed.READERS, 0, READERS);
                    ServerCounters counters = new ServerCounters(root);
                    int seeded = 0;
                    String discussed = null;
                    for (int size : sizes) {
                        FeedSeed.fails(root, seeded, size, author.id(), authors);
                        seeded = size;
                        if (discussed == null) {
                            discussed = FeedSeed.newestVisibleFail(root);
                            FeedSeed.comments(root, discussed, 1_000, READERS);
                            FeedSeed.reactions(root, discussed, READERS);
                        }
                        FeedSeed.analyze(root);
                        List<String> targets = newestVisible(root, TARGET_FAILS);
                        List<Route> selected = routes(author, discussed, targets).stream().filter(route ->
                                routeFilter.isEmpty() || routeFilter.stream().anyMatch(route.name()::contains)).toList();
                        String url = "http://127.0.0.1:" + app.port();
                        if (size == sizes.get(0)) {
                            // The JVM's first minutes: every route loaded for a while before anything is measured, so
                            // the first size is not measured on half-compiled code (seen: 10 s per route left the
                            // first route measured 30% below the second, on 2 cores shared with wrk and mariadbd).
                            for (Route route : selected) {
                                wrk.run(url, WrkScript.of(route.method(), route.paths(), tokens, route.body()), jitWarmup);
                            }
                        }
                        for (Route route : selected) {
                            String key = String.format("%,d author%s | %s", authors, authors == 1 ? "" : "s", route.name());
                            long rows = rowsRead(counters, api, route, tokens.get(1));
                            String script = WrkScript.of(route.method(), route.paths(), tokens, route.body());
                            wrk.run(url, script, warmup);
                            List<Run> results = new ArrayList<>();
                            for (int run = 0; run < runs; run++) {
                                results.add(measuredRun(wrk, url, script, seconds, db.process()));
                            }
                            Measured m = measured(results, rows);
                            all.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(size, m);
                            Measured base = all.get(key).get(sizes.get(0));
                            REPORT.printf("%-55s %,8d fails %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  x%.2f  %,6d rows/req"
                                    + "  CPU/req backend %.2f ms, MariaDB %.2f ms  %d errors  (load %s)%n", key, size,
                                    m.median().rps(), m.median().p50Ms(), m.median().p99Ms(),
                                    m.median().rps() / base.median().rps(), rows, m.backendCpuMs(), m.databaseCpuMs(),
                                    m.median().errors(), loadAverage());
                        }
                        deletePosted(root);
                    }
                }
            }
            summary(all, sizes);
        }
        System.exit(0);
    }

    private static List<Route> routes(Account author, String discussed, List<String> targets) {
        List<String> one = targets.stream().map(id -> "/api/fails/" + id).toList();
        List<String> react = targets.stream().map(id -> "/api/fails/" + id + "/reactions").toList();
        return List.of(
                new Route("GET /api/fails?limit=20", "GET", List.of("/api/fails?limit=20"), null, 200),
                new Route("GET /api/fails?limit=20&offset=200", "GET", List.of("/api/fails?limit=20&offset=200"), null, 200),
                new Route("GET /api/users/{id}/fails?limit=20", "GET",
                        List.of("/api/users/" + author.id() + "/fails?limit=20"), null, 200),
                new Route("GET /api/fails/{id}/comments?limit=20", "GET",
                        List.of("/api/fails/" + discussed + "/comments?limit=20"), null, 200),
                new Route("GET /api/fails/{id}/reactions", "GET", List.of("/api/fails/" + discussed + "/reactions"), null, 200),
                new Route("GET /api/fails/{id}", "GET", one, null, 200),
                new Route("GET /api/auth/profile", "GET", List.of("/api/auth/profile"), null, 200),
                new Route("POST /api/fails", "POST", List.of("/api/fails"),
                        "{\"title\":\"" + POSTED_TITLE + "\",\"description\":\"Measured\",\"category\":\"Bench\"}", 201),
                // Each user toggles: one request adds a reaction, the next of that user on that fail removes it.
                new Route("POST /api/fails/{id}/reactions", "POST", react, "{\"reactionType\":\"courage\"}", 200));
    }

    /** One request's database cost, from the server's counters (nothing else runs now). */
    private static long rowsRead(ServerCounters counters, ApiClient api, Route route, String token) throws Exception {
        return counters.measure(() -> {
            ApiClient.Response r = "GET".equals(route.method()) ? api.get(route.paths().get(0), token)
                    : api.post(route.paths().get(0), token, new com.fasterxml.jackson.databind.ObjectMapper()
                            .readValue(route.body(), Map.class));
            if (r.status() != route.okStatus()) {
                throw new IllegalStateException(route.name() + " answered " + r.status() + ": " + r.body());
            }
        }).rowsRead();
    }

    private static List<String> newestVisible(Connection c, int n) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (var st = c.prepareStatement("SELECT id FROM fails WHERE moderation_status IS NULL "
                + "ORDER BY created_at DESC, id DESC LIMIT ?")) {
            st.setInt(1, n);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static void deletePosted(Connection c) throws SQLException {
        try (var st = c.prepareStatement("DELETE FROM fails WHERE title = ?")) {
            st.setString(1, POSTED_TITLE);
            st.executeUpdate();
        }
    }

    private static Run measuredRun(Wrk wrk, String url, String script, int seconds, ProcessHandle database)
            throws Exception {
        long backendBefore = cpuNanos(ProcessHandle.current());
        long databaseBefore = cpuNanos(database);
        Wrk.Result r = wrk.run(url, script, seconds);
        double requests = Math.max(1, r.requests());
        return new Run(r, (cpuNanos(ProcessHandle.current()) - backendBefore) / 1e6 / requests,
                (cpuNanos(database) - databaseBefore) / 1e6 / requests);
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** Each figure's median over the runs; requests and errors summed. */
    private static Measured measured(List<Run> runs, long rowsRead) {
        return new Measured(new Wrk.Result(median(runs, r -> r.result().rps()), median(runs, r -> r.result().p50Ms()),
                median(runs, r -> r.result().p99Ms()), runs.stream().mapToLong(r -> r.result().requests()).sum(),
                runs.stream().mapToLong(r -> r.result().errors()).sum()), rowsRead,
                median(runs, Run::backendCpuMs), median(runs, Run::databaseCpuMs));
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
        return runs.stream().mapToDouble(figure).sorted().toArray()[runs.size() / 2];
    }

    /** The whole run as one Markdown table (what the README shows). */
    private static void summary(Map<String, Map<Integer, Measured>> all, List<Integer> sizes) {
        REPORT.println();
        REPORT.println("| authors | route | " + sizes.stream().map(s -> String.format("%,d fails", s))
                .collect(Collectors.joining(" | ")) + " | " + String.format("%,d/%,d", sizes.get(sizes.size() - 1),
                sizes.get(0)) + " |");
        REPORT.println("|---|---|" + "---|".repeat(sizes.size()) + "---|");
        all.forEach((key, bySize) -> {
            String[] parts = key.split(" \\| ", 2);
            StringBuilder row = new StringBuilder("| " + parts[0] + " | `" + parts[1] + "` |");
            for (int size : sizes) {
                Measured m = bySize.get(size);
                row.append(m == null ? " – |" : String.format(" %,.0f/s, p50 %.1f, p99 %.1f ms |", m.median().rps(),
                        m.median().p50Ms(), m.median().p99Ms()));
            }
            Measured first = bySize.get(sizes.get(0));
            Measured last = bySize.get(sizes.get(sizes.size() - 1));
            row.append(first == null || last == null ? " – |" : String.format(" %.2f |", last.median().rps()
                    / first.median().rps()));
            REPORT.println(row);
        });
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static String version(MariaDbServer db) {
        try (var c = DriverManager.getConnection(db.jdbcUrl(""), db.user(), db.password());
             var rs = c.createStatement().executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }
}
