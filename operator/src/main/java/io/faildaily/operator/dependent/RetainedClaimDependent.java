package io.faildaily.operator.dependent;

import java.util.Map;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.Part;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
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

    /** With server-side apply JOSDK's own matcher (managed fields); without, {@link ServerStateMatcher}. */
    @Override
    public Matcher.Result<PersistentVolumeClaim> match(PersistentVolumeClaim actual, PersistentVolumeClaim desired,
                                                       FailDaily primary, Context<FailDaily> context) {
        return useSSA(context) ? super.match(actual, desired, primary, context)
                : ServerStateMatcher.result(desired, actual, context);
    }

    /**
     * Without server-side apply JOSDK would PUT the desired spec over the claim, dropping what the
     * server and the binding set (volumeName, storageClassName), which the server refuses as a change of
     * immutable fields. The only change the operator makes to a claim is its size (the UpgradeGuard
     * refuses the others): so it patches only that.
     */
    @Override
    public PersistentVolumeClaim update(PersistentVolumeClaim actual, PersistentVolumeClaim desired, FailDaily primary,
                                        Context<FailDaily> context) {
        if (useSSA(context)) {
            return super.update(actual, desired, primary, context);
        }
        Quantity size = desired.getSpec().getResources().getRequests().get("storage");
        String patch = context.getClient().getKubernetesSerialization().asJson(
                Map.of("spec", Map.of("resources", Map.of("requests", Map.of("storage", size.toString())))));
        PersistentVolumeClaim updated = context.getClient().persistentVolumeClaims()
                .inNamespace(actual.getMetadata().getNamespace()).withName(actual.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        eventSource().ifPresent(source -> source.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, actual));
        return updated;
    }

    @Override
    protected ResourceID targetSecondaryResourceID(FailDaily primary, Context<FailDaily> context) {
        return ChildIds.of(primary, part);
    }
}
