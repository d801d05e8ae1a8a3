package io.faildaily.operator.reconciler;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

/**
 * The children of one FailDaily as the informers last saw them.
 *
 * @param backupNowStarted the Job for the current backup-now token exists
 */
public record Observed(boolean externalDatabase, Optional<StatefulSet> database, Optional<Deployment> backend,
                       Optional<Deployment> frontend, Optional<CronJob> backupCronJob, boolean backupNowStarted) {
    /** Only the workloads: no backup CronJob, no backup-now Job. */
    public Observed(boolean externalDatabase, Optional<StatefulSet> database, Optional<Deployment> backend,
                    Optional<Deployment> frontend) {
        this(externalDatabase, database, backend, frontend, Optional.empty(), false);
    }
}
