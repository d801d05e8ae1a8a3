package io.faildaily.operator.dependent;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.Part;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** A Deployment of the instance: an owned child whose rollout strategy may change (see {@link StrategySwitch}). */
public abstract class DeploymentDependent extends OwnedDependent<Deployment> {
    protected DeploymentDependent(Part part, Function<FailDaily, Deployment> model) {
        super(Deployment.class, part, model);
    }

    @Override
    public Deployment update(Deployment actual, Deployment desired, FailDaily primary, Context<FailDaily> context) {
        if (useSSA(context)) {
            StrategySwitch.before(actual, desired).ifPresent(patch -> context.getClient().apps().deployments()
                    .inNamespace(actual.getMetadata().getNamespace()).withName(actual.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
        }
        return super.update(actual, desired, primary, context);
    }
}
