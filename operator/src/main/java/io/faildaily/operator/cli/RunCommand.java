package io.faildaily.operator.cli;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.runtime.HealthServer;
import io.faildaily.operator.runtime.OperatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the operator against the cluster of the current kubeconfig (or the in-cluster service account). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the operator against the current kubeconfig's cluster.")
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
            description = "Port of /healthz, /readyz and /metrics (env FAILDAILY_HTTP_PORT, default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--leader-election-namespace", paramLabel = "NS",
            defaultValue = "${env:FAILDAILY_LEADER_ELECTION_NAMESPACE:-}",
            description = "Elect a leader through a Lease in this namespace, for several replicas (env FAILDAILY_LEADER_ELECTION_NAMESPACE).")
    String leaseNamespace;

    @Option(names = "--reconcile-threads", paramLabel = "N", defaultValue = "${env:FAILDAILY_RECONCILE_THREADS:-10}",
            description = "FailDaily objects reconciled at once (env FAILDAILY_RECONCILE_THREADS, default ${DEFAULT-VALUE}).")
    int reconcileThreads;

    @Override
    public Integer call() throws Exception {
        Set<String> watched = Arrays.stream(namespaces.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        OperatorSettings settings = new OperatorSettings(watched, serverSideApply,
                leaseNamespace.isBlank() ? null : leaseNamespace.trim(), reconcileThreads);
        CountDownLatch stopped = new CountDownLatch(1);
        KubernetesClient client = new KubernetesClientBuilder().build();
        FailDailyOperator operator = new FailDailyOperator(client, settings);
        HealthServer health = operator.healthServer(httpPort);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: finishing reconciliations in flight");
            operator.close();
            health.close();
            client.close();
            stopped.countDown();
        }, "shutdown"));
        health.start();
        LOG.info("starting: namespaces={} serverSideApply={} httpPort={} leaderElection={}",
                watched.isEmpty() ? "all" : watched, serverSideApply, health.port(),
                settings.leaseNamespace() == null ? "off" : settings.leaseNamespace());
        operator.start();
        stopped.await();
        return 0;
    }
}
