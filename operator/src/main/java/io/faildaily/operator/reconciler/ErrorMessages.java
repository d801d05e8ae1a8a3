package io.faildaily.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** One line saying why a reconciliation failed, for a status condition: no stack, no request body. */
final class ErrorMessages {
    private static final int MAX = 300;

    private ErrorMessages() {}

    static String summary(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof KubernetesClientException)) {
            cause = cause.getCause();
        }
        String text;
        if (cause instanceof KubernetesClientException k) {
            String reason = k.getStatus() != null && k.getStatus().getReason() != null ? k.getStatus().getReason() : "";
            text = "the API server answered " + k.getCode() + (reason.isEmpty() ? "" : " " + reason)
                    + " (will retry)";
        } else {
            text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }
}
