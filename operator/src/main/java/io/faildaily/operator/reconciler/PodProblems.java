package io.faildaily.operator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

/**
 * Why the pods of a workload do not run, read from their status alone: the scheduler's PodScheduled
 * condition, and each container's waiting state and last termination. Pure: pods and the time in, at
 * most one problem out (the first, in pod-name order, so that the same pods always give the same answer).
 *
 * <p>What is not read: Events. A Multi-Attach error or a failed mount is reported by the attach/detach
 * controller and the kubelet only as Events on the pod; Events carry no labels, so an informer on them
 * would cache every pod Event of every watched namespace, and the chart would have to grant list and watch
 * on them. The pod status does show the symptom, a container that stays in ContainerCreating: after
 * {@link #CREATING_TOO_LONG} that is reported, naming the claims the pod mounts and where to look.
 */
final class PodProblems {
    /** The kubelet gives up one attempt to attach and mount a pod's volumes after about two minutes. */
    static final Duration CREATING_TOO_LONG = Duration.ofMinutes(2);

    static final String UNSCHEDULABLE = "Unschedulable";
    static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
    static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
    static final String STUCK_IN_CONTAINER_CREATING = "StuckInContainerCreating";

    /** Waiting reasons of a container that is still starting as it should. */
    private static final List<String> STARTING = List.of("ContainerCreating", "PodInitializing");
    private static final int MAX_DETAIL = 300;
    private static final int REPEATED_RESTARTS = 2;

    /** @param pod the pod the problem was seen on, so that a condition can tell one pod from the next */
    record PodProblem(String reason, String pod, String message) {
    }

    private PodProblems() {}

    /** The first problem among the pods that are not ready. */
    static Optional<PodProblem> of(List<Pod> pods, Instant now) {
        return candidates(pods).map(pod -> of(pod, now)).flatMap(Optional::stream).findFirst();
    }

    /**
     * When to look again: the time until the youngest pod still creating its containers has been doing so
     * for too long. No pod changes when it stays stuck, so no informer event would tell.
     */
    static Optional<Duration> recheckIn(List<Pod> pods, Instant now) {
        return candidates(pods).filter(PodProblems::creating)
                .map(pod -> Duration.between(now, creatingSince(pod).plus(CREATING_TOO_LONG)))
                .filter(d -> !d.isNegative()).min(Comparator.naturalOrder())
                .map(d -> d.plusSeconds(1));
    }

