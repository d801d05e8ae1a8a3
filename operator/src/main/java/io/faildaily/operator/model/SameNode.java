package io.faildaily.operator.model;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;

/**
 * Pod affinity that puts a pod on the node of the pods {@code selector} matches, while any runs. Pods that
 * share a ReadWriteOnce claim and may run at the same time carry it, so the claim is only ever attached to
 * one node. A pod that matches its own selector may go anywhere when none of the others runs.
 */
final class SameNode {
    static final String HOSTNAME = "kubernetes.io/hostname";

    private SameNode() {}

    static Affinity as(Map<String, String> selector) {
        return new AffinityBuilder()
                .withNewPodAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withNewLabelSelector().withMatchLabels(selector).endLabelSelector()
                .withTopologyKey(HOSTNAME)
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAffinity()
                .build();
    }
}
