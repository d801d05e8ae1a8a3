package io.faildaily.operator.api;

/** Where a FailDaily stands, in one word. */
public enum Phase {
    /** Accepted; the database is not ready yet. */
    Pending,
    /** The database is ready; the backend or frontend is still starting. */
    Provisioning,
    /** Every part is ready. */
    Ready,
    /** It was ready once and a part is not any more. */
    Degraded,
    /** The spec is refused; nothing was changed. The Ready condition's message says why. */
    Invalid
}
