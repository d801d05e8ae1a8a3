package io.faildaily.operator.testing;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Stands in for the workload controllers and kubelets the mock API server lacks: every 50 ms (by default) it marks
 * StatefulSets and Deployments as having all replicas ready, the way their controllers report it on a
 * cluster, unless the test holds a workload back ({@link #hold}) to model a pod that is not ready.
 * It writes status by JSON merge patch on /status, and only when the status would change.
 */
public final class Kubelet implements AutoCloseable {
    private final KubernetesClient client;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-kubelet");
        thread.setDaemon(true);
        return thread;
    });

    public Kubelet(KubernetesClient fixtureClient) {
        this(fixtureClient, java.time.Duration.ofMillis(50));
    }

    /** A kubelet that looks every {@code period} instead of every 50 ms (each look lists every workload). */
    public Kubelet(KubernetesClient fixtureClient, java.time.Duration period) {
        this.client = fixtureClient;
        loop.scheduleWithFixedDelay(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Workloads with this name report no ready replica until released. */
    public void hold(String name) {
        held.add(name);
    }

    public void release(String name) {
        held.remove(name);
    }

    private void tick() {
        try {
            for (StatefulSet s : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
                int want = held.contains(s.getMetadata().getName()) ? 0 : replicas(s.getSpec().getReplicas());
                Integer ready = s.getStatus() == null ? null : s.getStatus().getReadyReplicas();
                if (!Objects.equals(ready, want) || !observed(s, s.getStatus() == null ? null : s.getStatus().getObservedGeneration())) {
                    patch(client.apps().statefulSets(), s, want);
                }
            }
            for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
                int want = held.contains(d.getMetadata().getName()) ? 0 : replicas(d.getSpec().getReplicas());
                Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
                if (!Objects.equals(ready, want) || !observed(d, d.getStatus() == null ? null : d.getStatus().getObservedGeneration())) {
                    patch(client.apps().deployments(), d, want);
                }
            }
        } catch (KubernetesClientException e) {
            // An object deleted between list and patch: the next tick sees the new state.
        } catch (RuntimeException e) {
            // Anything else must not end the loop either: an exception thrown out of a scheduled task
            // cancels it for good, and every workload after it would wait for a kubelet that is gone.
            org.slf4j.LoggerFactory.getLogger(Kubelet.class).warn("kubelet tick failed, next tick in a moment", e);
        }
    }

    private static boolean observed(HasMetadata workload, Long observedGeneration) {
        return Objects.equals(workload.getMetadata().getGeneration(), observedGeneration);
    }

    private static <T extends HasMetadata> void patch(
            io.fabric8.kubernetes.client.dsl.MixedOperation<T, ?, ? extends io.fabric8.kubernetes.client.dsl.Resource<T>> op,
            T workload, int ready) {
        String generation = workload.getMetadata().getGeneration() == null ? "null"
                : String.valueOf(workload.getMetadata().getGeneration());
        String json = "{\"status\":{\"replicas\":" + ready + ",\"readyReplicas\":" + ready
                + ",\"availableReplicas\":" + ready + ",\"updatedReplicas\":" + ready
                + ",\"observedGeneration\":" + generation + "}}";
        op.inNamespace(workload.getMetadata().getNamespace()).withName(workload.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }

    private static int replicas(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
