package io.faildaily.operator.reconciler;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * What a finished backup or restore pod reported: its phase, when it ended, and the key=value pairs its
 * script wrote to the termination message (file=… size=… or error=…), of every container of the pod.
 */
record JobOutcome(String pod, boolean succeeded, String startedAt, String finishedAt, Map<String, String> values) {
    /** The outcome of a pod that has finished; empty while it runs. */
    static Optional<JobOutcome> of(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            return Optional.empty();
        }
        List<ContainerStateTerminated> terminated = pod.getStatus().getContainerStatuses() == null ? List.of()
                : order(pod, pod.getStatus().getContainerStatuses()).stream()
                .map(ContainerStatus::getState)
                .filter(s -> s != null && s.getTerminated() != null)
                .map(s -> s.getTerminated())
                .toList();
        String finishedAt = terminated.stream().map(ContainerStateTerminated::getFinishedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(pod.getMetadata().getCreationTimestamp());
        String startedAt = terminated.stream().map(ContainerStateTerminated::getStartedAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        // With an object store the pod has two containers; each reports its part, and only the one that caused a
        // failure reports an error (the other says it stopped), so the first error in the pod's order is the cause.
        Map<String, String> values = new LinkedHashMap<>();
        for (ContainerStateTerminated t : terminated) {
            parse(t.getMessage()).forEach(values::putIfAbsent);
        }
        return Optional.of(new JobOutcome(pod.getMetadata().getName(), "Succeeded".equals(phase), startedAt,
                finishedAt == null ? "" : finishedAt, values));
    }

    /** Container statuses in the order of the pod's containers (the kubelet sorts them by name). */
    private static List<ContainerStatus> order(Pod pod, List<ContainerStatus> statuses) {
        List<String> names = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of()
                : pod.getSpec().getContainers().stream().map(c -> c.getName()).toList();
        return statuses.stream().sorted(Comparator.comparingInt((ContainerStatus s) -> {
            int index = names.indexOf(s.getName());
            return index < 0 ? Integer.MAX_VALUE : index;
        })).toList();
    }

    /** key=value pairs separated by spaces or new lines; the value of error= runs to the end of its line. */
    static Map<String, String> parse(String message) {
        Map<String, String> values = new LinkedHashMap<>();
        if (message == null) {
            return values;
        }
        for (String line : message.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("error=")) {
                values.put("error", trimmed.substring("error=".length()));
                continue;
            }
            for (String pair : trimmed.split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return values;
    }

    /** Seconds from the first container's start to the last one's end, or null when the kubelet did not say. */
    Long durationSeconds() {
        try {
            return startedAt == null || finishedAt.isEmpty() ? null
                    : java.time.Duration.between(java.time.Instant.parse(startedAt), java.time.Instant.parse(finishedAt)).toSeconds();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    String error() {
        String error = values.get("error");
        return error != null ? error : succeeded ? null : "the pod failed without saying why (kubectl logs " + pod + ")";
    }
}
