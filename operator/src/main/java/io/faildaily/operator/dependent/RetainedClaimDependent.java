package io.faildaily.operator.dependent;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.Part;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A volume claim. Deliberately neither owned by the FailDaily nor deleted by the workflow: data outlives
 * the FailDaily unless {@code deletionPolicy: Delete} says otherwise, which the reconciler's cleanup
 * handles. JOSDK maps it back to its FailDaily through annotations instead of an owner reference.
 */
public abstract class RetainedClaimDependent extends KubernetesDependentResource<PersistentVolumeClaim, FailDaily>
        implements Creator<PersistentVolumeClaim, FailDaily>, Updater<PersistentVolumeClaim, FailDaily> {
    private final Part part;
    private final Function<FailDaily, PersistentVolumeClaim> model;

    protected RetainedClaimDependent(Part part, Function<FailDaily, PersistentVolumeClaim> model) {
        super(PersistentVolumeClaim.class);
        this.part = part;
        this.model = model;
    }

    @Override
    protected PersistentVolumeClaim desired(FailDaily primary, Context<FailDaily> context) {
        return model.apply(primary);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(FailDaily primary, Context<FailDaily> context) {
        return ChildIds.of(primary, part);
    }
}
