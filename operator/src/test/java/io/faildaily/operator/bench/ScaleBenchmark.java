package io.faildaily.operator.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import ch.qos.logback.classic.LoggerContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.faildaily.operator.api.ConditionTypes;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.model.RandomStrings;
import io.faildaily.operator.model.Topology;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.runtime.OperatorSettings;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.Kubelet;
import io.faildaily.operator.testing.MockCluster;
import org.slf4j.LoggerFactory;

/**
 * The scale benchmark (a command, not a test): N default FailDaily objects on the mock API server with the
 * kubelet fixture, the operator in this JVM. For each N it prints the time until every FailDaily is Ready,
 * the operator's API writes per FailDaily until then (next to what the code says they should be), the
 * writes during an idle minute, the writes of a new operator started on the same server, and the heap.
 *
 * <pre>scripts/bench-operator.sh [SIZES] [RUNS] [key=value ...]</pre>
 * SIZES defaults to 100,500,1000 and RUNS to 3. Options: idle=60 (seconds of idle counted), threads=10
 * (reconcile threads, the chart's default), kubelet=250 (ms between the kubelet's looks), large=500 and
 * largeRuns=1 (sizes from {@code large} up run {@code largeRuns} times: on 2 cores one run at 500 takes two to
 * three minutes, most of it in the mock API server, which scans every stored object on every request),
 * warmup=50 (FailDailies of an
 * unreported first run that warms the JIT; 0 for none), timeout=900 (seconds until a run gives up), log=ERROR
 * (level of the operator's, JOSDK's and fabric8's logs).
 */
public final class ScaleBenchmark {
    private static final PrintStream OUT = System.out;
    private static final String NS = "bench";
    /** The first status, then one patch per component becoming ready (the frontend's also makes Ready true). */
    static final List<String> READINESS_TRANSITIONS =
            List.of(ConditionTypes.DATABASE_READY, ConditionTypes.BACKEND_READY, ConditionTypes.FRONTEND_READY);

    private ScaleBenchmark() {}

    /**
     * Used heap after GC: before the run's mock API server started ({@code jvm}: classes' statics and what
     * earlier runs in this JVM left behind), before the second operator started, while it runs, after it stopped.
     */
    record Heap(long jvm, long before, long withOperator, long withoutOperator) {
        long mock() {
            return withoutOperator - jvm;
        }

        long operator() {
            return withOperator - withoutOperator;
        }
    }

    record Run(int n, double readySeconds, Map<String, Long> writes, double reconciles, Map<String, Long> reads,
               double mockCpuShare,
               Long idleWrites,
               List<String> idleSample, Long restartWrites, Double restartSeconds, List<String> restartSample,
               Heap heap) {
        long totalWrites() {
            return writes.values().stream().mapToLong(Long::longValue).sum();
        }

        double gets() {
            return reads.values().stream().mapToLong(Long::longValue).sum() / (double) n;
        }

        double perFd(Function<String, Boolean> kind) {
            return writes.entrySet().stream().filter(e -> kind.apply(e.getKey())).mapToLong(Map.Entry::getValue).sum()
                    / (double) n;
        }
    }

