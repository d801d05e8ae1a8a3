package io.faildaily.operator.reconciler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * What a finished backup or restore pod reported: its phase, when it ended, and the key=value pairs its
 * script wrote to the termination message (file=… size=… or error=…).
 */
record JobOutcome(String pod, boolean succeeded, String finishedAt, Map<String, String> values) {
    /** The outcome of a pod that has finished; empty while it runs. */
    static Optional<JobOutcome> of(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            return Optional.empty();
        }
        ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses() == null ? null
                : pod.getStatus().getContainerStatuses().stream()
                .map(ContainerStatus::getState)
                .filter(s -> s != null && s.getTerminated() != null)
                .map(s -> s.getTerminated())
                .findFirst().orElse(null);
        String finishedAt = terminated != null && terminated.getFinishedAt() != null ? terminated.getFinishedAt()
                : pod.getMetadata().getCreationTimestamp();
        String message = terminated == null ? null : terminated.getMessage();
        return Optional.of(new JobOutcome(pod.getMetadata().getName(), "Succeeded".equals(phase),
                finishedAt == null ? "" : finishedAt, parse(message)));
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

    String error() {
        String error = values.get("error");
        return error != null ? error : succeeded ? null : "the pod failed without saying why (kubectl logs " + pod + ")";
    }
}
