package io.faildaily.operator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's nginx running the nginx.conf the operator renders, as an unprivileged test process on a free port
 * of 127.0.0.1 in its own temp dir. Only what differs on one machine is rewritten, each by an exact
 * replacement that must match as often as expected (so a changed template fails here loudly instead of
 * silently running something else):
 * <ul>
 *   <li>{@code pid /tmp/nginx.pid} goes to the temp dir;</li>
 *   <li>the five {@code *_temp_path}s under {@code /var/cache/nginx/} go to the temp dir;</li>
 *   <li>{@code root /usr/share/nginx/html} becomes the temp dir's {@code html/}, holding the given web files;</li>
 *   <li>the upstream server ({@code <name>-backend.<ns>.svc:3000}) becomes the local backend's address;</li>
 *   <li>{@code listen 8080} becomes {@code listen 127.0.0.1:<free port>}.</li>
 * </ul>
 * {@code include /etc/nginx/mime.types} stays: Debian's nginx ships the same file as the nginx image. The logs
 * stay too: {@code /dev/stdout} and {@code /dev/stderr}, as in the pod, are the process's output, kept in
 * {@code logs/stdout.log} ({@link #output()}). Started as the container starts it, {@code nginx -g 'daemon off;'},
 * with {@code -p DIR -e DIR/logs/error.log} so that nothing outside the temp dir is touched, not even before the
 * configuration is read.
 */
final class NginxServer implements AutoCloseable {
    static final String NGINX = "/usr/sbin/nginx";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("(upstream backend \\{\\s*server )([^;\\s]+)(;)");
    private static final Pattern LISTEN = Pattern.compile("(\\n\\s*listen )(\\d+)(;)");

    /** The result of {@code nginx -t}. */
    record Check(int exitCode, String output) {}

    private final Path dir;
    private final int port;
    private final String config;
    private Process process;

    private NginxServer(Path dir, int port, String config) {
        this.dir = dir;
        this.port = port;
        this.config = config;
    }

    /** The rendered configuration rewritten for a run in {@code dir}: see the class comment for every change. */
    static String localize(String rendered, Path dir, String upstream, int listenPort) {
        String d = dir.toAbsolutePath().toString();
        String conf = rendered;
        conf = replace(conf, "pid /tmp/nginx.pid;", "pid " + d + "/nginx.pid;", 1);
        conf = replace(conf, " /var/cache/nginx/", " " + d + "/cache/", 5);
        conf = replace(conf, "root /usr/share/nginx/html;", "root " + d + "/html;", 1);
        conf = replaceGroup(conf, UPSTREAM_SERVER, upstream);
        conf = replaceGroup(conf, LISTEN, "127.0.0.1:" + listenPort);
        return conf;
    }

    /** {@code nginx -t} on the rendered configuration (localized, in a throw-away dir). */
    static Check test(String rendered, String upstream) {
        Path dir = LocalProcesses.tempDir("nginx-t-");
        try {
            String conf = localize(rendered, dir, upstream, LocalProcesses.freePort());
            prepare(dir, conf, html -> { });
            Process p = new ProcessBuilder(command(dir, "-t")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                LocalProcesses.stop(p, 1);
                throw new IllegalStateException("nginx -t did not finish");
            }
            return new Check(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + NGINX + " (is Debian's nginx installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            LocalProcesses.deleteRecursively(dir);
        }
    }

    /** Writes the document root's content into the (empty) folder given. */
    @FunctionalInterface
    private interface WebContent {
        void writeTo(Path html) throws IOException;
    }

    /** Starts nginx with the rendered configuration and {@code webFiles} as its document root. */
    static NginxServer start(String rendered, Map<String, String> webFiles, String upstream) {
        return start(rendered, html -> write(html, webFiles), upstream);
    }

    /**
     * Starts nginx with the rendered configuration and a copy of {@code build} as its document root, as a
     * frontend image holds its web application in /usr/share/nginx/html (copied, so that nginx's workers, which
     * run as nobody when nginx is started as root, may read it wherever the build is).
     */
    static NginxServer start(String rendered, Path build, String upstream) {
        if (!Files.isDirectory(build)) {
            throw new IllegalArgumentException(build + " is not a folder (the frontend build, with its index.html)");
        }
        if (!Files.isRegularFile(build.resolve("index.html"))) {
            throw new IllegalArgumentException(build + " has no index.html: give the folder the build wrote "
                    + "(for Angular, dist/<project>/browser)");
        }
        return start(rendered, html -> copy(build, html), upstream);
    }

    private static NginxServer start(String rendered, WebContent content, String upstream) {
        Path dir = LocalProcesses.tempDir("nginx-");
        int port = LocalProcesses.freePort();
        String conf = localize(rendered, dir, upstream, port);
        NginxServer server = new NginxServer(dir, port, conf);
        try {
            prepare(dir, conf, content);
            server.process = new ProcessBuilder(command(dir, "-g", "daemon off;"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("logs/stdout.log").toFile()))
                    .start();
            server.awaitReady();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void prepare(Path dir, String conf, WebContent content) throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("cache"));
        content.writeTo(Files.createDirectories(dir.resolve("html")));
        Files.writeString(dir.resolve("nginx.conf"), conf, StandardCharsets.UTF_8);
    }

    private static void write(Path html, Map<String, String> webFiles) throws IOException {
        for (Map.Entry<String, String> file : webFiles.entrySet()) {
            Files.writeString(html.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Files and folders, readable by others (the workers); links are followed, as `docker build`'s COPY does. */
    private static void copy(Path build, Path html) throws IOException {
        try (Stream<Path> walk = Files.walk(build, FileVisitOption.FOLLOW_LINKS)) {
            for (Path from : (Iterable<Path>) walk::iterator) {
                Path to = html.resolve(build.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    private static List<String> command(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(NGINX, "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("logs/error.log").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ":\n" + errorLog());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri("/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                LocalProcesses.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("nginx not answering /health after " + READY_TIMEOUT + ":\n" + errorLog());
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The document root: the web files given at start. */
    Path root() {
        return dir.resolve("html");
    }

    /** The configuration nginx runs: the rendered one, localized. */
    String config() {
        return config;
    }

    /** What nginx said before it read its configuration (-e), then what it wrote to stderr. */
    String errorLog() {
        return LocalProcesses.tail(dir.resolve("logs/error.log"), 20) + "\n" + LocalProcesses.tail(dir.resolve("logs/stdout.log"), 40);
    }

    /** Everything nginx wrote to stdout and stderr: its access and error logs, as `kubectl logs` shows them. */
    String output() {
        try {
            return Files.readString(dir.resolve("logs/stdout.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        LocalProcesses.stop(process, 10);
        process = null;
        LocalProcesses.deleteRecursively(dir);
    }

    private static String replace(String text, String from, String to, int expected) {
        int found = 0;
        for (int i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + from.length())) {
            found++;
        }
        if (found != expected) {
            throw new IllegalStateException("the rendered nginx.conf has " + found + " × '" + from.strip()
                    + "', expected " + expected + ": update NginxServer with the template");
        }
        return text.replace(from, to);
    }

    private static String replaceGroup(String text, Pattern pattern, String value) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("the rendered nginx.conf has no match for " + pattern);
        }
        String result = text.substring(0, m.start(2)) + value + text.substring(m.end(2));
        if (pattern.matcher(result.substring(m.start(2) + value.length())).find()) {
            throw new IllegalStateException("the rendered nginx.conf has more than one match for " + pattern);
        }
        return result;
    }
}
