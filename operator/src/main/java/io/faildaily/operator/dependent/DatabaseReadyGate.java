package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.operator.api.FailDaily;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * A workflow node that manages nothing and is ready when the database the backend uses is: the
 * in-cluster StatefulSet, or an external server (assumed up). The backend depends on this node rather
 * than on the StatefulSet because JOSDK deletes the dependents of an inactive node, and the StatefulSet
 * is inactive when the database is external.
 */
public class DatabaseReadyGate implements DependentResource<Void, FailDaily> {
    public static final String NAME = "database-ready";

    @Override
    public ReconcileResult<Void> reconcile(FailDaily primary, Context<FailDaily> context) {
        return ReconcileResult.noOperation(null);
    }

    @Override
    public Class<Void> resourceType() {
        return Void.class;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The gate's ready postcondition. */
    public static class DatabaseReady implements Condition<Void, FailDaily> {
        @Override
        public boolean isMet(DependentResource<Void, FailDaily> dependentResource, FailDaily primary,
                             Context<FailDaily> context) {
            if (!primary.getSpec().getDatabase().inCluster()) {
                return true;
            }
            return Secondaries.of(context, StatefulSet.class, DatabaseStatefulSetDependent.NAME)
                    .map(Readiness::isReady).orElse(false);
        }
    }
}
