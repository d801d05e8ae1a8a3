package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/local-stack.sh run as a user runs it, on the test JVM's class path (LOCAL_STACK_CLASSPATH, so that it
 * builds nothing), with its own TMPDIR: it starts, prints the URL, answers through nginx, and on SIGTERM every
 * process it started is gone and nothing is left in TMPDIR. A FailDaily with a frontend image and a backend
 * image of their own, so that --frontend and --backend-command are what runs (the app-backend jar stands in
 * for the original backend's program, started through a shell, as a user's command is).
 */
class LocalStackScriptTest {
    private static final Path REPO = Path.of(System.getProperty("faildaily.repoRoot", "..")).toAbsolutePath().normalize();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void startsAnswersThroughNginxAndLeavesNothingBehindOnSigterm() throws Exception {
        // Traversable by others: nginx started as root (as CI runs) serves through workers running as nobody.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        Path file = Files.writeString(work.resolve("faildaily.yaml"), """
                apiVersion: faildaily.io/v1alpha1
                kind: FailDaily
                metadata:
                  name: shop
                spec:
                  backend:
                    image: registry.example.com/faildaily/backend-node:4b40e0e
                  frontend:
                    image: registry.example.com/faildaily/frontend-angular:4b40e0e
                """);
        Path build = Files.createDirectories(work.resolve("browser"));
        for (String name : AngularBuildPolicyTest.FILES) {
            Files.copy(REPO.resolve("operator/src/test/resources/angular-build/" + name), build.resolve(name));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String backendCommand = "'" + java + "' -Xmx256m -XX:TieredStopAtLevel=1 -jar '" + BackendProcess.jar() + "'";

        Process script = start(tmp, file.toString(), "--frontend", build.toString(), "--backend-command", backendCommand);
        Lines output = new Lines(script);
        List<ProcessHandle> started;
        try {
            String ready = output.await(LocalStack.READY, START_TIMEOUT);
            URI url = URI.create(ready.substring(ready.indexOf(LocalStack.READY) + LocalStack.READY.length()).strip());
            assertThat(url.getHost()).isEqualTo("127.0.0.1");

            HttpResponse<String> page = Http.get(url);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo(Files.readString(build.resolve("index.html")));
            // The frontend image's policy, as rendered: this is the rendered nginx.conf.
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValue("object-src 'none'; base-uri 'self'; frame-ancestors 'self'");
            JsonNode health = Api.json(Http.get(url.resolve("/api/health")), 200);
            assertThat(health.path("database").asText()).isEqualTo("connected");
            assertThat(health.path("environment").asText()).isEqualTo("production");

            started = script.descendants().toList();
            assertThat(commands(started)).anySatisfy(c -> assertThat(c).contains("mariadbd"))
                    .anySatisfy(c -> assertThat(c).contains("nginx"))
                    .anySatisfy(c -> assertThat(c).contains("faildaily-backend.jar"))
                    .anySatisfy(c -> assertThat(c).contains(" -c ").contains("faildaily-backend.jar")); // the shell
            assertThat(children(tmp)).isNotEmpty();
        } catch (Throwable t) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            throw new AssertionError("local-stack.sh output:\n" + output.text(), t);
        }

        script.destroy(); // SIGTERM
        assertThat(script.waitFor(2, TimeUnit.MINUTES)).as("the script ends after SIGTERM:\n%s", output.text()).isTrue();
        for (ProcessHandle child : started) {
            assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("%s", command(child)).isFalse();
        }
        assertThat(children(tmp)).as("left in TMPDIR").isEmpty();
    }

    @Test
    void aMismatchWithTheFailDailyIsRefusedBeforeAnythingStarts() throws Exception {
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        Process script = start(tmp, REPO.resolve("examples/faildaily-original-images.yaml").toString());
        Lines output = new Lines(script);
        assertThat(script.waitFor(2, TimeUnit.MINUTES)).isTrue();
        output.drain();
        assertThat(script.exitValue()).isEqualTo(2);
        assertThat(output.text()).contains("error: spec.database.initScripts names the ConfigMap faildaily-original-schema: "
                + "give the folder it is made from with --config-map faildaily-original-schema=DIR", LocalStack.USAGE);
        assertThat(children(tmp)).isEmpty();
    }

    private static Process start(Path tmp, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("scripts/local-stack.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(tmp.toFile());
        Map<String, String> env = pb.environment();
        env.put("LOCAL_STACK_CLASSPATH", System.getProperty("java.class.path"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("TMPDIR", tmp.toString());
        return pb.start();
    }

    private static List<String> children(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<String> commands(List<ProcessHandle> processes) {
        return processes.stream().map(LocalStackScriptTest::command).toList();
    }

    private static String command(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.command().orElse("?") + " " + String.join(" ", info.arguments().orElse(new String[0]));
    }

    /** The script's output, read as it comes. */
    private static final class Lines {
        private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final StringBuilder all = new StringBuilder();
        private final CompletableFuture<Void> reader;

        Lines(Process process) {
            reader = CompletableFuture.runAsync(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        queue.add(line);
                    }
                } catch (IOException closed) {
                    // the process is gone
                }
            });
        }

        /** The first line containing {@code text}; fails after {@code timeout} or when the output ends first. */
        String await(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = queue.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    all.append(line).append('\n');
                    if (line.contains(text)) {
                        return line;
                    }
                } else if (reader.isDone() && queue.isEmpty()) {
                    throw new AssertionError("the output ended before '" + text + "'");
                }
            }
            throw new AssertionError("no '" + text + "' within " + timeout);
        }

        void drain() throws Exception {
            reader.get(30, TimeUnit.SECONDS);
            for (String line = queue.poll(); line != null; line = queue.poll()) {
                all.append(line).append('\n');
            }
        }

        String text() {
            for (String line = queue.poll(); line != null; line = queue.poll()) {
                all.append(line).append('\n');
            }
            return all.toString();
        }
    }
}
