package io.faildaily.operator.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.faildaily.operator.model.Component;
import io.faildaily.operator.model.Labels;

/**
 * The children of one FailDaily as the informers last saw them, and the Events of its stuck pods.
 *
 * @param backupNowStarted the Job for the current backup-now token exists
 * @param pods the pods of the database, backend and frontend, which say why a workload is not ready
 * @param podEvents by pod name, the Events of the pods stuck creating their containers ({@link PodEvents}):
 *                  the only thing observed by a read of its own rather than from an informer
 */
public record Observed(boolean externalDatabase, Optional<StatefulSet> database, Optional<Deployment> backend,
                       Optional<Deployment> frontend, Optional<CronJob> backupCronJob, boolean backupNowStarted,
                       List<Pod> pods, Map<String, List<Event>> podEvents) {
    /** Only the workloads: no backup CronJob, no backup-now Job, no pods. */
    public Observed(boolean externalDatabase, Optional<StatefulSet> database, Optional<Deployment> backend,
                    Optional<Deployment> frontend) {
        this(externalDatabase, database, backend, frontend, Optional.empty(), false, List.of());
    }

    /** No pod Events read. */
    public Observed(boolean externalDatabase, Optional<StatefulSet> database, Optional<Deployment> backend,
                    Optional<Deployment> frontend, Optional<CronJob> backupCronJob, boolean backupNowStarted,
                    List<Pod> pods) {
        this(externalDatabase, database, backend, frontend, backupCronJob, backupNowStarted, pods, Map.of());
    }

    /** The same observation with these pods. */
    public Observed withPods(List<Pod> pods) {
        return new Observed(externalDatabase, database, backend, frontend, backupCronJob, backupNowStarted,
                List.copyOf(pods), podEvents);
    }

    /** The same observation with these Events of stuck pods, by pod name. */
    public Observed withPodEvents(Map<String, List<Event>> events) {
        return new Observed(externalDatabase, database, backend, frontend, backupCronJob, backupNowStarted, pods,
                Map.copyOf(events));
    }

    /** The pods of one tier, by their app.kubernetes.io/component label. */
    public List<Pod> podsOf(Component component) {
        return pods.stream().filter(p -> p.getMetadata().getLabels() != null
                && component.label().equals(p.getMetadata().getLabels().get(Labels.COMPONENT))).toList();
    }
}
