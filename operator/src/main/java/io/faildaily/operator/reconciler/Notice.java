package io.faildaily.operator.reconciler;

/** An Event to record about a FailDaily. */
public record Notice(EventRecorder.Type type, String reason, String message) {
}
