package io.faildaily.operator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the stack fixtures share: free ports, temp dirs, stopping a process tree, reading a log's tail. */
final class LocalProcesses {
    private LocalProcesses() {}

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new temp dir that other users may traverse and read: nginx started as root (as CI runs) hands requests
     * to workers running as `nobody`, which must reach the document root.
     */
    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a process run to its end finished: its exit code and what it printed (stdout and stderr together). */
    record Finished(int exitCode, String output) {}

    /**
     * Runs a command to its end in exactly this environment (nothing inherited, as a container has only what its
     * spec gives), with {@code input} (or nothing) on stdin; stopped, and refused as {@code what} "did not
     * finish", after {@code timeout}.
     */
    static Finished runToEnd(List<String> command, Path input, Map<String, String> env, Duration timeout, String what) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (input != null) {
                pb.redirectInput(input.toFile());
            }
            pb.environment().clear();
            pb.environment().putAll(env);
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process, 1);
                throw new IllegalStateException(what + " did not finish within " + timeout.toMinutes() + " minutes");
            }
            return new Finished(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM to the process and its descendants, then SIGKILL to whatever is left after {@code graceSeconds}. */
    static void stop(Process process, int graceSeconds) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        // Children that outlived their parent (an nginx worker, say) go too.
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + log + ")";
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
