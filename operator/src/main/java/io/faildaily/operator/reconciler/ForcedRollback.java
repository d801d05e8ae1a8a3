package io.faildaily.operator.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.faildaily.operator.dependent.Readiness;

/**
 * Deletes the database pods left on a broken revision once the spec has moved on.
 *
 * <p>A StatefulSet with the default OrderedReady rolling update waits for each pod to be Running and Ready
 * before it replaces the next one. A pod created from a broken template (an image that cannot be pulled,
 * a configuration mysqld refuses) never gets ready, so after the spec is fixed the controller waits for
 * it for ever: Kubernetes documents that such pods must be deleted by hand ("forced rollback"). This step
 * does it: a pod whose {@code controller-revision-hash} is not the update revision the controller reports
 * for the current generation, and that is not ready, is deleted once, and the controller recreates it from
 * the fixed template. The volume is not touched: the claim outlives the pod. A ready pod of an older
 * revision is never deleted here: that is an ordinary rolling update, which the controller runs itself.
 */
final class ForcedRollback {
    static final String REVISION_LABEL = "controller-revision-hash";
    static final String REASON = "ForcedRollback";

    private ForcedRollback() {}

    /** The pods to delete: not ready, not already terminating, of a revision the spec no longer asks for. */
    static List<Pod> stuckPods(Optional<StatefulSet> statefulSet, List<Pod> pods) {
        Optional<String> updateRevision = statefulSet.flatMap(Readiness::currentUpdateRevision);
        if (updateRevision.isEmpty()) {
            return List.of();
        }
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().get(REVISION_LABEL) != null)
                .filter(p -> !Objects.equals(p.getMetadata().getLabels().get(REVISION_LABEL), updateRevision.get()))
                .filter(p -> !PodProblems.isReady(p))
                .toList();
    }

    /** Deletes the stuck pods; one Event each says why. */
    static List<Notice> apply(Optional<StatefulSet> statefulSet, List<Pod> pods, KubernetesClient client) {
        List<Notice> notices = new ArrayList<>();
        for (Pod pod : stuckPods(statefulSet, pods)) {
            String revision = pod.getMetadata().getLabels().get(REVISION_LABEL);
            try {
                // Only the pod as it was seen: a pod of the same name that the controller has just recreated
                // (or that changed meanwhile) is left alone, and the next reconciliation looks again.
                client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).lockResourceVersion().delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 || e.getCode() == 404) {
                    continue;
                }
                throw e;
            }
            notices.add(new Notice(EventRecorder.Type.Normal, REASON, "deleted pod " + pod.getMetadata().getName()
                    + ": it is not ready on revision " + revision + ", which the spec no longer asks for, and the"
                    + " StatefulSet controller waits for such a pod for ever; it is recreated at revision "
                    + statefulSet.get().getStatus().getUpdateRevision()));
        }
        return notices;
    }
}
