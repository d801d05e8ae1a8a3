package io.faildaily.operator.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The Deployment controller of the multi-node stand-in, without ReplicaSets: pods are created from the
 * template (labelled with its hash, owned by the Deployment) and deleted as the strategy says.
 * RollingUpdate creates new pods first, up to maxSurge above the wanted count, and deletes an old ready pod
 * only while at least replicas - maxUnavailable pods stay ready (old pods that are not ready go at once);
 * Recreate deletes every old pod before it creates a new one. The status is counted from the pods.
 */
final class DeploymentController {
    static final String HASH_LABEL = "pod-template-hash";

    private final KubernetesClient client;
    private final Placement placement;
    private final PodNames names;

    DeploymentController(KubernetesClient client, Placement placement, PodNames names) {
        this.client = client;
        this.placement = placement;
        this.names = names;
    }

    /** One pass over one Deployment; {@code pods} are its live pods as listed at the start of the pass. */
    void sync(Deployment deployment, List<Pod> pods) {
        String hash = PodsOf.hash(deployment.getSpec().getTemplate());
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        List<Pod> current = pods.stream().filter(p -> hash.equals(PodsOf.label(p, HASH_LABEL))).toList();
        List<Pod> old = pods.stream().filter(p -> !current.contains(p)).toList();
        writeStatus(deployment, pods, current);

        List<Pod> live = new ArrayList<>(pods);
        boolean recreate = deployment.getSpec().getStrategy() != null
                && "Recreate".equals(deployment.getSpec().getStrategy().getType());
        if (recreate) {
            if (!old.isEmpty()) {
                old.forEach(this::delete);
                return;
            }
            create(deployment, hash, desired - current.size(), live);
        } else {
            int surge = amount(deployment, true, desired);
            int unavailable = amount(deployment, false, desired);
            create(deployment, hash, Math.min(desired - current.size(), desired + surge - pods.size()), live);
            long ready = pods.stream().filter(PodsOf::ready).count();
            for (Pod pod : notReadyFirst(old)) {
                if (!PodsOf.ready(pod)) {
                    delete(pod);
                } else if (ready - 1 >= desired - unavailable) {
                    delete(pod);
                    ready--;
                }
            }
        }
        // Scaled down: the surplus of the current template goes, pods that do not serve first.
        notReadyFirst(current).stream().limit(Math.max(0, current.size() - desired)).forEach(this::delete);
    }

    private void create(Deployment deployment, String hash, int count, List<Pod> live) {
        for (int i = 0; i < count; i++) {
            List<Pod> siblings = List.copyOf(live);
            Pod pod = PodsOf.fromTemplate(deployment, deployment.getSpec().getTemplate(),
                    deployment.getMetadata().getName() + "-" + hash + "-" + names.next(), Map.of(HASH_LABEL, hash),
                    placement.place(deployment.getSpec().getTemplate().getSpec(), siblings), List.of());
            live.add(client.pods().inNamespace(deployment.getMetadata().getNamespace()).resource(pod).create());
        }
    }

    private void delete(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
    }

    /** Ready pods last, so that scaling down keeps the pods that serve; then by name, for repeatability. */
    private static List<Pod> notReadyFirst(List<Pod> pods) {
        return pods.stream().sorted(Comparator.comparing(PodsOf::ready)
                .thenComparing(p -> p.getMetadata().getName())).toList();
    }

    /** maxSurge (rounded up) or maxUnavailable (rounded down) of a RollingUpdate, 25% when not given. */
    private static int amount(Deployment deployment, boolean surge, int desired) {
        var rolling = deployment.getSpec().getStrategy() == null ? null : deployment.getSpec().getStrategy().getRollingUpdate();
        IntOrString value = rolling == null ? null : surge ? rolling.getMaxSurge() : rolling.getMaxUnavailable();
        if (value == null) {
            value = new IntOrString("25%");
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        double share = Double.parseDouble(value.getStrVal().replace("%", "")) / 100 * desired;
        return (int) (surge ? Math.ceil(share) : Math.floor(share));
    }

    private void writeStatus(Deployment deployment, List<Pod> pods, List<Pod> current) {
        long ready = pods.stream().filter(PodsOf::ready).count();
        String generation = String.valueOf(deployment.getMetadata().getGeneration());
        var status = deployment.getStatus();
        boolean same = status != null && Objects.equals(status.getReplicas(), pods.size())
                && Objects.equals(status.getUpdatedReplicas(), current.size())
                && Objects.equals(status.getReadyReplicas(), (int) ready)
                && Objects.equals(status.getAvailableReplicas(), (int) ready)
                && Objects.equals(String.valueOf(status.getObservedGeneration()), generation);
        if (same) {
            return;
        }
        String json = "{\"status\":{\"replicas\":" + pods.size() + ",\"updatedReplicas\":" + current.size()
                + ",\"readyReplicas\":" + ready + ",\"availableReplicas\":" + ready
                + ",\"unavailableReplicas\":" + (pods.size() - ready) + ",\"observedGeneration\":" + generation + "}}";
        client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }
}
