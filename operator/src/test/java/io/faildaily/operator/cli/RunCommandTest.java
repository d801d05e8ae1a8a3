package io.faildaily.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.faildaily.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} when it cannot work: an API server that does not answer, a missing or broken kubeconfig, a port
 * in use, bad options. Each is one line on stderr naming what was tried, and a non-zero exit within seconds
 * (it used to take about 20 s of retries and print 150-190 lines of stack traces).
 */
class RunCommandTest {
    /** A bound, not a measurement: the operator answers in a few seconds; fabric8's retries took about 20. */
    static final Duration QUICK = Duration.ofSeconds(15);
    static final Path REPO = Path.of(System.getProperty("faildaily.repoRoot", ".."));

    @TempDir
    Path dir;

    @Test
    void anApiServerThatDoesNotAnswerIsOneLineNamingServerKubeconfigAndContext() throws IOException {
        int closed = closedPort();
        Path kubeconfig = kubeconfig("https://127.0.0.1:" + closed, "closed-ctx");

        OperatorProcess.Result result = OperatorProcess.start(dir, Map.of("KUBECONFIG", kubeconfig.toString()),
                "run", "--http-port", "0").awaitExit(QUICK);

        assertThat(result.code()).isEqualTo(1);
        assertOneLine(result).contains("cannot reach the Kubernetes API server", "connection refused",
                "API server https://127.0.0.1:" + closed + "/", "kubeconfig " + kubeconfig.toAbsolutePath(),
                "context closed-ctx");
        assertThat(result.out()).as("nothing started, nothing logged").isEmpty();
    }

    @Test
    void aMissingKubeconfigIsOneLineNamingTheFileAndTheServerTried() {
        OperatorProcess.Result result = OperatorProcess.start(dir, Map.of("KUBECONFIG", "/nonexistent"),
                "run", "--http-port", "0").awaitExit(QUICK);

        assertThat(result.code()).isEqualTo(1);
        // Without a kubeconfig fabric8 falls back to the in-cluster address, which does not resolve here.
        assertOneLine(result).contains("cannot reach the Kubernetes API server", "API server https://kubernetes.default.svc/",
                "kubeconfig /nonexistent (not found)", "context none");
    }

    @Test
    void aKubeconfigThatIsNotYamlIsOneLineWithTheLineAndColumn() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nclusters: [oops\n\t{{{\n");

        OperatorProcess.Result result = OperatorProcess.start(dir, Map.of("KUBECONFIG", kubeconfig.toString()),
                "run", "--http-port", "0").awaitExit(QUICK);

        assertThat(result.code()).isEqualTo(1);
        assertOneLine(result).contains("kubeconfig " + kubeconfig.toAbsolutePath() + " is not valid YAML at line 3, column 2",
                "API server unknown", "context unknown");
    }

    @Test
    void aKubeconfigOfTheWrongShapeIsOneLine() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters: 5\n");

        OperatorProcess.Result result = OperatorProcess.start(dir, Map.of("KUBECONFIG", kubeconfig.toString()),
                "run", "--http-port", "0").awaitExit(QUICK);

        assertThat(result.code()).isEqualTo(1);
        assertOneLine(result).contains("cannot use kubeconfig " + kubeconfig.toAbsolutePath(), "API server unknown");
    }

    @Test
    void aHealthPortInUseIsOneLineNamingThePortAndTheOption() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0)); // the wildcard address, as the health server binds
            Path kubeconfig = kubeconfig("https://127.0.0.1:" + closedPort(), "closed-ctx");

            OperatorProcess.Result result = OperatorProcess.start(dir, Map.of("KUBECONFIG", kubeconfig.toString()),
                    "run", "--http-port", String.valueOf(taken.getLocalPort())).awaitExit(QUICK);

