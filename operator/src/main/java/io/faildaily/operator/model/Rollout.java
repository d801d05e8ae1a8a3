package io.faildaily.operator.model;

import java.util.List;

import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.faildaily.operator.api.VolumeSpec;

/** How a Deployment replaces its pods, decided by the claims its pods mount. */
final class Rollout {
    private Rollout() {}

    /**
     * Recreate when a mounted claim can be used from one node only: a rolling update starts the new pod
     * while the old one still holds the volume, and on another node the new pod would wait for it for ever.
     * Otherwise a rolling update, which keeps the part serving while it rolls.
     */
    static DeploymentStrategy of(List<VolumeSpec> mountedClaims) {
        boolean singleNode = mountedClaims.stream().anyMatch(volume -> !VolumeAccess.manyNodes(volume));
        return new DeploymentStrategyBuilder().withType(singleNode ? "Recreate" : "RollingUpdate").build();
    }
}
