package io.faildaily.operator.dependent;

import java.util.Objects;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** Whether a workload serves, read from the status its controller wrote. */
public final class Readiness {
    private Readiness() {}

    public static int desired(Deployment deployment) {
        return Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    }

    public static int ready(Deployment deployment) {
        return deployment.getStatus() == null ? 0
                : Objects.requireNonNullElse(deployment.getStatus().getReadyReplicas(), 0);
    }

    /**
     * Every wanted replica ready, as observed for the current spec. Scaled to zero, it is "ready" only
     * once no pod is left, so what waits for it (a restore) starts after the last pod stopped.
     */
    public static boolean isReady(Deployment deployment) {
        if (desired(deployment) == 0) {
            return deployment.getStatus() == null
                    || Objects.requireNonNullElse(deployment.getStatus().getReplicas(), 0) == 0;
        }
        return ready(deployment) >= desired(deployment)
                && observedCurrent(deployment.getMetadata().getGeneration(),
                deployment.getStatus() == null ? null : deployment.getStatus().getObservedGeneration());
    }

    public static int ready(StatefulSet statefulSet) {
        return statefulSet.getStatus() == null ? 0
                : Objects.requireNonNullElse(statefulSet.getStatus().getReadyReplicas(), 0);
    }

    public static boolean isReady(StatefulSet statefulSet) {
        return ready(statefulSet) >= Objects.requireNonNullElse(statefulSet.getSpec().getReplicas(), 1)
                && ready(statefulSet) > 0;
    }

    /** A controller's status describes the current spec once it observed the current generation. */
    private static boolean observedCurrent(Long generation, Long observed) {
        return generation == null || observed == null || observed >= generation;
    }
}
