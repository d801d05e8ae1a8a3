package io.faildaily.operator.dependent;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.faildaily.operator.api.FailDaily;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A Job run once per request: created when missing, never updated (a Job's pod template is immutable, and
 * a finished Job is history), owned by the FailDaily. The Job's name carries a hash of the request, so a
 * new request is a new Job.
 */
public abstract class OneShotJobDependent extends KubernetesDependentResource<Job, FailDaily>
        implements Creator<Job, FailDaily>, GarbageCollected<FailDaily> {
    private final Function<FailDaily, Job> model;
    private final Function<FailDaily, String> name;

    protected OneShotJobDependent(Function<FailDaily, Job> model, Function<FailDaily, String> name) {
        super(Job.class);
        this.model = model;
        this.name = name;
    }

    @Override
    protected Job desired(FailDaily primary, Context<FailDaily> context) {
        return model.apply(primary);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(FailDaily primary, Context<FailDaily> context) {
        return new ResourceID(name.apply(primary), primary.getMetadata().getNamespace());
    }
}
