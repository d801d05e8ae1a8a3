package io.faildaily.operator.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;

/**
 * The seed's network isolation: deny every ingress to the instance's pods, then allow the frontend from
 * anywhere, the backend from this instance's frontend only, and the database from this instance's backend
 * and backup jobs only.
 */
public final class NetworkPolicyModel {
    private NetworkPolicyModel() {}

    public static NetworkPolicy defaultDeny(FailDaily fd) {
        return new NetworkPolicyBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.DEFAULT_DENY))
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(Labels.instanceSelector(fd)).endPodSelector()
                .withPolicyTypes("Ingress")
                .endSpec()
                .build();
    }

    public static NetworkPolicy frontend(FailDaily fd) {
        return allow(fd, Part.FRONTEND, Component.FRONTEND, Defaults.FRONTEND_CONTAINER_PORT);
    }

    public static NetworkPolicy backend(FailDaily fd) {
        return allow(fd, Part.BACKEND, Component.BACKEND, fd.getSpec().getBackend().getPort(),
                Labels.selector(fd, Component.FRONTEND));
    }

    public static NetworkPolicy database(FailDaily fd) {
        return allow(fd, Part.DATABASE, Component.DATABASE, Defaults.DATABASE_PORT,
                Labels.selector(fd, Component.BACKEND), Labels.selector(fd, Component.BACKUP));
    }

    /** Ingress to {@code target}'s pods on {@code port}, from the given pods, or from anywhere when none. */
    @SafeVarargs
    private static NetworkPolicy allow(FailDaily fd, Part part, Component target, int port,
                                       Map<String, String>... fromPods) {
        List<NetworkPolicyPeer> peers = Arrays.stream(fromPods)
                .map(labels -> new NetworkPolicyPeerBuilder().withNewPodSelector().withMatchLabels(labels)
                        .endPodSelector().build())
                .toList();
        return new NetworkPolicyBuilder()
                .withMetadata(ChildMetadata.of(fd, part))
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(Labels.selector(fd, target)).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(peers)
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(port)).endPort()
                .endIngress()
                .endSpec()
                .build();
    }
}
