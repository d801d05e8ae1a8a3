package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.faildaily.operator.api.FailDaily;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Ready postcondition: what depends on a Deployment waits until all its replicas are ready. */
public class DeploymentReady implements Condition<Deployment, FailDaily> {
    @Override
    public boolean isMet(DependentResource<Deployment, FailDaily> dependentResource, FailDaily primary,
                         Context<FailDaily> context) {
        return dependentResource.getSecondaryResource(primary, context).map(Readiness::isReady).orElse(false);
    }
}
