package io.faildaily.operator.dependent;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.Part;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A child object that is created, kept equal to the model, and owned by its FailDaily (so the cluster's
 * garbage collector deletes it with the FailDaily). Its desired state comes from a model builder.
 */
public abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, FailDaily> {
    private final Part part;
    private final Function<FailDaily, R> model;

    protected OwnedDependent(Class<R> type, Part part, Function<FailDaily, R> model) {
        super(type);
        this.part = part;
        this.model = model;
    }

    @Override
    protected R desired(FailDaily primary, Context<FailDaily> context) {
        return model.apply(primary);
    }

    /** With server-side apply JOSDK's own matcher (managed fields); without, {@link ServerStateMatcher}. */
    @Override
    public Matcher.Result<R> match(R actual, R desired, FailDaily primary, Context<FailDaily> context) {
        return useSSA(context) ? super.match(actual, desired, primary, context)
                : ServerStateMatcher.result(desired, actual, context);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(FailDaily primary, Context<FailDaily> context) {
        return ChildIds.of(primary, part);
    }
}