    static boolean isReady(Pod pod) {
        return conditions(pod).anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Pods that should be running and are not: neither ready, terminating, nor finished. */
    private static Stream<Pod> candidates(List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getStatus() == null || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
                .filter(p -> !isReady(p))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()));
    }

    private static Optional<PodProblem> of(Pod pod, Instant now) {
        String name = pod.getMetadata().getName();
        Optional<PodCondition> unscheduled = conditions(pod)
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())).findFirst();
        if (unscheduled.isPresent()) {
            return Optional.of(new PodProblem(UNSCHEDULABLE, name, "pod " + name + " cannot be scheduled: "
                    + detail(unscheduled.get().getMessage(), "no reason given")));
        }
        Optional<PodProblem> container = containerStatuses(pod).map(s -> of(name, s)).flatMap(Optional::stream).findFirst();
        if (container.isPresent()) {
            return container;
        }
        if (creating(pod) && !now.isBefore(creatingSince(pod).plus(CREATING_TOO_LONG))) {
            return Optional.of(new PodProblem(STUCK_IN_CONTAINER_CREATING, name, "pod " + name
                    + " has been creating its containers since " + creatingSince(pod) + volumesHint(pod)
                    + "; kubectl describe pod " + name + " shows the FailedAttachVolume or FailedMount event"));
        }
        return Optional.empty();
    }

    private static Optional<PodProblem> of(String pod, ContainerStatus status) {
        ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
        String reason = waiting == null ? null : waiting.getReason();
        String container = "container " + status.getName();
        if ("ErrImagePull".equals(reason) || IMAGE_PULL_BACK_OFF.equals(reason)) {
            return Optional.of(new PodProblem(IMAGE_PULL_BACK_OFF, pod, "pod " + pod + ": " + container
                    + " cannot pull image \"" + status.getImage() + "\": " + detail(waiting.getMessage(), reason)));
        }
        ContainerStateTerminated last = status.getLastState() == null ? null : status.getLastState().getTerminated();
        int restarts = Objects.requireNonNullElse(status.getRestartCount(), 0);
        if (last != null && !Boolean.TRUE.equals(status.getReady())
                && (CRASH_LOOP_BACK_OFF.equals(reason) || restarts >= REPEATED_RESTARTS)) {
            // Reported the same way whether the container is waiting in back-off, running again or just
            // exited: the cycle would otherwise rewrite the status on every restart. One restart alone, a
            // container now running again, is not a loop yet.
            String exit = "last exit code " + last.getExitCode()
                    + (last.getReason() == null ? "" : " (" + last.getReason() + ")");
            return Optional.of(new PodProblem(CRASH_LOOP_BACK_OFF, pod, "pod " + pod + ": " + container
                    + " keeps exiting, " + exit + (last.getMessage() == null || last.getMessage().isBlank() ? ""
                    : ": " + detail(last.getMessage(), ""))));
        }
        if (reason != null && !STARTING.contains(reason) && !CRASH_LOOP_BACK_OFF.equals(reason)) {
            // CreateContainerConfigError (a missing Secret or key), InvalidImageName, CreateContainerError, ...
            return Optional.of(new PodProblem(reason, pod, "pod " + pod + ": " + container + ": "
                    + detail(waiting.getMessage(), reason)));
        }
        return Optional.empty();
    }

    /** Scheduled, and some container has not started yet (the kubelet may not have reported any). */
    private static boolean creating(Pod pod) {
        boolean scheduled = conditions(pod).anyMatch(c -> "PodScheduled".equals(c.getType()) && "True".equals(c.getStatus()))
                || (pod.getSpec() != null && pod.getSpec().getNodeName() != null);
        if (!scheduled) {
            return false;
        }
        List<ContainerStatus> statuses = containerStatuses(pod).toList();
        return statuses.isEmpty() || statuses.stream().anyMatch(s -> s.getState() != null && s.getState().getWaiting() != null
                && STARTING.contains(s.getState().getWaiting().getReason()));
    }

    private static Instant creatingSince(Pod pod) {
        String since = conditions(pod).filter(c -> "PodScheduled".equals(c.getType()))
                .map(PodCondition::getLastTransitionTime).filter(Objects::nonNull).findFirst()
                .orElse(pod.getMetadata().getCreationTimestamp());
        return since == null ? Instant.EPOCH : Instant.parse(since);
    }

    private static String volumesHint(Pod pod) {
        List<String> claims = pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of()
                : pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName()).toList();
        if (claims.isEmpty()) {
            return "";
        }
        return ": a volume it mounts (claim " + String.join(", ", claims) + ") may not attach or mount; a"
                + " ReadWriteOnce claim still attached to another node is a Multi-Attach error";
    }

    private static Stream<ContainerStatus> containerStatuses(Pod pod) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        return Stream.concat(Stream.ofNullable(pod.getStatus().getInitContainerStatuses()).flatMap(List::stream),
                Stream.ofNullable(pod.getStatus().getContainerStatuses()).flatMap(List::stream));
    }

    private static Stream<PodCondition> conditions(Pod pod) {
        return pod.getStatus() == null ? Stream.empty()
                : Stream.ofNullable(pod.getStatus().getConditions()).flatMap(List::stream);
    }

    /** A message from the cluster, on one line and of a length a condition can carry. */
    private static String detail(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        String line = message.strip().replaceAll("\\s*\\n\\s*", " ");
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "…";
    }
}
