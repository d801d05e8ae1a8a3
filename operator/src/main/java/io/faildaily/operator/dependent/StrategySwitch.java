package io.faildaily.operator.dependent;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;

/**
 * A Deployment moving from RollingUpdate to Recreate (its pods now mount a claim that attaches to one node).
 * The API server filled in {@code strategy.rollingUpdate} when the Deployment was created, and refuses it
 * next to {@code type: Recreate}; a server-side apply cannot drop it, because no field manager owns a
 * default. So the switch is made first by a JSON merge patch that sets the type and removes the defaults,
 * and the apply follows. (Without server-side apply the update replaces the whole spec: nothing to do.)
 */
final class StrategySwitch {
    static final String TO_RECREATE = "{\"spec\":{\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":null}}}";

    private StrategySwitch() {}

    /** The merge patch to send before applying {@code desired} over {@code actual}, if one is needed. */
    static Optional<String> before(Deployment actual, Deployment desired) {
        DeploymentStrategy wanted = desired.getSpec() == null ? null : desired.getSpec().getStrategy();
        DeploymentStrategy current = actual.getSpec() == null ? null : actual.getSpec().getStrategy();
        boolean toRecreate = wanted != null && "Recreate".equals(wanted.getType());
        boolean rollingLeft = current != null && current.getRollingUpdate() != null;
        return toRecreate && rollingLeft ? Optional.of(TO_RECREATE) : Optional.empty();
    }
}
