package io.faildaily.operator.dependent;

import java.util.function.Predicate;

import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.FrontendModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activation conditions: which optional parts a FailDaily has. An inactive dependent's informer is stopped
 * (or never started); in JOSDK 5.2.3 an object it made earlier is not deleted when its condition turns
 * false (see {@link Preconditions} for children that must go). JOSDK instantiates conditions by class,
 * hence one small class per question, each a predicate on the spec.
 */
public final class Activations {
    private Activations() {}

    /** A condition that depends on the FailDaily alone. */
    abstract static class SpecCondition implements Condition<Object, FailDaily> {
        private final Predicate<FailDaily> test;

        SpecCondition(Predicate<FailDaily> test) {
            this.test = test;
        }

        @Override
        public boolean isMet(DependentResource<Object, FailDaily> dependentResource, FailDaily primary,
                             Context<FailDaily> context) {
            return test.test(primary);
        }
    }

    private static boolean inCluster(FailDaily fd) {
        return fd.getSpec().getDatabase().inCluster();
    }

    /** The database runs in the cluster (no spec.database.external). */
    public static class InClusterDatabase extends SpecCondition {
        public InClusterDatabase() {
            super(Activations::inCluster);
        }
    }

    /** spec.frontend.ingress is set. */
    public static class IngressRequested extends SpecCondition {
        public IngressRequested() {
            super(fd -> fd.getSpec().getFrontend().getIngress() != null);
        }
    }

    /** spec.networkPolicies.enabled (the default). */
    public static class NetworkPoliciesEnabled extends SpecCondition {
        public NetworkPoliciesEnabled() {
            super(fd -> fd.getSpec().getNetworkPolicies().getEnabled());
        }
    }

    /** Network policies on, and a database in the cluster to protect. */
    public static class InClusterDatabasePolicy extends SpecCondition {
        public InClusterDatabasePolicy() {
            super(fd -> fd.getSpec().getNetworkPolicies().getEnabled() && inCluster(fd));
        }
    }

    /** Scheduled backups are on and there is an in-cluster database to back up. */
    public static class BackupsEnabled extends SpecCondition {
        public BackupsEnabled() {
            super(fd -> fd.getSpec().getBackup().getEnabled() && inCluster(fd));
        }
    }

    /** The backup-now annotation carries a token no Job was started for yet. */
    public static class BackupNowRequested extends SpecCondition {
        public BackupNowRequested() {
            super(fd -> BackupModel.backupNowPending(fd) && inCluster(fd));
        }
    }

    /** spec.restore asks for a restore that has not finished. */
    public static class RestoreRequested extends SpecCondition {
        public RestoreRequested() {
            super(fd -> BackupModel.restorePending(fd) && inCluster(fd));
        }
    }

    /** No spec.frontend.image: nginx serves the operator's default web page. */
    public static class DefaultWebPage extends SpecCondition {
        public DefaultWebPage() {
            super(FrontendModel::servesDefaultWebPage);
        }
    }
}
