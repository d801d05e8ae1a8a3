package io.faildaily.operator.reconciler;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** The workloads of one FailDaily as the informers last saw them. */
public record Observed(boolean externalDatabase, Optional<StatefulSet> database, Optional<Deployment> backend,
                       Optional<Deployment> frontend) {
}
