package io.faildaily.operator.testing;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.runtime.OperatorSettings;

/**
 * The operator running in this JVM against the mock API server (server-side apply off, as the mock
 * needs), with the kubelet stand-in marking workloads ready; plus the lookups tests make on it. One per
 * test class; each test works in a namespace of its own.
 */
public final class OperatorOnMock implements AutoCloseable {
    private final MockCluster cluster = new MockCluster();
    private final Kubelet kubelet = new Kubelet(cluster.fixtureClient());
    private final FailDailyOperator operator;

    private OperatorOnMock(OperatorSettings settings, Consumer<MockCluster> prepare) {
        prepare.accept(cluster);
        operator = new FailDailyOperator(cluster.client(), settings);
        operator.start();
    }

    /** Watching every namespace, without leader election. */
    public static OperatorOnMock start() {
        return start(new OperatorSettings(Set.of(), false, null, 4), cluster -> { });
    }

    /**
     * With these settings, after {@code prepare} has readied the cluster for them (e.g. created the
     * namespaces they name, which must exist before the operator watches them).
     */
    public static OperatorOnMock start(OperatorSettings settings, Consumer<MockCluster> prepare) {
        return new OperatorOnMock(settings, prepare);
    }

    public MockCluster cluster() {
        return cluster;
    }

    /** The test's client: its requests are not counted as the operator's. */
    public KubernetesClient k8s() {
        return cluster.fixtureClient();
    }

    public Kubelet kubelet() {
        return kubelet;
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

    public FailDaily get(String ns, String name) {
        return k8s().resources(FailDaily.class).inNamespace(ns).withName(name).get();
    }

    public Phase phase(String ns, String name) {
        FailDaily fd = get(ns, name);
        return fd == null || fd.getStatus() == null ? null : fd.getStatus().getPhase();
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
        kubelet.close();
        cluster.close();
    }
}
