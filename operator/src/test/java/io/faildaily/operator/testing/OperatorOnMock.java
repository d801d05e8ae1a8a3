package io.faildaily.operator.testing;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.runtime.OperatorSettings;

/**
 * The operator running in this JVM against the mock API server (server-side apply off, as the mock
 * needs), with the kubelet stand-in marking workloads ready (or, {@link #onNodes}, the multi-node
 * stand-in running their pods); plus the lookups tests make on it. One per
 * test class; each test works in a namespace of its own.
 */
public final class OperatorOnMock implements AutoCloseable {
    private static final OperatorSettings DEFAULT_SETTINGS = new OperatorSettings(Set.of(), false, null, 4);

    private final MockCluster cluster = new MockCluster();
    /** One of the two stand-ins for the cluster's controllers: workload status only, or pods on nodes. */
    private final Kubelet kubelet;
    private final Nodes nodes;
    private final FailDailyOperator operator;

    private OperatorOnMock(OperatorSettings settings, Consumer<MockCluster> prepare, int nodeCount) {
        kubelet = nodeCount == 0 ? new Kubelet(cluster.fixtureClient()) : null;
        nodes = nodeCount == 0 ? null : new Nodes(cluster.fixtureClient(), nodeCount);
        prepare.accept(cluster);
        operator = new FailDailyOperator(cluster.client(), settings);
        operator.start();
    }

    /** Watching every namespace, without leader election. */
    public static OperatorOnMock start() {
        return start(DEFAULT_SETTINGS, cluster -> { });
    }

    /**
     * With these settings, after {@code prepare} has readied the cluster for them (e.g. created the
     * namespaces they name, which must exist before the operator watches them).
     */
    public static OperatorOnMock start(OperatorSettings settings, Consumer<MockCluster> prepare) {
        return new OperatorOnMock(settings, prepare, 0);
    }

    /** With {@link Nodes}, pods on {@code count} nodes, in place of the status-only {@link Kubelet}. */
    public static OperatorOnMock onNodes(int count) {
        return new OperatorOnMock(DEFAULT_SETTINGS, cluster -> { }, count);
    }

    public MockCluster cluster() {
        return cluster;
    }

    /** The test's client: its requests are not counted as the operator's. */
    public KubernetesClient k8s() {
        return cluster.fixtureClient();
    }

    public Kubelet kubelet() {
        if (kubelet == null) {
            throw new IllegalStateException("this cluster runs pods on nodes: use nodes()");
        }
        return kubelet;
    }

    public Nodes nodes() {
        if (nodes == null) {
            throw new IllegalStateException("this cluster has no nodes: start it with onNodes(n)");
        }
        return nodes;
    }

    public FailDailyOperator operator() {
        return operator;
    }

    /** A fresh namespace named after the test. */
    public String namespace(String prefix) {
        String ns = prefix + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        cluster.createNamespace(ns);
        return ns;
    }

    /** Creates fd as a new object: the server assigns its uid and generation. */
    public void create(FailDaily fd) {
        k8s().resource(FailDailies.asNew(fd)).create();
    }

    /**
     * The user's edit of the spec. It carries the resourceVersion it read, so a status write of the operator in
     * between makes the server answer 409: read again and edit again, as kubectl edit asks a person to.
     */
    public void editSpec(String ns, String name, Consumer<FailDailySpec> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                k8s().resources(FailDaily.class).inNamespace(ns).withName(name).edit(fd -> {
                    change.accept(fd.getSpec());
                    return fd;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    public FailDaily get(String ns, String name) {
        return k8s().resources(FailDaily.class).inNamespace(ns).withName(name).get();
    }

    public Phase phase(String ns, String name) {
        FailDaily fd = get(ns, name);
        return fd == null || fd.getStatus() == null ? null : fd.getStatus().getPhase();
    }

    /** Waits until the FailDaily is Ready for its current generation (not a Ready left from an earlier spec). */
    public void awaitReady(String ns, String name) {
        Await.until(ns + "/" + name + " Ready at the current generation", java.time.Duration.ofSeconds(60), () -> {
            FailDaily fd = get(ns, name);
            return fd.getStatus() != null && fd.getStatus().getPhase() == Phase.Ready
                    && fd.getMetadata().getGeneration().equals(fd.getStatus().getObservedGeneration());
        });
    }

    /** Reconciliations that ended well so far, as JOSDK's metrics count them: to wait for one after a change. */
    public double reconciliations() {
        return operator.registry().find("operator.sdk.reconciliations.success").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    public Condition condition(String ns, String name, String type) {
        return get(ns, name).getStatus().condition(type).orElseThrow(() -> new AssertionError("no condition " + type));
    }

    public List<Event> events(String ns) {
        return k8s().v1().events().inNamespace(ns).list().getItems();
    }

    @Override
    public void close() {
        operator.close();
        if (kubelet != null) {
            kubelet.close();
        }
        if (nodes != null) {
            nodes.close();
        }
        cluster.close();
    }
}
