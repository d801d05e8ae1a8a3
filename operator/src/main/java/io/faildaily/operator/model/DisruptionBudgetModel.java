package io.faildaily.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.faildaily.operator.api.FailDaily;

/**
 * PodDisruptionBudgets: a node drain (an upgrade, a scale-down) evicts at most one pod of a tier at a time,
 * so a tier that runs several pods keeps serving through it. Only for the backend and the frontend, and only
 * with more than one replica: a budget over a single pod (the database is always one) would allow no
 * eviction at all and block every drain of its node until someone deletes the pod by hand.
 *
 * <p>{@code maxUnavailable: 1} rather than {@code minAvailable: 1}: both let one of two pods go, but with
 * more replicas minAvailable 1 would let a drain take all but one at once, while maxUnavailable 1 keeps
 * the rest serving whatever the replica count. Pods that are not ready may always be evicted
 * ({@code unhealthyPodEvictionPolicy: AlwaysAllow}): a crash-looping pod serves nothing, and must not make
 * a drain wait for it.
 */
public final class DisruptionBudgetModel {
    public static final int MAX_UNAVAILABLE = 1;
    public static final String UNHEALTHY_POD_EVICTION_POLICY = "AlwaysAllow";

    private DisruptionBudgetModel() {}

    /** A budget is wanted for a tier of this many replicas. */
    public static boolean wanted(int replicas) {
        return replicas > 1;
    }

    /** By the spec's replicas, not by those a pending restore holds the backend at: no churn around a restore. */
    public static boolean backendWanted(FailDaily fd) {
        return wanted(mostReplicas(fd.getSpec().getBackend().getAutoscaling(), fd.getSpec().getBackend().getReplicas()));
    }

    public static boolean frontendWanted(FailDaily fd) {
        return wanted(mostReplicas(fd.getSpec().getFrontend().getAutoscaling(), fd.getSpec().getFrontend().getReplicas()));
    }

    /** While autoscaled, as many as the autoscaler may run. */
    private static int mostReplicas(io.faildaily.operator.api.AutoscalingSpec autoscaling, int replicas) {
        return autoscaling == null ? replicas : java.util.Objects.requireNonNullElse(autoscaling.getMaxReplicas(), 1);
    }

    public static PodDisruptionBudget backend(FailDaily fd) {
        return of(fd, Part.BACKEND);
    }

    public static PodDisruptionBudget frontend(FailDaily fd) {
        return of(fd, Part.FRONTEND);
    }

    /** Named and labelled as the tier's workload; selects exactly its pods. */
    private static PodDisruptionBudget of(FailDaily fd, Part workload) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(ChildMetadata.of(fd, workload))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(MAX_UNAVAILABLE))
                .withNewSelector().withMatchLabels(Labels.selector(fd, workload.component())).endSelector()
                .withUnhealthyPodEvictionPolicy(UNHEALTHY_POD_EVICTION_POLICY)
                .endSpec()
                .build();
    }
}
