package io.faildaily.operator.reconciler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Events of the pods that are stuck creating their containers ({@link PodProblems#awaitingVolumes}): one
 * LIST per such pod, narrowed by the API server to the pod's own Events with the field selector
 * {@code involvedObject.kind=Pod,involvedObject.name=<pod>}. The only read of the reconciliation that does
 * not come from an informer's cache, and it is made only while a pod is stuck: a FailDaily whose pods run
 * reads no Event. Which Events belong to the pod itself (not to an earlier pod of the same name) is decided
 * by {@link PodProblems}, from their uid.
 *
 * <p>A LIST the API server refuses (a Role from before the operator listed Events) is logged and read as no
 * Event: the problem is then reported from the pod's status alone, as StuckInContainerCreating.
 */
final class PodEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PodEvents.class);

    private PodEvents() {}

    /** By pod name, the Events of each of these pods. */
    static Map<String, List<Event>> of(KubernetesClient client, List<Pod> stuck) {
        Map<String, List<Event>> events = new HashMap<>();
        for (Pod pod : stuck) {
            String name = pod.getMetadata().getName();
            try {
                events.put(name, client.v1().events().inNamespace(pod.getMetadata().getNamespace())
                        .withField("involvedObject.kind", "Pod").withField("involvedObject.name", name)
                        .list().getItems());
            } catch (KubernetesClientException e) {
                LOG.warn("cannot read the Events of pod {}, which is stuck creating its containers: {}", name,
                        ErrorMessages.summary(e));
            }
        }
        return events;
    }
}
