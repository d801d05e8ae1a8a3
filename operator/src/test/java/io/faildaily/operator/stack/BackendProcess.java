package io.faildaily.operator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The app-backend jar ({@code app-backend/target/faildaily-backend.jar}) as its own JVM, or another backend
 * program, with exactly the environment it is given and nothing inherited from the test JVM. Ready once
 * {@code /api/health} answers 200.
 */
final class BackendProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final Map<String, String> env;
    private Process process;

    private BackendProcess(Path dir, int port, Map<String, String> env) {
        this.dir = dir;
        this.port = port;
        this.env = env;
    }

    /** The jar the full build makes before the operator's tests run; a clear message when it is missing. */
    static Path jar() {
        Path root = Path.of(System.getProperty("faildaily.repoRoot", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("app-backend/target/faildaily-backend.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with "
                    + "`mvn -B -pl app-backend package -DskipTests` (the full `mvn -B verify` builds it before the operator)");
        }
        return jar;
    }

    /**
     * Starts the jar with {@code env} as its whole environment; {@code env} must set PORT. {@code dir} receives
     * the process output ({@code backend.log}).
     */
    static BackendProcess start(Map<String, String> env, Path dir) {
        return start(jarCommand(), env, dir);
    }

    /** Another backend program (the original Node.js one, say), started by {@code command} the same way. */
    static BackendProcess start(List<String> command, Map<String, String> env, Path dir) {
        BackendProcess backend = launch(command, env, dir);
        try {
            backend.awaitReady();
            return backend;
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /**
     * The jar started as {@link #start(Map, Path)} starts it, returned at once, long before it is ready: for a
     * test that watches the start itself and stops it part way ({@link #kill()}). The caller closes it.
     */
    static BackendProcess launch(Map<String, String> env, Path dir) {
        return launch(jarCommand(), env, dir);
    }

    private static List<String> jarCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // JVM flags only: a small heap and the quick compiler keep a test backend's start short.
        return List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toString());
    }

    private static BackendProcess launch(List<String> command, Map<String, String> env, Path dir) {
        int port = Integer.parseInt(env.get("PORT"));
        BackendProcess backend = new BackendProcess(dir, port, Map.copyOf(env));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("backend.log").toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            backend.process = pb.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the backend exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri("/api/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            LocalProcesses.sleep(100);
        }
        throw new IllegalStateException("the backend did not answer /api/health within " + READY_TIMEOUT + ":\n" + log());
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The environment the process runs with, sorted by name. */
    Map<String, String> env() {
        return new TreeMap<>(env);
    }

    String log() {
        return LocalProcesses.tail(dir.resolve("backend.log"), 60);
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * SIGKILL, as the kernel's OOM killer or a lost node stops a pod: the process runs nothing more, and its
     * database connections end with it, whatever they were doing. Returns once the process is gone.
     */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the backend is still running 10 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    /** SIGTERM: the backend drains its requests and stops; killed if it has not after 35 s. */
    @Override
    public void close() {
        LocalProcesses.stop(process, 35);
        process = null;
    }
}
