package io.faildaily.operator.runtime;

import java.util.Set;

/**
 * How the operator runs.
 *
 * @param namespaces             namespaces to watch; empty means all
 * @param serverSideApply        server-side apply for child objects and status (production default; the
 *                               test API server cannot do it)
 * @param leaseNamespace         namespace of the leader-election Lease; null runs without leader election
 * @param reconcileThreads       FailDaily objects reconciled at once
 */
public record OperatorSettings(Set<String> namespaces, boolean serverSideApply, String leaseNamespace,
                               int reconcileThreads) {
    public static final String LEASE_NAME = "faildaily-operator-lease";

    public OperatorSettings {
        namespaces = Set.copyOf(namespaces);
        if (reconcileThreads < 1) { // the command line refuses it with a message; this guards other callers
            throw new IllegalArgumentException("reconcileThreads must be at least 1, not " + reconcileThreads);
        }
    }
}
