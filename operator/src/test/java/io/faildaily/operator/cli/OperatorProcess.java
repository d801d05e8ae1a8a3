package io.faildaily.operator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code faildaily-operator} as its own process, as a user starts it: its own environment (KUBECONFIG, HOME),
 * the production logback.xml, exit code and output as the terminal gets them. The test class path stands in
 * for the shaded jar, which is built only after the tests.
 */
final class OperatorProcess implements AutoCloseable {
    record Result(int code, String out, String err) {
    }

    private final Process process;
    private final Path out;
    private final Path err;

    private OperatorProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code faildaily-operator ARGS} with HOME set to {@code dir} (so no ~/.kube/config of this
     * machine is read) and without the variables of an in-cluster pod; {@code env} adds or overrides.
     */
    static OperatorProcess start(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Dlogback.configurationFile=logback.xml", // production logging, not logback-test.xml
                "-XX:TieredStopAtLevel=1", // starts faster: these processes live seconds
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("KUBERNETES_") || k.startsWith("FAILDAILY_")
                || k.equals("KUBECONFIG"));
        environment.put("HOME", dir.toString());
        environment.putAll(env);
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            return new OperatorProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the exit; an operator still running after {@code limit} fails the test (and is stopped). */
    Result awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("still running after " + limit.toSeconds() + " s; stderr so far: " + err());
            }
            return new Result(process.exitValue(), out(), err());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until stdout has a line containing {@code text}, and returns that line. */
    String awaitLine(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : out().lines().toList()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + " before logging '" + text
                        + "'; stdout: " + out() + " stderr: " + err());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line with '" + text + "' after " + limit.toSeconds() + " s; stdout: " + out()
                + " stderr: " + err());
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as the kubelet stops a pod, then waits for the shutdown hook. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
