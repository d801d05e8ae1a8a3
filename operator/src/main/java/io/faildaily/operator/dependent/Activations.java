package io.faildaily.operator.dependent;

import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.FrontendModel;
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

    /** Scheduled backups are on and there is an in-cluster database to back up. */
    public static class BackupsEnabled implements Condition<Object, FailDaily> {
        @Override
        public boolean isMet(DependentResource<Object, FailDaily> dependentResource, FailDaily primary,
                             Context<FailDaily> context) {
            return primary.getSpec().getBackup().getEnabled() && primary.getSpec().getDatabase().inCluster();
        }
    }

    /** The backup-now annotation carries a token no Job was started for yet. */
    public static class BackupNowRequested implements Condition<Object, FailDaily> {
        @Override
        public boolean isMet(DependentResource<Object, FailDaily> dependentResource, FailDaily primary,
                             Context<FailDaily> context) {
            return BackupModel.backupNowPending(primary) && primary.getSpec().getDatabase().inCluster();
        }
    }

    /** spec.restore asks for a restore that has not finished. */
    public static class RestoreRequested implements Condition<Object, FailDaily> {
        @Override
        public boolean isMet(DependentResource<Object, FailDaily> dependentResource, FailDaily primary,
                             Context<FailDaily> context) {
            return BackupModel.restorePending(primary) && primary.getSpec().getDatabase().inCluster();
        }
    }

    /** No spec.frontend.image: nginx serves the operator's default web page. */
    public static class DefaultWebPage implements Condition<Object, FailDaily> {
        @Override
        public boolean isMet(DependentResource<Object, FailDaily> dependentResource, FailDaily primary,
                             Context<FailDaily> context) {
            return FrontendModel.servesDefaultWebPage(primary);
        }
    }
}
