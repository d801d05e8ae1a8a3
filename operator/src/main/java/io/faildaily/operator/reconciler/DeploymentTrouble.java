package io.faildaily.operator.reconciler;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

/**
 * What a Deployment's own controller says went wrong, for when no pod explains it: pods it could not
 * create at all (a ResourceQuota, an admission webhook, Pod Security admission), or a rollout that made
 * no progress within its deadline.
 */
final class DeploymentTrouble {
    static final String FAILED_CREATE = "FailedCreate";
    static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    private DeploymentTrouble() {}

    static Optional<StatusAggregator.Part> of(String name, Deployment deployment) {
        List<DeploymentCondition> conditions = deployment.getStatus() == null ? List.of()
                : Optional.ofNullable(deployment.getStatus().getConditions()).orElse(List.of());
        Optional<DeploymentCondition> replicaFailure = conditions.stream()
                .filter(c -> "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
        Optional<DeploymentCondition> deadline = conditions.stream()
                .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                        && PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason())).findFirst();
        return Stream.concat(replicaFailure.stream().map(c -> part(FAILED_CREATE, name, "its pods cannot be created", c)),
                deadline.stream().map(c -> part(PROGRESS_DEADLINE_EXCEEDED, name, "the rollout made no progress", c)))
                .findFirst();
    }

    private static StatusAggregator.Part part(String reason, String name, String what, DeploymentCondition condition) {
        String message = condition.getMessage() == null ? "" : ": " + condition.getMessage().strip();
        return new StatusAggregator.Part(false, reason, "the " + name + " is not ready: " + what + message, true);
    }
}
