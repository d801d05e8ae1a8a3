package io.faildaily.backend.bench;

import io.faildaily.backend.BackendApp;
import io.faildaily.backend.config.AppConfig;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.TestBackend;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backend benchmark (a command, not a test): a private MariaDB, the backend in this JVM, 1,000 seeded fails,
 * then GET /api/fails?limit=20 and POST /api/fails at concurrency 16 for 20 s each, several runs, medians printed.
 *
 * <pre>mvn -B -pl app-backend -Pbench test-compile exec:java</pre>
 * Settings (system properties): bench.concurrency (16), bench.seconds (20), bench.warmup (5), bench.runs (3),
 * bench.seed (1000).
 */
public final class BackendBenchmark {
    private static final PrintStream REPORT = System.out;

    private BackendBenchmark() {}

    record Result(String name, long requests, long errors, double rps, double p50Ms, double p99Ms) {}

    public static void main(String[] args) throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 16);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 5);
        int runs = Integer.getInteger("bench.runs", 3);
        int seed = Integer.getInteger("bench.seed", 1000);
        // The backend writes one JSON line per request to stdout: keep the terminal for the report.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));

        try (MariaDbServer db = MariaDbServer.start()) {
            db.createDatabase("faildaily_bench");
            Path dir = Files.createTempDirectory("faildaily-bench-");
            Map<String, String> env = TestBackend.environment(db, "faildaily_bench", dir);
            env.put("BCRYPT_ROUNDS", "4"); // registration of the load users is not what is measured
            try (BackendApp app = BackendApp.start(AppConfig.from(env))) {
                ApiClient api = new ApiClient(app.port());
                List<Account> users = new ArrayList<>();
                for (int i = 0; i < concurrency; i++) {
                    users.add(Accounts.register(api, "bench" + i + "@example.test", "Bench " + i));
                }
                for (int i = 0; i < seed; i++) {
                    api.post("/api/fails", users.get(i % users.size()).token(), Accounts.fail("Seed fail " + i));
                }
                REPORT.printf("FailDaily backend benchmark: MariaDB %s, %d seeded fails, concurrency %d, %d s per run"
                        + " (+%d s warm-up), %d runs, %d cores%n", version(db), seed, concurrency, seconds, warmup, runs,
                        Runtime.getRuntime().availableProcessors());

                List<Result> lists = new ArrayList<>();
                List<Result> posts = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    load("warm-up", app.port(), users, warmup, false);
                    Result list = load("GET /api/fails?limit=20", app.port(), users, seconds, false);
                    Result post = load("POST /api/fails", app.port(), users, seconds, true);
                    lists.add(list);
                    posts.add(post);
                    REPORT.printf("run %d: %s%n       %s%n", run, line(list), line(post));
                }
                REPORT.println("median of " + runs + " runs:");
                REPORT.println("  " + line(median("GET /api/fails?limit=20", lists)));
                REPORT.println("  " + line(median("POST /api/fails", posts)));
            }
        }
        System.exit(0);
    }

    private static Result load(String name, int port, List<Account> users, int seconds, boolean post)
            throws InterruptedException {
        int threads = users.size();
        long[][] samples = new long[threads][];
        int[] counts = new int[threads];
        AtomicLong errors = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        long[] window = new long[2];
        for (int t = 0; t < threads; t++) {
            int id = t;
            String token = users.get(t).token();
            Thread worker = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                try (RawHttpClient client = new RawHttpClient("127.0.0.1", port)) {
                    start.await();
                    long end = window[1];
                    int i = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = post
                                    ? client.send("POST", "/api/fails", token, ("{\"title\":\"Bench fail " + id + "-" + i++
                                            + "\",\"description\":\"Measured\",\"category\":\"Bench\"}").getBytes(StandardCharsets.UTF_8))
                                    : client.send("GET", "/api/fails?limit=20", token, null);
                        } catch (java.io.IOException e) {
                            client.close();
                            status = -1;
                        }
                        long took = System.nanoTime() - t0;
                        if (status != (post ? 201 : 200)) {
                            errors.incrementAndGet();
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = took;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    samples[id] = mine;
                    counts[id] = n;
                    done.countDown();
                }
            }, "bench-" + t);
            worker.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + seconds * 1_000_000_000L;
        start.countDown();
        done.await();
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(samples[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        return new Result(name, total, errors.get(), total / elapsed, percentile(all, 0.50), percentile(all, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static Result median(String name, List<Result> runs) {
        double[] rps = runs.stream().mapToDouble(Result::rps).sorted().toArray();
        double[] p50 = runs.stream().mapToDouble(Result::p50Ms).sorted().toArray();
        double[] p99 = runs.stream().mapToDouble(Result::p99Ms).sorted().toArray();
        long errors = runs.stream().mapToLong(Result::errors).sum();
        long requests = runs.stream().mapToLong(Result::requests).sum();
        int m = rps.length / 2;
        return new Result(name, requests, errors, rps[m], p50[m], p99[m]);
    }

    private static String line(Result r) {
        return String.format("%-26s %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   (%d requests, %d errors)",
                r.name(), r.rps(), r.p50Ms(), r.p99Ms(), r.requests(), r.errors());
    }

    private static String version(MariaDbServer db) {
        try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(""), db.user(), db.password());
             var rs = c.createStatement().executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            return "?";
        }
    }
}
