package io.faildaily.operator.api;

/** What happens to data when a FailDaily is deleted. */
public enum DeletionPolicy {
    /** Volumes and the credentials Secret outlive the FailDaily; re-creating it reattaches them. */
    Retain,
    /** Volumes and the credentials Secret are deleted with the FailDaily. */
    Delete
}
