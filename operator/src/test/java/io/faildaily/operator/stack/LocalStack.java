package io.faildaily.operator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.cli.FailDailyFile;
import io.faildaily.operator.model.BackendModel;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.FrontendModel;

/**
 * The entry point of scripts/local-stack.sh: what the operator renders for one FailDaily file, run on this
 * machine as the stack tests run it ({@link Stack}), until the JVM is told to stop (Ctrl-C, SIGTERM): then the
 * stack's shutdown hook stops every process it started and deletes its temp folders.
 */
public final class LocalStack {
    static final String USAGE = "usage: scripts/local-stack.sh FILE [--frontend DIR] [--backend-command CMD] "
            + "[--config-map NAME=DIR]...";
    /** The line that says where the application is; what a caller waits for. */
    static final String READY = "FailDaily is running at ";

    /**
     * mysql-connector-j looks for OpenTelemetry, which the test class path has (Selenium's), and its lookup logs
     * a line at INFO that means nothing here. Held in a field: JUL keeps loggers weakly.
     */
    private static final Logger OPEN_TELEMETRY = Logger.getLogger("io.opentelemetry.api.GlobalOpenTelemetry");

    private LocalStack() {}

    public static void main(String[] args) throws InterruptedException {
        OPEN_TELEMETRY.setLevel(Level.WARNING);
        Stack.Input input;
        try {
            input = input(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Stack stack;
        try {
            stack = Stack.start(input);
        } catch (RuntimeException e) {
            // Stack.start has stopped what it had started.
            System.err.println("error: the stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        describe(stack, input);
        new CountDownLatch(1).await(); // until a signal: the shutdown hook stops the stack
    }

    /** The command line read into what to run; every mismatch with the FailDaily is refused here, before anything starts. */
    static Stack.Input input(String[] args) {
        Path file = null;
        Path webRoot = null;
        String backendCommand = null;
        Map<String, Path> configMaps = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            switch (arg) {
                case "--frontend" -> webRoot = Path.of(value(arg, rest)).toAbsolutePath();
                case "--backend-command" -> backendCommand = value(arg, rest);
                case "--config-map" -> {
                    String pair = value(arg, rest);
                    int eq = pair.indexOf('=');
                    if (eq <= 0 || eq == pair.length() - 1) {
                        throw new IllegalArgumentException("--config-map takes NAME=DIR, not '" + pair + "'");
                    }
                    configMaps.put(pair.substring(0, eq), folder(pair.substring(eq + 1), "--config-map " + pair));
                }
                default -> {
                    if (arg.startsWith("-") || file != null) {
                        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("no FailDaily file given");
        }
        FailDaily fd = FailDailyFile.read(file);
        if (!fd.getSpec().getDatabase().inCluster()) {
            throw new IllegalArgumentException("spec.database.external: the local stack runs the in-cluster database "
                    + "only (a private MariaDB)");
        }
        String initScripts = fd.getSpec().getDatabase().getInitScripts();
        if (initScripts != null && !configMaps.containsKey(initScripts)) {
            throw new IllegalArgumentException("spec.database.initScripts names the ConfigMap " + initScripts
                    + ": give the folder it is made from with --config-map " + initScripts + "=DIR");
        }
        if (FrontendModel.servesDefaultWebPage(fd) && webRoot != null) {
            throw new IllegalArgumentException("--frontend: without spec.frontend.image the operator serves its own "
                    + "page; set spec.frontend.image to the image that holds this build");
        }
        if (!FrontendModel.servesDefaultWebPage(fd) && webRoot == null) {
            throw new IllegalArgumentException("spec.frontend.image is " + fd.getSpec().getFrontend().getImage()
                    + ": give what it holds in /usr/share/nginx/html with --frontend DIR (for Angular, dist/<app>/browser)");
        }
        if (webRoot != null) {
            folder(webRoot.toString(), "--frontend");
        }
        return new Stack.Input(fd, Map.copyOf(configMaps), webRoot, backendCommand, Map.of());
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    private static Path folder(String path, String what) {
        Path folder = Path.of(path).toAbsolutePath();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(what + ": " + folder + " is not a folder");
        }
        return folder;
    }

    private static void describe(Stack stack, Stack.Input input) {
        FailDaily fd = stack.failDaily();
        String backend = input.backendCommand() != null ? "`" + input.backendCommand() + "`"
                : "the app-backend jar" + (BackendModel.READY_PATH.equals(BackendModel.readinessPath(fd)) ? ""
                : " (spec.backend.image " + fd.getSpec().getBackend().getImage() + " is not run here: give its "
                + "program with --backend-command)");
        System.out.println("FailDaily " + fd.getMetadata().getName() + " as the operator renders it, on this machine:");
        System.out.println("  database  MariaDB on 127.0.0.1:" + stack.database().port() + " with the rendered "
                + DatabaseModel.CONFIG_FILE + ", passwords in " + credentials(stack));
        System.out.println("  backend   " + backend + " on " + stack.backend().address() + ", log "
                + stack.work().resolve("backend/backend.log"));
        System.out.println("  nginx     the rendered nginx.conf, serving " + (input.webRoot() == null
                ? "the operator's page" : input.webRoot()));
        System.out.println("Files under " + stack.work() + " and other folders of " + System.getProperty("java.io.tmpdir")
                + "; Ctrl-C stops every process and deletes them.");
        System.out.println(READY + stack.nginx().uri("/"));
        System.out.flush();
    }

    /** The generated passwords, for a mysql client or a look at the backend's settings: a file only its owner reads. */
    private static Path credentials(Stack stack) {
        Path file = stack.work().resolve("credentials.env");
        StringBuilder text = new StringBuilder();
        RenderedEnv.resolve(DatabaseModel.statefulSet(stack.failDaily()).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv(), stack.secret()).toMap()
                .forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
