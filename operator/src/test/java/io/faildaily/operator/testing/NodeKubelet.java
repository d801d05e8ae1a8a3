package io.faildaily.operator.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.testing.PodStatuses.ContainerPhase;

/**
 * The kubelets of the multi-node stand-in: for each pod on its node, the status a kubelet would write.
 * A pod whose ReadWriteOnce claim is attached to another node stays in ContainerCreating for ever, with
 * one FailedAttachVolume "Multi-Attach error" Event, as the attach/detach controller reports it. Otherwise
 * its containers start on the pass after the pod was first seen (ContainerCreating until then) and are
 * ready, except those whose image is unpullable (ErrImagePull and ImagePullBackOff in turn, a second each)
 * or held not ready by the test.
 */
final class NodeKubelet {
    private final KubernetesClient client;
    private final Attachments attachments;
    private final Set<String> unpullable;
    private final Set<String> notReady;
    /** Pod uid to when the kubelet first saw it: its start, and the clock of its pull retries. */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Set<String> multiAttachReported = ConcurrentHashMap.newKeySet();

    NodeKubelet(KubernetesClient client, Attachments attachments, Set<String> unpullable, Set<String> notReady) {
        this.client = client;
        this.attachments = attachments;
        this.unpullable = unpullable;
        this.notReady = notReady;
    }

    /** One pass over every live pod, oldest first: the first pod on a claim gets it attached. */
    void sync(List<Pod> pods, Map<String, PersistentVolumeClaim> claims) {
        attachments.release(pods);
        seen.keySet().retainAll(pods.stream().map(p -> p.getMetadata().getUid()).toList());
        Instant now = Instant.now();
        pods.stream().sorted(java.util.Comparator.comparing((Pod p) -> seen.getOrDefault(p.getMetadata().getUid(), now))
                        .thenComparing(p -> p.getMetadata().getName()))
                .forEach(pod -> Nodes.quietly(() -> sync(pod, claims, now, pods)));
    }

    private void sync(Pod pod, Map<String, PersistentVolumeClaim> claims, Instant now, List<Pod> pods) {
        Instant since = seen.computeIfAbsent(pod.getMetadata().getUid(), uid -> now);
        Optional<String> blocked = Optional.empty();
        for (String claim : PodsOf.claims(pod)) {
            PersistentVolumeClaim pvc = claims.get(pod.getMetadata().getNamespace() + "/" + claim);
            if (pvc != null && Attachments.exclusive(pvc)) {
                Optional<String> elsewhere = attachments.attach(pod, claim);
                if (elsewhere.isPresent() && blocked.isEmpty()) {
                    blocked = Optional.of(claim);
                    reportMultiAttach(pod, pvc, pods.stream().filter(p -> elsewhere.get().equals(p.getSpec().getNodeName())
                            && p.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())
                            && PodsOf.claims(p).contains(claim)).map(p -> p.getMetadata().getName()).toList());
                }
            }
        }
        boolean started = blocked.isEmpty() && now.isAfter(since);
        long secondsSince = ChronoUnit.SECONDS.between(since, now);
        PodStatus status = PodStatuses.scheduled(pod, since.truncatedTo(ChronoUnit.SECONDS).toString(),
                container -> phase(container, started, secondsSince));
        if (!Serialization.asJson(status).equals(Serialization.asJson(pod.getStatus()))) {
            // A JSON Patch that replaces the whole status: the mock API server's merge patch appends to
            // lists (conditions, containerStatuses) instead of replacing them.
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON),
                            "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + Serialization.asJson(status) + "}]");
        }
    }

    private ContainerPhase phase(Container container, boolean started, long secondsSince) {
        if (unpullable.contains(container.getImage())) {
            return secondsSince % 2 == 0 ? ContainerPhase.ERR_IMAGE_PULL : ContainerPhase.IMAGE_PULL_BACK_OFF;
        }
        if (!started) {
            return ContainerPhase.CREATING;
        }
        return notReady.contains(container.getImage()) ? ContainerPhase.NOT_READY : ContainerPhase.READY;
    }

    private void reportMultiAttach(Pod pod, PersistentVolumeClaim claim, List<String> users) {
        if (!multiAttachReported.add(pod.getMetadata().getUid())) {
            return;
        }
        String volume = claim.getSpec().getVolumeName() != null ? claim.getSpec().getVolumeName()
                : "pvc-" + claim.getMetadata().getUid();
        String namespace = pod.getMetadata().getNamespace();
        client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName() + ".multi-attach").withNamespace(namespace).endMetadata()
                .withNewInvolvedObject().withApiVersion("v1").withKind("Pod").withName(pod.getMetadata().getName())
                .withNamespace(namespace).withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withType("Warning").withReason("FailedAttachVolume")
                .withMessage("Multi-Attach error for volume \"" + volume + "\" Volume is already used by pod(s) "
                        + String.join(", ", users))
                .withNewSource().withComponent("attachdetach-controller").endSource()
                .withCount(1).build()).create();
    }
}
