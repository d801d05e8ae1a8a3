package io.faildaily.operator.dependent;

import java.util.Objects;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

/**
 * Whether a workload serves the current spec, read from the status its controller wrote.
 *
 * <p>Ready means the rollout is complete, not merely that enough pods are ready: during a rolling update the
 * old pods stay ready while the new ones start, so counting ready pods alone would call a stuck rollout (a
 * new pod that never starts, an old one still serving) Ready. Both controllers say when a rollout is done:
 * a Deployment when every replica is updated and available and no old one is left, a StatefulSet when its
 * current revision has caught up with its update revision. Both only for the generation they observed.
 */
public final class Readiness {
    private Readiness() {}

    public static int desired(Deployment deployment) {
        return Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    }

    public static int desired(StatefulSet statefulSet) {
        return Objects.requireNonNullElse(statefulSet.getSpec().getReplicas(), 1);
    }

    public static int ready(Deployment deployment) {
        return count(deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas());
    }

    /** Pods running the current pod template. */
    public static int updated(Deployment deployment) {
        return count(deployment.getStatus() == null ? null : deployment.getStatus().getUpdatedReplicas());
    }

    /** Pods of any template, old ones still stopping included. */
    public static int existing(Deployment deployment) {
        return count(deployment.getStatus() == null ? null : deployment.getStatus().getReplicas());
    }

    /**
     * The rollout of the current spec is complete: every wanted replica updated and available, no old one
     * left. Scaled to zero, it is "ready" only once no pod is left, so what waits for it (a restore) starts
     * after the last pod stopped.
     */
    public static boolean isReady(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        if (desired(deployment) == 0) {
            return status == null || count(status.getReplicas()) == 0;
        }
        int desired = desired(deployment);
        return status != null && observedCurrent(deployment.getMetadata().getGeneration(), status.getObservedGeneration())
                && count(status.getUpdatedReplicas()) == desired
                && count(status.getAvailableReplicas()) == desired
                && count(status.getReplicas()) == desired
                && count(status.getReadyReplicas()) >= desired;
    }

    /** Pods of an older template are still there while the new ones are not all ready: a rolling update. */
    public static boolean isRollingOut(Deployment deployment) {
        return !isReady(deployment) && existing(deployment) > updated(deployment);
    }

    public static int ready(StatefulSet statefulSet) {
        return count(statefulSet.getStatus() == null ? null : statefulSet.getStatus().getReadyReplicas());
    }

    /** Every pod at the update revision and ready, and the controller's current revision caught up with it. */
    public static boolean isReady(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        int desired = desired(statefulSet);
        return status != null && desired > 0
                && observedCurrent(statefulSet.getMetadata().getGeneration(), status.getObservedGeneration())
                && Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())
                && count(status.getUpdatedReplicas()) == desired
                && count(status.getReplicas()) == desired
                && count(status.getReadyReplicas()) == desired;
    }

    /** The controller is replacing pods of an older revision. */
    public static boolean isRollingOut(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        return !isReady(statefulSet) && status != null && status.getUpdateRevision() != null
                && !Objects.equals(status.getCurrentRevision(), status.getUpdateRevision());
    }

    /**
     * The update revision of the current spec, once the controller has observed it: pods of any other
     * revision are left over from an earlier spec.
     */
    public static java.util.Optional<String> currentUpdateRevision(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        if (status == null || status.getUpdateRevision() == null
                || !observedCurrent(statefulSet.getMetadata().getGeneration(), status.getObservedGeneration())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(status.getUpdateRevision());
    }

    /**
     * A controller's status describes the current spec once it observed the current generation. An object
     * without a generation (built in a test, never stored) is taken as observed.
     */
    private static boolean observedCurrent(Long generation, Long observed) {
        return generation == null || (observed != null && observed >= generation);
    }

    private static int count(Integer value) {
        return Objects.requireNonNullElse(value, 0);
    }
}