            assertThat(result.code()).isEqualTo(1);
            assertOneLine(result).contains("--http-port " + taken.getLocalPort(), "already in use")
                    .as("checked before the cluster is contacted").doesNotContain("API server");
        }
    }

    @Test
    void theStartUpLogNamesTheApiServerTheNamespacesAndTheApplyMode() throws Exception {
        try (MockCluster cluster = new MockCluster()) {
            String server = cluster.client().getMasterUrl().toString();
            Path kubeconfig = kubeconfig(server, "mock");
            try (OperatorProcess operator = OperatorProcess.start(dir, Map.of("KUBECONFIG", kubeconfig.toString()),
                    "run", "--http-port", "0", "--namespaces", "shop,blog", "--server-side-apply", "false")) {
                String line = operator.awaitLine("starting:", Duration.ofSeconds(60));
                assertThat(line).contains("API server " + server, "kubeconfig " + kubeconfig.toAbsolutePath(),
                        "context mock", "namespaces: blog,shop", "apply: no server-side apply");
                assertThat(operator.err()).isEmpty();
            }
            Path ssa = kubeconfig(server, "mock");
            try (OperatorProcess operator = OperatorProcess.start(dir, Map.of("KUBECONFIG", ssa.toString(),
                    "FAILDAILY_NAMESPACES", "", "FAILDAILY_IMAGE_REGISTRY", "registry.internal:5000/mirror",
                    "FAILDAILY_IMAGE_PULL_SECRETS", "corp-pull"), "run", "--http-port", "0")) {
                assertThat(operator.awaitLine("starting:", Duration.ofSeconds(60)))
                        .contains("namespaces: all", "apply: server-side apply");
                assertThat(operator.awaitLine("default images:", Duration.ofSeconds(10))).contains(
                        "database registry.internal:5000/mirror/library/mysql:8.0.43",
                        "backend registry.internal:5000/mirror/faildaily/faildaily-backend:0.1.0",
                        "frontend registry.internal:5000/mirror/nginxinc/nginx-unprivileged:1.28.0-alpine",
                        "image pull secrets: corp-pull");
            }
        }
    }

    /** Checked before the health port and the cluster, like the options: nothing starts with a bad default. */
    @Test
    void aBadImageVariableIsOneLineNamingTheVariable() throws IOException {
        Path kubeconfig = kubeconfig("https://127.0.0.1:" + closedPort(), "closed-ctx");
        for (Map.Entry<String, String> bad : Map.of("FAILDAILY_IMAGE_REGISTRY", "https://registry.internal",
                "FAILDAILY_DEFAULT_FRONTEND_IMAGE", "", "FAILDAILY_IMAGE_PULL_SECRETS", "Corp_Pull").entrySet()) {
            OperatorProcess.Result result = OperatorProcess.start(dir, Map.of("KUBECONFIG", kubeconfig.toString(),
                    bad.getKey(), bad.getValue()), "run", "--http-port", "0").awaitExit(QUICK);

            assertThat(result.code()).as(bad.getKey()).isEqualTo(1);
            assertOneLine(result).startsWith("error: " + bad.getKey() + "='" + bad.getValue() + "': ")
                    .doesNotContain("API server");
            assertThat(result.out()).as("nothing started, nothing logged").isEmpty();
        }
    }

    @Test
    void badOptionValuesAreOneLineUsageErrors() {
        for (String[] args : new String[][] {{"--reconcile-threads", "0"}, {"--reconcile-threads", "-3"},
                {"--reconcile-threads", "many"}, {"--http-port", "70000"}, {"--server-side-apply", "maybe"}}) {
            Run run = inProcess(Stream.concat(Stream.of("run"), Stream.of(args)).toArray(String[]::new));
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip()).as(String.join(" ", args)).doesNotContain("\n").startsWith("error: ")
                    .contains(args[0]).contains("faildaily-operator run --help");
        }
        assertThat(inProcess("run", "--reconcile-threads", "0").err()).contains("--reconcile-threads must be at least 1, not 0");
    }

    @Test
    void runHelpListsEveryEnvironmentVariableTheOperatorReads() throws IOException {
        Set<String> read = new TreeSet<>();
        Pattern variable = Pattern.compile("\\bFAILDAILY_[A-Z_]+\\b");
        for (Path root : new Path[] {REPO.resolve("operator/src/main"), REPO.resolve("helm/faildaily-operator/templates")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = variable.matcher(Files.readString(file));
                    while (m.find()) {
                        read.add(m.group());
                    }
                }
            }
        }
        assertThat(read).contains("FAILDAILY_LOG_LEVEL", "FAILDAILY_NAMESPACES", "FAILDAILY_RECONCILE_THREADS");

        Run help = inProcess("run", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains(read).contains("KUBECONFIG", "JAVA_TOOL_OPTIONS");
    }

    record Run(int code, String out, String err) {
    }

    static Run inProcess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.commandLine()
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertOneLine(OperatorProcess.Result result) {
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.err().strip()).doesNotContain("\n");
        return assertThat(result.err().strip()).startsWith("error: ");
    }

    private Path kubeconfig(String server, String context) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "kubeconfig", ".yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster: {server: "%s"}
                users:
                - name: test
                  user: {token: test-token}
                contexts:
                - name: %s
                  context: {cluster: test, user: test}
                current-context: %s
                """.formatted(server, context, context));
    }

    /** A loopback port nobody listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
