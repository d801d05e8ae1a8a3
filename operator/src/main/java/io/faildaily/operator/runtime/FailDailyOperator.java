package io.faildaily.operator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.reconciler.FailDailyReconciler;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The JOSDK operator with the FailDaily controller registered, configured from {@link OperatorSettings}. */
public final class FailDailyOperator implements AutoCloseable {
    private final Operator operator;
    private final PrometheusMeterRegistry registry;

    public FailDailyOperator(KubernetesClient client, OperatorSettings settings) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                    .withSSABasedCreateUpdateMatchForDependentResources(settings.serverSideApply())
                    .withUseSSAToPatchPrimaryResource(settings.serverSideApply())
                    .withConcurrentReconciliationThreads(settings.reconcileThreads())
                    .withCloseClientOnStop(false);
            if (settings.leaseNamespace() != null) {
                o.withLeaderElectionConfiguration(
                        new LeaderElectionConfiguration(OperatorSettings.LEASE_NAME, settings.leaseNamespace()));
            }
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
        return new HealthServer(port,
                () -> operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy(),
                registry::scrape);
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

    @Override
    public void close() {
        operator.stop();
    }
}