    record Settings(int idleSeconds, int threads, int kubeletMillis, int large, int largeRuns, int warmup,
                    int timeoutSeconds) {
        static Settings of(Map<String, String> options) {
            return new Settings(Integer.parseInt(options.getOrDefault("idle", "60")),
                    Integer.parseInt(options.getOrDefault("threads", "10")),
                    Integer.parseInt(options.getOrDefault("kubelet", "250")),
                    Integer.parseInt(options.getOrDefault("large", "500")),
                    Integer.parseInt(options.getOrDefault("largeRuns", "1")),
                    Integer.parseInt(options.getOrDefault("warmup", "50")),
                    Integer.parseInt(options.getOrDefault("timeout", "900")));
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = Arrays.stream(args).filter(a -> !a.contains("=")).toList();
        Map<String, String> options = Arrays.stream(args).filter(a -> a.contains("="))
                .collect(Collectors.toMap(a -> a.substring(0, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
        List<Integer> sizes = Arrays.stream((positional.isEmpty() ? "100,500,1000" : positional.get(0)).split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int runs = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
        Settings settings = Settings.of(options);
        quietLogs(options.getOrDefault("log", "ERROR"));

        int children = Topology.of(FailDailies.of(NS, "fd-x"), RandomStrings.secure()).size();
        int statusPatches = 1 + READINESS_TRANSITIONS.size();
        Instant started = Instant.now();
        OUT.printf("FailDaily operator scale benchmark, %s, %d cores, Java %s, max heap %d MB%n", started,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        OUT.printf("mock API server (CRUD) + kubelet fixture (looks every %d ms) + operator (%d reconcile threads, no SSA)"
                + " in one JVM; one namespace; default FailDaily objects%n", settings.kubeletMillis(), settings.threads());
        OUT.printf("expected writes per FailDaily until Ready: %d = %d child objects (Topology.of, default spec)"
                + " + %d status patches (first status, then %s becoming True)%n%n", children + statusPatches, children,
                statusPatches, String.join(", ", READINESS_TRANSITIONS));

        if (settings.warmup() > 0) {
            OUT.printf("warm-up run with %d FailDailies (not reported)...%n", settings.warmup());
            run(settings.warmup(), false, settings);
        }
        Map<Integer, List<Run>> results = new LinkedHashMap<>();
        for (int n : sizes) {
            int times = n >= settings.large() ? Math.min(runs, settings.largeRuns()) : runs;
            List<Run> done = new ArrayList<>();
            for (int r = 1; r <= times; r++) {
                // Idle, restart and heap are measured in the first run of each size (each costs a minute or more).
                Run run = run(n, r == 1, settings);
                done.add(run);
                OUT.printf("N=%d run %d/%d: Ready in %.1f s (mock API server thread: %.0f%% of the process's CPU), %.1f"
                                + " writes/FD, %.1f reconciles/FD, %.1f GETs/FD%s%n", n, r, times, run.readySeconds(),
                        100 * run.mockCpuShare(), run.totalWrites() / (double) n, run.reconciles(), run.gets(),
                        run.idleWrites() == null ? "" : String.format(", idle writes %d, restart writes %d (%.1f s),"
                                        + " heap %d MB (operator %d MB, mock API server with its objects %d MB, JVM before"
                                + " the run %d MB)", run.idleWrites(), run.restartWrites(), run.restartSeconds(),
                                mb(run.heap().withOperator()), mb(run.heap().operator()), mb(run.heap().mock()),
                                mb(run.heap().jvm())));
            }
            results.put(n, done);
        }
        report(results, children, statusPatches, settings, started);
        System.exit(0);
    }

    /** One run on a fresh mock API server; {@code full} adds the idle minute, the restart and the heap. */
    static Run run(int n, boolean full, Settings settings) throws Exception {
        long jvm = full ? heapAfterGc() : 0;
        WriteBreakdown writes = new WriteBreakdown();
        try (MockCluster cluster = new MockCluster(writes);
             Kubelet kubelet = new Kubelet(cluster.fixtureClient(), Duration.ofMillis(settings.kubeletMillis()));
             ReadyWatch ready = new ReadyWatch(cluster.fixtureClient())) {
            cluster.createNamespace(NS);
            FailDailyOperator operator = operator(cluster, settings);
            operator.start();
            long start = System.nanoTime();
            Cpu cpu = Cpu.now();
            create(cluster.fixtureClient(), n);
            long readyAt = ready.await(n, Duration.ofSeconds(settings.timeoutSeconds()), writes);
            Map<String, Long> untilReady = writes.snapshot();
            double reconciles = reconciliations(operator) / n;
            Map<String, Long> gets = writes.reads();
            double mockCpuShare = cpu.mockShareSince();
            double readySeconds = (readyAt - start) / 1e9;
            if (!full) {
                operator.close();
                return new Run(n, readySeconds, untilReady, reconciles, gets, mockCpuShare, null, null, null, null, null, null);
            }

            writes.mark();
            Thread.sleep(settings.idleSeconds() * 1000L);
            long idleWrites = total(writes.snapshot()) - total(untilReady);
            List<String> idleSample = writes.sinceMark();

            operator.close();
            operator = null;
            long withoutOperator = heapAfterGc();

            long beforeRestart = total(writes.snapshot());
            writes.mark();
            long restartStart = System.nanoTime();
            FailDailyOperator second = operator(cluster, settings);
            second.start();
            waitUntil(() -> (long) reconciliations(second), n, Duration.ofSeconds(settings.timeoutSeconds()));
            double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
            // Reconciliations the start-up's events queue behind the first ones: wait until nothing moves.
            settle(() -> (long) reconciliations(second) + total(writes.snapshot()), Duration.ofSeconds(3));
            long restartWrites = total(writes.snapshot()) - beforeRestart;
            List<String> restartSample = writes.sinceMark();
            long withOperator = heapAfterGc();
            second.close();
            long afterSecond = heapAfterGc();
            return new Run(n, readySeconds, untilReady, reconciles, gets, mockCpuShare, idleWrites, idleSample, restartWrites,
                    restartSeconds, restartSample, new Heap(jvm, withoutOperator, withOperator, afterSecond));
        }
    }

    private static FailDailyOperator operator(MockCluster cluster, Settings settings) {
        return new FailDailyOperator(cluster.client(), new OperatorSettings(Set.of(), false, null, settings.threads()));
    }

    /** N default FailDaily objects, created by four threads the way kubectl apply of many files would. */
    private static void create(KubernetesClient fixture, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                FailDaily fd = FailDailies.of(NS, String.format("fd-%04d", i));
                fd.getMetadata().setUid(null);
                fd.getMetadata().setGeneration(null);
                created.add(pool.submit(() -> fixture.resource(fd).create()));
            }
            for (Future<?> f : created) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static double reconciliations(FailDailyOperator operator) {
        return operator.registry().find("operator.sdk.reconciliations.success").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static long total(Map<String, Long> writes) {
        return writes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void waitUntil(LongSupplier value, long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (value.getAsLong() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + timeout + ": " + value.getAsLong() + " of " + atLeast);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until {@code value} has not changed for {@code quiet}. */
    private static void settle(LongSupplier value, Duration quiet) throws InterruptedException {
        long last = value.getAsLong();
        long since = System.nanoTime();
        while (System.nanoTime() - since < quiet.toNanos()) {
            Thread.sleep(100);
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
    }

    /** Used heap after full collections, in bytes. */
    static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void quietLogs(String level) {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : List.of("io.faildaily", "io.javaoperatorsdk", "io.fabric8")) {
            logging.getLogger(name).setLevel(ch.qos.logback.classic.Level.toLevel(level));
        }
    }

    /** CPU time of the whole process and of the mock API server's event loop (the thread that serves every request). */
    record Cpu(long process, long mock) {
        static Cpu now() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var threads = ManagementFactory.getThreadMXBean();
            long mock = 0;
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("vert.x-eventloop")) {
                    mock += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return new Cpu(os.getProcessCpuTime(), mock);
        }

        double mockShareSince() {
            Cpu now = now();
            return (now.mock() - mock) / (double) Math.max(1, now.process() - process);
        }
    }

    /** Watches FailDaily objects (not counted: fixture client) and notes when the last one turned Ready. */
    static final class ReadyWatch implements AutoCloseable {
        private final Set<String> ready = ConcurrentHashMap.newKeySet();
        private volatile long lastReady;
        private final SharedIndexInformer<FailDaily> informer;

        ReadyWatch(KubernetesClient fixture) {
            informer = fixture.resources(FailDaily.class).inNamespace(NS).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(FailDaily fd) {
                    seen(fd);
                }

                @Override
                public void onUpdate(FailDaily old, FailDaily fd) {
                    seen(fd);
                }

                @Override
                public void onDelete(FailDaily fd, boolean unknown) {
                }
            });
        }

        private void seen(FailDaily fd) {
            if (fd.getStatus() != null && fd.getStatus().getPhase() == Phase.Ready
                    && ready.add(fd.getMetadata().getName())) {
                lastReady = System.nanoTime();
            }
        }

        /** The time the n-th FailDaily turned Ready. */
        long await(int n, Duration timeout, WriteBreakdown writes) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ready.size() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + ready.size() + " of " + n + " FailDailies Ready after "
                            + timeout + "; writes so far: " + writes.snapshot());
                }
                Thread.sleep(10);
            }
            return lastReady;
        }

        @Override
        public void close() {
            informer.close();
        }
    }

    // ------------------------------------------------------------------------------------------ the report

    private static void report(Map<Integer, List<Run>> results, int children, int statusPatches, Settings settings,
                               Instant started) {
        int expected = children + statusPatches;
        OUT.printf("%nResults (%s; took %d s). Time and writes: median of the runs, [min-max]. Idle, restart and heap:"
                        + " first run of each N.%n", started, Duration.between(started, Instant.now()).toSeconds());
        String header = String.format("%6s %5s  %-22s %-24s %11s %12s %20s %10s %10s %10s %6s", "N", "runs",
                "all Ready (s)", "writes/FD (expected " + expected + ")", "reconc./FD", "idle " + settings.idleSeconds()
                        + " s", "restart: writes (s)", "heap MB", "w/o oper.", "operator", "mock");
        OUT.println(header);
        OUT.println("-".repeat(header.length()));
        for (Map.Entry<Integer, List<Run>> e : results.entrySet()) {
            int n = e.getKey();
            List<Run> runs = e.getValue();
            Run first = runs.get(0);
            double[] seconds = runs.stream().mapToDouble(Run::readySeconds).sorted().toArray();
            double[] writes = runs.stream().mapToDouble(r -> r.totalWrites() / (double) n).sorted().toArray();
            double[] reconciles = runs.stream().mapToDouble(Run::reconciles).sorted().toArray();
            OUT.printf("%6d %5d  %-22s %-24s %11.1f %12d %20s %10d %10d %10d %6d%n", n, runs.size(),
                    spread(seconds, "%.1f"), spread(writes, "%.1f"), median(reconciles), first.idleWrites(),
                    String.format("%d (%.1f s)", first.restartWrites(), first.restartSeconds()),
                    mb(first.heap().withOperator()), mb(first.heap().withoutOperator()), mb(first.heap().operator()),
                    mb(first.heap().mock()));
        }
        OUT.println();
        OUT.println("Writes per FailDaily until all Ready, by kind (first run of each N):");
        for (Map.Entry<Integer, List<Run>> e : results.entrySet()) {
            Run first = e.getValue().get(0);
            OUT.printf("  N=%d: child objects created %.2f (expected %d), child objects updated %.2f, status patches %.2f"
                            + " (expected %d), FailDaily patches (finalizer) %.2f, Events %.2f, other %.2f%n", e.getKey(),
                    first.perFd(k -> k.startsWith("POST ") && !k.equals("POST events")), children,
                    first.perFd(k -> (k.startsWith("PUT ") || k.startsWith("PATCH ")) && !k.startsWith("PATCH faildailies")
                            && !k.startsWith("PUT faildailies")),
                    first.perFd(k -> k.endsWith("faildailies/status")), statusPatches,
                    first.perFd(k -> k.equals("PATCH faildailies") || k.equals("PUT faildailies")),
                    first.perFd(k -> k.equals("POST events")),
                    first.perFd(k -> k.startsWith("DELETE ")));
            OUT.printf("        writes %s%n", first.writes());
            OUT.printf("        GETs (lists at informer start, reads) %s%n", first.reads());
        }
        for (Map.Entry<Integer, List<Run>> e : results.entrySet()) {
            Run first = e.getValue().get(0);
            if (first.idleWrites() > 0) {
                OUT.printf("N=%d: writes while idle (first %d): %s%n", e.getKey(), first.idleSample().size(),
                        first.idleSample());
            }
            if (first.restartWrites() > 0) {
                OUT.printf("N=%d: writes after the restart (first %d): %s%n", e.getKey(), first.restartSample().size(),
                        first.restartSample());
            }
        }
        OUT.println();
        OUT.println("heap MB = used heap after System.gc() (x4) with the second operator running: the whole JVM (mock API"
                + " server with every stored object, kubelet and Ready-watch fixtures, operator, and whatever earlier runs");
        OUT.println("  in this JVM left behind); w/o oper. = the same right after that operator stopped (same objects"
                + " stored); operator = the difference: the operator's own share (informer caches, JOSDK, metrics);");
        OUT.println("  mock = heap right after the operator stopped minus heap before this run's mock API server started:"
                + " the mock with its stored objects, plus the fixtures.");
    }

    private static String spread(double[] sorted, String format) {
        String median = String.format(format, median(sorted));
        if (sorted.length == 1) {
            return median;
        }
        return median + " [" + String.format(format, sorted[0]) + "-" + String.format(format, sorted[sorted.length - 1]) + "]";
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static long mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }
}
