package io.faildaily.operator.dependent;

import java.util.function.Predicate;

import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.BackupModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activation conditions, for the one-shot Jobs only. JOSDK 5.2.3 neither reconciles nor deletes a dependent
 * whose activation condition is false: its informer is stopped (or never started) and an object it made
 * earlier stays (WorkflowReconcileExecutor's NodeDeleteExecutor deletes only while the activation condition
 * holds; JOSDK documents it: "If a DR's activation condition is not met, it won't be reconciled or
 * deleted"). That is what a finished backup-now or restore Job needs: once its request is done the condition
 * is false, and the Job and its pod stay as the run's record (kubectl logs), owned by the FailDaily and
 * deleted with it. Every part that a spec change switches off, and that must then go, is a reconcile
 * precondition instead ({@link Preconditions}). JOSDK instantiates conditions by class, hence one small class
 * per question, each a predicate on the spec.
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

    static boolean inCluster(FailDaily fd) {
        return fd.getSpec().getDatabase().inCluster();
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
}
