package io.faildaily.operator.model;

import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.faildaily.operator.api.FailDaily;

/**
 * Replicas of a tier on different nodes where the cluster allows it, so that losing a node loses one pod
 * of the tier, not all of them. A preference ({@code ScheduleAnyway}), never a requirement: on a
 * single-node cluster, or where a volume pins the pods to one node, they still schedule. Rendered whatever
 * the replica count, so that scaling from one replica to more does not change the pod template and roll
 * the running pod.
 */
public final class NodeSpread {
    public static final String TOPOLOGY_KEY = "kubernetes.io/hostname";

    private NodeSpread() {}

    /** At most one pod more on any node than on any other, among the pods of {@code component}. */
    public static TopologySpreadConstraint of(FailDaily fd, Component component) {
        return new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey(TOPOLOGY_KEY)
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().withMatchLabels(Labels.selector(fd, component)).endLabelSelector()
                .build();
    }
}
