package io.faildaily.operator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.faildaily.operator.api.DefaultImages;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.runtime.HealthServer;
import io.faildaily.operator.runtime.OperatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the operator against the cluster of the current kubeconfig (or the in-cluster service account). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the operator against the current kubeconfig's cluster.",
        footerHeading = "%nEnvironment:%n",
        // Lines under 80 characters: picocli wraps longer ones at its default usage width.
        footer = {
                "  FAILDAILY_NAMESPACES, FAILDAILY_SERVER_SIDE_APPLY, FAILDAILY_HTTP_PORT,",
                "  FAILDAILY_LEADER_ELECTION_NAMESPACE, FAILDAILY_RECONCILE_THREADS",
                "                       defaults of the options above",
                "  FAILDAILY_LOG_LEVEL  level of the operator's own loggers (io.faildaily):",
                "                       TRACE, DEBUG, INFO (default), WARN or ERROR",
                "  FAILDAILY_DEFAULT_DATABASE_IMAGE, FAILDAILY_DEFAULT_BACKEND_IMAGE,",
                "  FAILDAILY_DEFAULT_FRONTEND_IMAGE",
                "                       images of a FailDaily whose spec names none (the",
                "                       database image also runs the backup and restore Jobs)",
                "  FAILDAILY_OPERATOR_IMAGE",
                "                       the operator's own image, which the object-store",
                "                       backup and restore Jobs run (the chart sets it)",
                "  FAILDAILY_IMAGE_REGISTRY",
                "                       registry[/path] that the built-in default images are",
                "                       pulled from instead: mysql:8.0.43 becomes",
                "                       REGISTRY/library/mysql:8.0.43",
                "  FAILDAILY_IMAGE_PULL_SECRETS",
                "                       Secret names, comma separated, for the pods of a",
                "                       FailDaily whose spec has no imagePullSecrets",
                "  KUBECONFIG           the kubeconfig file (default ~/.kube/config); its",
                "                       current context is used. Without one: the in-cluster",
                "                       service account (KUBERNETES_SERVICE_HOST and _PORT)",
                "  JAVA_TOOL_OPTIONS    JVM options (the Helm chart sets the heap size here)",
                "",
                "Exit codes: 1 = cannot start, with one line on stderr naming the API server,",
                "kubeconfig and context tried, the port in use, or the variable with a bad",
                "value; 2 = bad usage."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--namespaces", paramLabel = "NS[,NS...]", defaultValue = "${env:FAILDAILY_NAMESPACES:-}",
            description = "Namespaces to watch, comma separated; all when empty (env FAILDAILY_NAMESPACES).")
    String namespaces;

    @Option(names = "--server-side-apply", paramLabel = "true|false", arity = "1",
            defaultValue = "${env:FAILDAILY_SERVER_SIDE_APPLY:-true}",
            description = "Server-side apply for child objects and status (env FAILDAILY_SERVER_SIDE_APPLY, default ${DEFAULT-VALUE}).")
    boolean serverSideApply;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:FAILDAILY_HTTP_PORT:-8080}",
            description = "Port of /healthz, /readyz and /metrics, 0 for any free one (env FAILDAILY_HTTP_PORT, default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--leader-election-namespace", paramLabel = "NS",
            defaultValue = "${env:FAILDAILY_LEADER_ELECTION_NAMESPACE:-}",
            description = "Elect a leader through a Lease in this namespace, for several replicas (env FAILDAILY_LEADER_ELECTION_NAMESPACE).")
    String leaseNamespace;

    @Option(names = "--reconcile-threads", paramLabel = "N", defaultValue = "${env:FAILDAILY_RECONCILE_THREADS:-10}",
            description = "FailDaily objects reconciled at once, at least 1 (env FAILDAILY_RECONCILE_THREADS, default ${DEFAULT-VALUE}).")
    int reconcileThreads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        OperatorSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        DefaultImages images;
        HealthServer health;
        try {
            images = EnvironmentImages.install(System.getenv());
            health = bindHealthPort();
        } catch (CliError e) {
            return fail(err, e);
        }
        try {
            // Local checks first, then one quick request: both fail in seconds, with one line.
            ClusterTarget target = ClusterTarget.resolve();
            String version = ApiServerProbe.check(target);
            return runUntilStopped(target, version, settings, images, health);
        } catch (CliError e) {
            health.close();
            return fail(err, e);
        }
    }

    private OperatorSettings settings() {
        if (reconcileThreads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--reconcile-threads must be at least 1, not " + reconcileThreads);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--http-port must be between 0 and 65535, not " + httpPort);
        }
        Set<String> watched = Arrays.stream(namespaces.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        return new OperatorSettings(watched, serverSideApply,
                leaseNamespace.isBlank() ? null : leaseNamespace.trim(), reconcileThreads);
    }

    /** Bound before anything else, so that a port in use is reported before the cluster is contacted. */
    private HealthServer bindHealthPort() throws CliError {
        try {
            return new HealthServer(httpPort);
        } catch (BindException e) {
            throw new CliError("--http-port " + httpPort + ": the port is already in use (" + OneLine.of(e.getMessage())
                    + "); choose another with --http-port or FAILDAILY_HTTP_PORT");
        } catch (IOException e) {
            throw new CliError("--http-port " + httpPort + ": cannot listen: " + OneLine.of(e.getMessage()));
        }
    }

    private int runUntilStopped(ClusterTarget target, String version, OperatorSettings settings, DefaultImages images,
                                HealthServer health) throws CliError, InterruptedException {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(target.config()).build();
        FailDailyOperator operator = new FailDailyOperator(client, settings);
        operator.servedOn(health);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            LOG.info("stopping: finishing reconciliations in flight");
            operator.close();
            health.close();
            client.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        health.start();
        LOG.info("starting: {}{}; namespaces: {}; apply: {}; health port {}; leader election: {}; reconcile threads: {}",
                target.describe(), version == null ? "" : " (Kubernetes " + version + ")",
                settings.namespaces().isEmpty() ? "all" : String.join(",", new TreeSet<>(settings.namespaces())),
                settings.serverSideApply() ? "server-side apply" : "no server-side apply (create, update, JSON merge patch)",
                health.port(), settings.leaseNamespace() == null ? "off" : "Lease in " + settings.leaseNamespace(),
                settings.reconcileThreads());
        LOG.info("default images: database {}, backend {}, frontend {}; image pull secrets: {}", images.database(),
                images.backend(), images.frontend(), images.pullSecrets().isEmpty() ? "none" : String.join(",", images.pullSecrets()));
        try {
            operator.start();
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            try {
                operator.close();
            } catch (RuntimeException stopFailed) { // what failed to start may fail to stop: the start error matters
                LOG.debug("stop after a failed start", stopFailed);
            }
            client.close();
            LOG.debug("start failed", e);
            throw new CliError("the operator could not start: " + ApiServerProbe.reason(e, target.apiServer()) + " (" + target.describe() + ")");
        }
        stopped.await();
        return 0;
    }

    private static int fail(PrintWriter err, CliError e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return 1;
    }
}
