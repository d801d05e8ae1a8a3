package io.faildaily.operator.testing;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The attach/detach controller of the multi-node stand-in: a claim that only allows ReadWriteOnce (or
 * ReadWriteOncePod) is attached to the node of the first pod that mounts it, and stays there while a pod
 * on that node mounts it; a pod on another node cannot use it meanwhile (the Multi-Attach error). Claims
 * with ReadWriteMany or ReadOnlyMany attach anywhere. Detaching is immediate once the last pod on the node
 * is gone (no unmount time).
 */
final class Attachments {
    /** "namespace/claim" to node. */
    private final Map<String, String> attached = new ConcurrentHashMap<>();

    static boolean exclusive(PersistentVolumeClaim claim) {
        var modes = claim.getSpec() == null ? null : claim.getSpec().getAccessModes();
        return modes != null && !modes.isEmpty() && !modes.contains("ReadWriteMany") && !modes.contains("ReadOnlyMany");
    }

    /** Detaches every claim that no pod on its node mounts any more. */
    void release(Collection<Pod> livePods) {
        attached.entrySet().removeIf(e -> livePods.stream().noneMatch(p -> e.getValue().equals(p.getSpec().getNodeName())
                && PodsOf.claims(p).contains(e.getKey().substring(e.getKey().indexOf('/') + 1))
                && e.getKey().startsWith(p.getMetadata().getNamespace() + "/")));
    }

    /** Attaches the claim to the pod's node if it is free; the node it is attached to elsewhere, if any. */
    Optional<String> attach(Pod pod, String claim) {
        String key = pod.getMetadata().getNamespace() + "/" + claim;
        String node = attached.computeIfAbsent(key, k -> pod.getSpec().getNodeName());
        return node.equals(pod.getSpec().getNodeName()) ? Optional.empty() : Optional.of(node);
    }

    Optional<String> nodeOf(String namespace, String claim) {
        return Optional.ofNullable(attached.get(namespace + "/" + claim));
    }
}
