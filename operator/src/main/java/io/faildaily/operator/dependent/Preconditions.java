package io.faildaily.operator.dependent;

import io.faildaily.operator.model.DisruptionBudgetModel;

/**
 * Reconcile preconditions: a child that exists only while its condition holds, and is deleted as soon as it
 * does not. JOSDK 5.2.3 deletes the object of a dependent whose reconcile precondition is false (reading it
 * from the informer's cache, so nothing is sent when there is nothing to delete); an activation condition
 * that turns false only stops its informer and leaves the object in place (WorkflowReconcileExecutor
 * deletes only when the activation condition holds), which DisruptionBudgetsTest shows on the mock API
 * server. Never on volumes or Secrets: their data must not go because a condition changed.
 */
public final class Preconditions {
    private Preconditions() {}

    /** More than one backend replica: a PodDisruptionBudget keeps one serving through a drain. */
    public static class BackendReplicated extends Activations.SpecCondition {
        public BackendReplicated() {
            super(DisruptionBudgetModel::backendWanted);
        }
    }

    /** More than one frontend replica. */
    public static class FrontendReplicated extends Activations.SpecCondition {
        public FrontendReplicated() {
            super(DisruptionBudgetModel::frontendWanted);
        }
    }
}
