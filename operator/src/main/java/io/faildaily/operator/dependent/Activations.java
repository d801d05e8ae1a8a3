package io.faildaily.operator.dependent;

import io.faildaily.operator.api.FailDaily;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activation conditions: which optional parts a FailDaily has. An inactive dependent's object is deleted
 * (and its informer not started), so these are never used on volumes or Secrets.
 */
public final class Activations {
    private Activations() {}

    /** The database runs in the cluster (no spec.database.external). */
    public static class InClusterDatabase implements Condition<Object, FailDaily> {
        @Override
        public boolean isMet(DependentResource<Object, FailDaily> dependentResource, FailDaily primary,
                             Context<FailDaily> context) {
            return primary.getSpec().getDatabase().inCluster();
        }
    }

    /** spec.frontend.ingress is set. */
    public static class IngressRequested implements Condition<Object, FailDaily> {
        @Override
        public boolean isMet(DependentResource<Object, FailDaily> dependentResource, FailDaily primary,
                             Context<FailDaily> context) {
            return primary.getSpec().getFrontend().getIngress() != null;
        }
    }

    /** spec.networkPolicies.enabled (the default). */
    public static class NetworkPoliciesEnabled implements Condition<Object, FailDaily> {
        @Override
        public boolean isMet(DependentResource<Object, FailDaily> dependentResource, FailDaily primary,
                             Context<FailDaily> context) {
            return primary.getSpec().getNetworkPolicies().getEnabled();
        }
    }

    /** Network policies on, and a database in the cluster to protect. */
    public static class InClusterDatabasePolicy implements Condition<Object, FailDaily> {
        @Override
        public boolean isMet(DependentResource<Object, FailDaily> dependentResource, FailDaily primary,
                             Context<FailDaily> context) {
            return primary.getSpec().getNetworkPolicies().getEnabled()
                    && primary.getSpec().getDatabase().inCluster();
        }
    }
}
