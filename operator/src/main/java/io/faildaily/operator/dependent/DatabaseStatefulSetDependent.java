package io.faildaily.operator.dependent;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.DataDirectory;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.Names;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The MySQL StatefulSet. Its volumeClaimTemplates cannot change once it exists (the API server refuses),
 * so an existing StatefulSet keeps its own: a larger spec.database.storage.size grows the claim itself,
 * through {@link DatabaseClaimDependent}. Where the data directory lies on the volume is decided by what
 * exists ({@link DataDirectory#of}): a database made before the subdirectory keeps its data at the root.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_DATABASE))
public class DatabaseStatefulSetDependent extends OwnedDependent<StatefulSet> {
    public static final String NAME = "database";

    public DatabaseStatefulSetDependent() {
        super(StatefulSet.class, Part.DATABASE, DatabaseModel::statefulSet);
    }

    @Override
    protected StatefulSet desired(FailDaily primary, Context<FailDaily> context) {
        Optional<StatefulSet> existing = getSecondaryResource(primary, context);
        StatefulSet desired = DatabaseModel.statefulSet(primary, DataDirectory.of(existing, dataClaim(primary, context)));
        existing.ifPresent(running ->
                desired.getSpec().setVolumeClaimTemplates(running.getSpec().getVolumeClaimTemplates()));
        return desired;
    }

    /** The claim of the database's pod, from the reconciler's database-claims informer. */
    private static Optional<PersistentVolumeClaim> dataClaim(FailDaily primary, Context<FailDaily> context) {
        String name = Names.databaseClaim(primary);
        return context.getSecondaryResourcesAsStream(PersistentVolumeClaim.class)
                .filter(pvc -> name.equals(pvc.getMetadata().getName())).findFirst();
    }
}
