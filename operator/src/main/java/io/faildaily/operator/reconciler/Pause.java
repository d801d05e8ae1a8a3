package io.faildaily.operator.reconciler;

import java.util.Map;

import io.faildaily.operator.api.FailDaily;

/**
 * The annotation {@code faildaily.io/paused: "true"}: for maintenance by hand and for incidents, the operator
 * changes none of the instance's objects (no create, update or delete, no forced rollback) and only reports
 * that it is paused. Any other value, or none, is not paused. Removing it resumes: the next reconciliation
 * puts every object back to what the spec asks for.
 */
final class Pause {
    static final String ANNOTATION = "faildaily.io/paused";

    private Pause() {}

    static boolean requested(FailDaily fd) {
        Map<String, String> annotations = fd.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(ANNOTATION));
    }
}
