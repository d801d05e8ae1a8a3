package io.faildaily.operator.dependent;

import io.faildaily.operator.model.AutoscalerModel;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.DisruptionBudgetModel;
import io.faildaily.operator.model.FrontendModel;

/**
 * Reconcile preconditions: the optional parts of a FailDaily, each a child that exists only while its
 * condition holds and is deleted as soon as the spec switches it off (an Ingress removed, network policies
 * disabled, a frontend image of its own, backups disabled, an external database, one replica again).
 *
 * <p>Why preconditions and not activation conditions: JOSDK 5.2.3 deletes the object of a dependent whose
 * reconcile precondition is false, and the objects of the dependents that depend on it (looked up in the
 * informer's cache, so nothing is sent when there is nothing to delete). An activation condition that turns
 * false only stops its informer and leaves the object in place (WorkflowReconcileExecutor deletes only while
 * the activation condition holds, as JOSDK's workflow documentation says); PartsSwitchedOffTest and
 * DisruptionBudgetsTest fail with activation conditions. JOSDK has no option to make an inactive dependent
 * delete its object; activation conditions are meant for kinds a cluster may not serve (an OpenShift Route, a
 * CRD that is not installed), which none of these is: Ingress, NetworkPolicy, ConfigMap, CronJob, Service and
 * StatefulSet are built-in kinds. The price is that their informers run from the start (label-filtered to the
 * operator's own objects, so they cache only what the operator made), which the chart's RBAC grants anyway.
 *
 * <p>Never on volumes or Secrets, whose data must not go because a condition changed; they are not
 * {@code Deleter}s either, so even a dependent marked for deletion below a false precondition keeps them.
 */
public final class Preconditions {
    private Preconditions() {}

    /** The database runs in the cluster (no spec.database.external): its ConfigMap, Service, StatefulSet, scripts. */
    public static class InClusterDatabase extends Activations.SpecCondition {
        public InClusterDatabase() {
            super(Activations::inCluster);
        }
    }

    /** spec.frontend.ingress is set. */
    public static class IngressRequested extends Activations.SpecCondition {
        public IngressRequested() {
            super(fd -> fd.getSpec().getFrontend().getIngress() != null);
        }
    }

    /** spec.networkPolicies.enabled (the default). */
    public static class NetworkPoliciesEnabled extends Activations.SpecCondition {
        public NetworkPoliciesEnabled() {
            super(fd -> fd.getSpec().getNetworkPolicies().getEnabled());
        }
    }

    /** Network policies on, and a database in the cluster to protect. */
    public static class InClusterDatabasePolicy extends Activations.SpecCondition {
        public InClusterDatabasePolicy() {
            super(fd -> fd.getSpec().getNetworkPolicies().getEnabled() && Activations.inCluster(fd));
        }
    }

    /** Scheduled backups are on and there is an in-cluster database to back up. */
    public static class BackupsEnabled extends Activations.SpecCondition {
        public BackupsEnabled() {
            super(fd -> fd.getSpec().getBackup().getEnabled() && Activations.inCluster(fd));
        }
    }

    /** No spec.frontend.image: nginx serves the operator's default web page. */
    /** Restore drills: while backups and drills are both enabled, for an in-cluster database. */
    public static class VerifyEnabled extends Activations.SpecCondition {
        public VerifyEnabled() {
            super(fd -> BackupModel.verifyWanted(fd) && Activations.inCluster(fd));
        }
    }

    public static class DefaultWebPage extends Activations.SpecCondition {
        public DefaultWebPage() {
            super(FrontendModel::servesDefaultWebPage);
        }
    }

    /** More than one backend replica: a PodDisruptionBudget keeps one serving through a drain. */
    public static class BackendReplicated extends Activations.SpecCondition {
        public BackendReplicated() {
            super(DisruptionBudgetModel::backendWanted);
        }
    }

    /** spec.backend.autoscaling is set: its HorizontalPodAutoscaler, deleted when it is removed. */
    public static class BackendAutoscaled extends Activations.SpecCondition {
        public BackendAutoscaled() {
            super(AutoscalerModel::backendWanted);
        }
    }

    /** spec.frontend.autoscaling is set. */
    public static class FrontendAutoscaled extends Activations.SpecCondition {
        public FrontendAutoscaled() {
            super(AutoscalerModel::frontendWanted);
        }
    }

    /** More than one frontend replica. */
    public static class FrontendReplicated extends Activations.SpecCondition {
        public FrontendReplicated() {
            super(DisruptionBudgetModel::frontendWanted);
        }
    }
}
