package io.faildaily.operator.dependent;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.faildaily.operator.api.AutoscalingSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.AutoscalerModel;
import io.faildaily.operator.model.Part;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * A Deployment of the instance: an owned child whose rollout strategy may change (see {@link StrategySwitch}),
 * and whose replicas, while it is autoscaled, are the autoscaler's.
 */
public abstract class DeploymentDependent extends OwnedDependent<Deployment> {
    private final Function<FailDaily, AutoscalingSpec> autoscaling;

    protected DeploymentDependent(Part part, Function<FailDaily, Deployment> model,
                                  Function<FailDaily, AutoscalingSpec> autoscaling) {
        super(Deployment.class, part, model);
        this.autoscaling = autoscaling;
    }

    /**
     * While autoscaled the model leaves replicas out; what runs is written back unchanged, so that neither an
     * update (a PUT of the whole object, without server-side apply) nor an apply resets the autoscaler's count.
     */
    @Override
    protected Deployment desired(FailDaily primary, Context<FailDaily> context) {
        Deployment desired = super.desired(primary, context);
        AutoscalingSpec autoscaled = autoscaling.apply(primary);
        if (autoscaled != null && desired.getSpec().getReplicas() == null) {
            Integer running = getSecondaryResource(primary, context).map(d -> d.getSpec().getReplicas()).orElse(null);
            desired.getSpec().setReplicas(AutoscalerModel.replicas(autoscaled, running));
        }
        return desired;
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
