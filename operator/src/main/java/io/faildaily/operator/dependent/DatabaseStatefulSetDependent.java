package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The MySQL StatefulSet. Its volumeClaimTemplates cannot change once it exists (the API server refuses),
 * so an existing StatefulSet keeps its own: a larger spec.database.storage.size grows the claim itself,
 * through {@link DatabaseClaimDependent}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_DATABASE))
public class DatabaseStatefulSetDependent extends OwnedDependent<StatefulSet> {
    public static final String NAME = "database";

    public DatabaseStatefulSetDependent() {
        super(StatefulSet.class, Part.DATABASE, DatabaseModel::statefulSet);
    }

    @Override
    protected StatefulSet desired(FailDaily primary, Context<FailDaily> context) {
        StatefulSet desired = super.desired(primary, context);
        getSecondaryResource(primary, context).ifPresent(existing ->
                desired.getSpec().setVolumeClaimTemplates(existing.getSpec().getVolumeClaimTemplates()));
        return desired;
    }
}
