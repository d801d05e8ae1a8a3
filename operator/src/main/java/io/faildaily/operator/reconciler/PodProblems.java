package io.faildaily.operator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

/**
 * Why the pods of a workload do not run, read from their status and, for a pod stuck creating its
 * containers, from its Events: the scheduler's PodScheduled condition, each container's waiting state and
 * last termination, and the attach/detach controller's or the kubelet's word on its volumes. Pure: pods,
 * their Events and the time in, at most one problem out (the first, in pod-name order, so that the same
 * pods always give the same answer).
 *
 * <p>Why Events at all, and only for these pods: a Multi-Attach error or a failed mount is reported only as
 * an Event on the pod (FailedAttachVolume, FailedMount); the pod status shows nothing but a container
 * waiting in ContainerCreating. Events carry no labels, so an informer on them would cache every Event of
 * every watched namespace; instead the reconciler lists the Events of a pod that has been creating its
 * containers for {@link #READ_EVENTS_AFTER} ({@link #awaitingVolumes}, {@link PodEvents}), never those of a
 * pod that runs, so a healthy reconciliation reads none. Without such an Event, a pod creating its containers
 * for {@link #CREATING_TOO_LONG} is reported from its status alone, naming the claims it mounts.
 */
final class PodProblems {
    /** The kubelet gives up one attempt to attach and mount a pod's volumes after about two minutes. */
    static final Duration CREATING_TOO_LONG = Duration.ofMinutes(2);
    /**
     * A pod that starts as it should is past ContainerCreating sooner (volumes attach in seconds, images
     * are mostly cached); one still at it is pulling a large image or stuck, and its Events say which.
     */
    static final Duration READ_EVENTS_AFTER = Duration.ofSeconds(5);
    /**
     * How often the Events of a stuck pod are read again until it has been stuck for too long: an Event
     * that arrives after the pod's last change is seen by no informer.
     */
    static final Duration EVENTS_RECHECK = Duration.ofSeconds(30);

    static final String UNSCHEDULABLE = "Unschedulable";
    static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
    static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
    static final String STUCK_IN_CONTAINER_CREATING = "StuckInContainerCreating";
    static final String VOLUME_ATTACH_FAILED = "VolumeAttachFailed";
    static final String VOLUME_MOUNT_FAILED = "VolumeMountFailed";

    /** Event reasons of the attach/detach controller and of the kubelet, the first the more telling. */
    private static final List<String> VOLUME_EVENTS = List.of("FailedAttachVolume", "FailedMount");

    /** Waiting reasons of a container that is still starting as it should. */
    private static final List<String> STARTING = List.of("ContainerCreating", "PodInitializing");
    private static final int MAX_DETAIL = 300;
    private static final int REPEATED_RESTARTS = 2;

    /** @param pod the pod the problem was seen on, so that a condition can tell one pod from the next */
    record PodProblem(String reason, String pod, String message) {
    }

    private PodProblems() {}

    /** The first problem among the pods that are not ready, from their status alone. */
    static Optional<PodProblem> of(List<Pod> pods, Instant now) {
        return of(pods, Map.of(), now);
    }

    /** The first problem among the pods that are not ready; {@code events} by pod name ({@link PodEvents}). */
    static Optional<PodProblem> of(List<Pod> pods, Map<String, List<Event>> events, Instant now) {
        return candidates(pods).map(pod -> of(pod, events.getOrDefault(pod.getMetadata().getName(), List.of()), now))
                .flatMap(Optional::stream).findFirst();
    }

    /** The pods whose Events say why they are stuck: creating their containers for a while. */
    static List<Pod> awaitingVolumes(List<Pod> pods, Instant now) {
        return candidates(pods).filter(PodProblems::creating)
                .filter(pod -> !now.isBefore(creatingSince(pod).plus(READ_EVENTS_AFTER))).toList();
    }

    /**
     * When to look again while a pod creates its containers: when its Events are first read, then every
     * {@link #EVENTS_RECHECK}, and when it has been at it for too long; after that only a change of the pod
     * or the FailDaily does. No pod changes when it stays stuck, so no informer event would tell.
     */
    static Optional<Duration> recheckIn(List<Pod> pods, Instant now) {
        return candidates(pods).filter(PodProblems::creating).map(pod -> nextLook(creatingSince(pod), now))
                .flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    private static Optional<Duration> nextLook(Instant since, Instant now) {
        Duration untilEvents = Duration.between(now, since.plus(READ_EVENTS_AFTER));
        if (!untilEvents.isNegative()) {
            return Optional.of(untilEvents.plusSeconds(1));
        }
        Duration untilTooLong = Duration.between(now, since.plus(CREATING_TOO_LONG));
        if (untilTooLong.isNegative()) {
            return Optional.empty();
        }
        // A second past each mark: timestamps have whole seconds.
        Duration tooLong = untilTooLong.plusSeconds(1);
        return Optional.of(tooLong.compareTo(EVENTS_RECHECK) < 0 ? tooLong : EVENTS_RECHECK);
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

    private static Optional<PodProblem> of(Pod pod, List<Event> events, Instant now) {
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
        Optional<PodProblem> volume = creating(pod) ? volumeProblem(pod, events) : Optional.empty();
        if (volume.isPresent()) {
            return volume;
        }
        if (creating(pod) && !now.isBefore(creatingSince(pod).plus(CREATING_TOO_LONG))) {
            return Optional.of(new PodProblem(STUCK_IN_CONTAINER_CREATING, name, "pod " + name
                    + " has been creating its containers since " + creatingSince(pod) + volumesHint(pod)
                    + "; kubectl describe pod " + name + " shows its Events"));
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

    /**
     * The newest FailedAttachVolume Event of this pod (the attach/detach controller's Multi-Attach error
     * among them), else its newest FailedMount (the kubelet's). Events of an earlier pod of the same name (a
     * StatefulSet's pod is re-created under its name) are told apart by uid.
     */
    private static Optional<PodProblem> volumeProblem(Pod pod, List<Event> events) {
        String name = pod.getMetadata().getName();
        for (String reason : VOLUME_EVENTS) {
            Optional<Event> newest = events.stream().filter(e -> reason.equals(e.getReason()) && about(e, pod))
                    .max(Comparator.comparing(PodProblems::seenAt));
            if (newest.isPresent()) {
                boolean attach = "FailedAttachVolume".equals(reason);
                return Optional.of(new PodProblem(attach ? VOLUME_ATTACH_FAILED : VOLUME_MOUNT_FAILED, name, "pod " + name
                        + (attach ? " cannot attach a volume: " : " cannot mount a volume: ")
                        + detail(newest.get().getMessage(), reason)));
            }
        }
        return Optional.empty();
    }

    private static boolean about(Event event, Pod pod) {
        var involved = event.getInvolvedObject();
        return involved != null && "Pod".equals(involved.getKind()) && pod.getMetadata().getName().equals(involved.getName())
                && (involved.getUid() == null || involved.getUid().equals(pod.getMetadata().getUid()));
    }

    /** When the Event was last seen: series and core/v1 Events set different fields. */
    private static String seenAt(Event event) {
        return Stream.of(event.getLastTimestamp(), event.getEventTime() == null ? null : event.getEventTime().getTime(),
                        event.getFirstTimestamp(), event.getMetadata() == null ? null : event.getMetadata().getCreationTimestamp())
                .filter(Objects::nonNull).findFirst().orElse("");
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
