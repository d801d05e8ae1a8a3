package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.Names;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The database's data claim, which the StatefulSet controller creates from the volumeClaimTemplate.
 * Update only: grows it when spec.database.storage.size grows (UpgradeGuard refuses a shrink). Never
 * created or deleted here. It reads the reconciler's "database-claims" informer, which the credentials
 * guard needs from the first reconciliation on.
 */
public class DatabaseClaimDependent extends KubernetesDependentResource<PersistentVolumeClaim, FailDaily>
        implements Updater<PersistentVolumeClaim, FailDaily> {
    public static final String NAME = "database-claim";

    public DatabaseClaimDependent() {
        super(PersistentVolumeClaim.class);
    }

    @Override
    protected PersistentVolumeClaim desired(FailDaily primary, Context<FailDaily> context) {
        return DatabaseModel.dataClaim(primary);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(FailDaily primary, Context<FailDaily> context) {
        return new ResourceID(Names.databaseClaim(primary), primary.getMetadata().getNamespace());
    }
}
