package io.faildaily.operator.testing;

import java.util.List;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

/**
 * What a kubelet and the scheduler write into a pod's status, for each state a container can be in, with
 * the reasons and messages they use. One place, so that the unit tests of the operator's diagnosis and the
 * multi-node stand-in ({@link Nodes}) speak of the same statuses.
 */
public final class PodStatuses {
    /** Where a container of a scheduled pod stands. */
    public enum ContainerPhase {
        /** Volumes attaching or mounting, image not pulled yet: waiting, reason ContainerCreating. */
        CREATING,
        /** Started and passing its readiness probe. */
        READY,
        /** Started, readiness probe not passing (yet). */
        NOT_READY,
        /** The pull failed just now: waiting, reason ErrImagePull, with the registry's answer. */
        ERR_IMAGE_PULL,
        /** Between two pulls: waiting, reason ImagePullBackOff. */
        IMAGE_PULL_BACK_OFF,
        /** Exited with code 1 several times: waiting, reason CrashLoopBackOff, last state terminated. */
        CRASH_LOOP
    }

    private PodStatuses() {}

    /** A pod the scheduler placed at {@code since}, each container as {@code phase} says. */
    public static PodStatus scheduled(Pod pod, String since, Function<Container, ContainerPhase> phase) {
        List<ContainerStatus> containers = pod.getSpec().getContainers().stream()
                .map(c -> container(pod, c, phase.apply(c), since)).toList();
        boolean ready = containers.stream().allMatch(ContainerStatus::getReady);
        boolean started = containers.stream().allMatch(c -> c.getState().getRunning() != null);
        return new PodStatusBuilder()
                .withPhase(started ? "Running" : "Pending")
                .withConditions(condition("PodScheduled", true, since, null, null),
                        condition("Initialized", true, since, null, null),
                        condition("ContainersReady", ready, since, null, null),
                        condition("Ready", ready, since, null, null))
                .withContainerStatuses(containers)
                .withStartTime(since)
                .build();
    }

    /** A pod no node can take: Pending, PodScheduled False with the scheduler's reason and message. */
    public static PodStatus unschedulable(String message, String since) {
        return new PodStatusBuilder().withPhase("Pending")
                .withConditions(condition("PodScheduled", false, since, "Unschedulable", message))
                .build();
    }

    /** What the kubelet reports when a pull fails: "rpc error: ... not found". */
    public static String pullError(String image) {
        return "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/" + image
                + "\": failed to resolve reference \"docker.io/library/" + image + "\": not found";
    }

    private static ContainerStatus container(Pod pod, Container container, ContainerPhase phase, String since) {
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(container.getName())
                .withImage(container.getImage()).withImageID("").withRestartCount(0)
                .withReady(phase == ContainerPhase.READY).withStarted(phase == ContainerPhase.READY || phase == ContainerPhase.NOT_READY);
        return switch (phase) {
            case CREATING -> status.withState(waiting("ContainerCreating", null)).build();
            case READY, NOT_READY -> status.withState(new ContainerStateBuilder().withNewRunning().withStartedAt(since)
                    .endRunning().build()).build();
            case ERR_IMAGE_PULL -> status.withState(waiting("ErrImagePull", pullError(container.getImage()))).build();
            case IMAGE_PULL_BACK_OFF -> status.withState(waiting("ImagePullBackOff",
                    "Back-off pulling image \"" + container.getImage() + "\"")).build();
            case CRASH_LOOP -> status.withRestartCount(3)
                    .withState(waiting("CrashLoopBackOff", "back-off 40s restarting failed container="
                            + container.getName() + " pod=" + pod.getMetadata().getName()))
                    .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                    .withStartedAt(since).withFinishedAt(since).endTerminated().endLastState().build();
        };
    }

    private static ContainerState waiting(String reason, String message) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
    }

    private static PodCondition condition(String type, boolean status, String since, String reason, String message) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withLastTransitionTime(since).withReason(reason).withMessage(message).build();
    }
}
