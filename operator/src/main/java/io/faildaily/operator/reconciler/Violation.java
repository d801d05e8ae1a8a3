package io.faildaily.operator.reconciler;

/** One reason a FailDaily spec is refused: the field, as a path from the object's root, and what is wrong. */
public record Violation(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
