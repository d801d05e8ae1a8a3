package io.faildaily.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;

/** One line saying why a reconciliation failed, for a status condition: no stack, no request body. */
final class ErrorMessages {
    private static final int MAX = 300;

    private ErrorMessages() {}

    static String summary(Throwable error) {
        String text;
        Throwable cause = causeOf(error, AggregatedOperatorException.class);
        // The workflow gathers its dependents' failures: say which part failed and why, each.
        if (cause instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
            text = aggregated.getAggregatedExceptions().entrySet().stream()
                    .map(failure -> failure.getKey() + ": " + one(failure.getValue()))
                    .collect(java.util.stream.Collectors.joining("; "));
        } else {
            text = one(error);
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }

    /** The first throwable of {@code type} in {@code error}'s cause chain, or else the chain's last one. */
    private static Throwable causeOf(Throwable error, Class<? extends Throwable> type) {
        Throwable cause = error;
        while (cause.getCause() != null && !type.isInstance(cause)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String one(Throwable error) {
        Throwable cause = causeOf(error, KubernetesClientException.class);
        String text;
        if (cause instanceof KubernetesClientException k) {
            String reason = k.getStatus() != null && k.getStatus().getReason() != null ? k.getStatus().getReason() : "";
            // A refusal (4xx) says what the server will not do, e.g. that a claim's storage class cannot
            // grow volumes: worth the person's reading. A server error's message is noise.
            String message = k.getCode() >= 400 && k.getCode() < 500 && k.getStatus() != null
                    && k.getStatus().getMessage() != null ? ": " + k.getStatus().getMessage() : "";
            text = "the API server answered " + k.getCode() + (reason.isEmpty() ? "" : " " + reason) + message
                    + " (will retry)";
        } else {
            text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return text;
    }
}
