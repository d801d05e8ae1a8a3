package io.faildaily.operator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.reconciler.FailDailyMetrics;
import io.faildaily.operator.reconciler.FailDailyReconciler;
import io.javaoperatorsdk.operator.Operator;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The JOSDK operator with the FailDaily controller registered, configured from {@link OperatorSettings}. */
public final class FailDailyOperator implements AutoCloseable {
    private final Operator operator;
    private final PrometheusMeterRegistry registry;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FailDailyOperator.class);
    private volatile boolean stopping;

    public FailDailyOperator(KubernetesClient client, OperatorSettings settings) {
        this(client, settings, o -> { });
    }

    /**
     * With JOSDK settings overridden after the operator's own; for tests, e.g. server-side apply for the
     * FailDaily but not for children, which the mock API server cannot apply.
     */
    public FailDailyOperator(KubernetesClient client, OperatorSettings settings,
                             java.util.function.Consumer<ConfigurationServiceOverrider> overrides) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                    .withSSABasedCreateUpdateMatchForDependentResources(settings.serverSideApply())
                    .withUseSSAToPatchPrimaryResource(settings.serverSideApply())
                    .withConcurrentReconciliationThreads(settings.reconcileThreads())
                    .withCloseClientOnStop(false)
                    .withInformerStoppedHandler(this::informerStopped);
            if (settings.leaseNamespace() != null) {
                o.withLeaderElectionConfiguration(leaderElection(settings.leaseNamespace()));
            }
            overrides.accept(o);
        });
        FailDailyReconciler reconciler = new FailDailyReconciler(java.time.Clock.systemUTC(), new FailDailyMetrics(registry));
        operator.register(reconciler, config -> {
            if (settings.namespaces().isEmpty()) {
                config.watchingAllNamespaces();
            } else {
                config.settingNamespaces(settings.namespaces());
            }
        });
    }

    /** /healthz, /readyz (started, and every informer healthy) and /metrics of this operator. */
    public HealthServer healthServer(int port) throws java.io.IOException {
        return servedOn(new HealthServer(port));
    }

    /** Makes an already bound health server report this operator's readiness and metrics. */
    public HealthServer servedOn(HealthServer health) {
        return health.serve(this::ready, registry::scrape);
    }

    /** Started, and every informer healthy. */
    public boolean ready() {
        return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    public void start() {
        operator.start();
    }

    public Operator operator() {
        return operator;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * An informer that fails for good leaves the operator blind: exit, so that the pod restarts (JOSDK's
     * default). But not while stopping on purpose, when a watch reconnecting to a closed client fails.
     */
    private void informerStopped(io.fabric8.kubernetes.client.informers.SharedIndexInformer<?> informer, Throwable error) {
        if (error != null && informer.hasSynced() && !stopping) {
            LOG.error("an informer stopped: exiting so that a restart watches again", error);
            System.exit(1);
        }
    }

    /**
     * Leader election through a Lease. A replica that loses the lease while running exits, so that
     * no two replicas ever reconcile at once; stopping on purpose (close) does not. JOSDK's own exit
     * is switched off because it would also fire inside a shutdown hook, where System.exit blocks.
     */
    private LeaderElectionConfiguration leaderElection(String namespace) {
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> LOG.info("leading: reconciling"),
                () -> {
                    if (!stopping) {
                        LOG.error("lost the leader lease: exiting so that only the new leader reconciles");
                        new Thread(() -> System.exit(1), "exit-on-lost-lease").start();
                    }
                },
                leader -> LOG.info("leader is {}", leader));
        return new LeaderElectionConfiguration(OperatorSettings.LEASE_NAME, namespace,
                java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(2),
                null, callbacks, false);
    }

    @Override
    public void close() {
        stopping = true;
        operator.stop();
    }
}
