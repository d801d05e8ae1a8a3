package io.faildaily.operator.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The StatefulSet controller of the multi-node stand-in, for the default OrderedReady policy and a
 * RollingUpdate without partition: pods {@code <name>-0..n-1}, each created only once the ones before it
 * are ready, with a claim per volumeClaimTemplate ({@code <template>-<pod>}) created first. A template
 * change is rolled out from the highest ordinal down, one pod at a time, and only while every pod is
 * ready: a pod that never gets ready stops the rollout, and after the template is fixed the controller
 * still waits for that pod (the reason Kubernetes documents a "forced rollback" by deleting it).
 * The status (revisions included) is counted from the pods; currentRevision follows updateRevision once
 * every pod is updated and ready.
 */
final class StatefulSetController {
    static final String REVISION_LABEL = "controller-revision-hash";
    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

    private final KubernetesClient client;
    private final Placement placement;
    /**
     * The current revision of each StatefulSet (by uid), kept here as the real controller keeps it in its
     * ControllerRevisions: the mock API server drops a workload's status when the operator replaces the
     * object, so the status cannot remember it.
     */
    private final Map<String, String> currentRevisions = new java.util.concurrent.ConcurrentHashMap<>();

    StatefulSetController(KubernetesClient client, Placement placement) {
        this.client = client;
        this.placement = placement;
    }

    /** One pass over one StatefulSet; {@code pods} are its live pods as listed at the start of the pass. */
    void sync(StatefulSet statefulSet, List<Pod> pods, List<PersistentVolumeClaim> claims) {
        String name = statefulSet.getMetadata().getName();
        String updateRevision = name + "-" + PodsOf.hash(statefulSet.getSpec().getTemplate());
        int desired = Objects.requireNonNullElse(statefulSet.getSpec().getReplicas(), 1);
        Map<Integer, Pod> byOrdinal = new HashMap<>();
        pods.forEach(p -> byOrdinal.put(ordinal(name, p), p));
        writeStatus(statefulSet, pods, updateRevision, desired);

        for (int i = 0; i < desired; i++) {
            Pod pod = byOrdinal.get(i);
            if (pod == null) {
                create(statefulSet, i, updateRevision, pods, claims);
                return;
            }
            if (!PodsOf.ready(pod)) {
                return; // OrderedReady: nothing more until this pod is ready, whatever its revision
            }
        }
        Optional<Pod> surplus = byOrdinal.entrySet().stream().filter(e -> e.getKey() >= desired)
                .max(Map.Entry.comparingByKey()).map(Map.Entry::getValue);
        if (surplus.isPresent()) {
            delete(surplus.get());
            return;
        }
        for (int i = desired - 1; i >= 0; i--) {
            if (!updateRevision.equals(PodsOf.label(byOrdinal.get(i), REVISION_LABEL))) {
                delete(byOrdinal.get(i)); // recreated at the update revision on a later pass
                return;
            }
        }
    }

    private void create(StatefulSet statefulSet, int ordinal, String revision, List<Pod> siblings,
                        List<PersistentVolumeClaim> claims) {
        String namespace = statefulSet.getMetadata().getNamespace();
        String podName = statefulSet.getMetadata().getName() + "-" + ordinal;
        List<Volume> volumes = new ArrayList<>();
        for (PersistentVolumeClaim template : Optional.ofNullable(statefulSet.getSpec().getVolumeClaimTemplates()).orElse(List.of())) {
            String claimName = template.getMetadata().getName() + "-" + podName;
            if (claims.stream().noneMatch(c -> c.getMetadata().getNamespace().equals(namespace)
                    && c.getMetadata().getName().equals(claimName))) {
                client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                        .withNewMetadata().withName(claimName).withNamespace(namespace)
                        .withLabels(template.getMetadata().getLabels()).endMetadata()
                        .withSpec(template.getSpec()).build()).create();
            }
            volumes.add(new VolumeBuilder().withName(template.getMetadata().getName()).withNewPersistentVolumeClaim()
                    .withClaimName(claimName).endPersistentVolumeClaim().build());
        }
        Pod pod = PodsOf.fromTemplate(statefulSet, statefulSet.getSpec().getTemplate(), podName,
                Map.of(REVISION_LABEL, revision, POD_NAME_LABEL, podName), placement.place(statefulSet.getSpec().getTemplate().getSpec(), siblings), volumes);
        client.pods().inNamespace(namespace).resource(pod).create();
    }

    private void delete(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
    }

    private static int ordinal(String statefulSet, Pod pod) {
        return Integer.parseInt(pod.getMetadata().getName().substring(statefulSet.length() + 1));
    }

    private void writeStatus(StatefulSet statefulSet, List<Pod> pods, String updateRevision, int desired) {
        long ready = pods.stream().filter(PodsOf::ready).count();
        long updated = pods.stream().filter(p -> updateRevision.equals(PodsOf.label(p, REVISION_LABEL))).count();
        var status = statefulSet.getStatus();
        String uid = statefulSet.getMetadata().getUid();
        String previous = currentRevisions.computeIfAbsent(uid, u -> updateRevision);
        String current = updated == desired && ready == desired && pods.size() == desired ? updateRevision : previous;
        currentRevisions.put(uid, current);
        long atCurrent = pods.stream().filter(p -> current.equals(PodsOf.label(p, REVISION_LABEL))).count();
        String generation = String.valueOf(statefulSet.getMetadata().getGeneration());
        boolean same = status != null && Objects.equals(status.getReplicas(), pods.size())
                && Objects.equals(status.getReadyReplicas(), (int) ready)
                && Objects.equals(status.getUpdatedReplicas(), (int) updated)
                && Objects.equals(status.getCurrentReplicas(), (int) atCurrent)
                && current.equals(status.getCurrentRevision()) && updateRevision.equals(status.getUpdateRevision())
                && Objects.equals(String.valueOf(status.getObservedGeneration()), generation);
        if (same) {
            return;
        }
        String json = "{\"status\":{\"replicas\":" + pods.size() + ",\"readyReplicas\":" + ready
                + ",\"availableReplicas\":" + ready + ",\"currentReplicas\":" + atCurrent + ",\"updatedReplicas\":" + updated
                + ",\"currentRevision\":\"" + current + "\",\"updateRevision\":\"" + updateRevision
                + "\",\"observedGeneration\":" + generation + "}}";
        client.apps().statefulSets().inNamespace(statefulSet.getMetadata().getNamespace())
                .withName(statefulSet.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }
}
