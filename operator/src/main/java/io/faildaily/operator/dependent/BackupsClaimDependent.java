package io.faildaily.operator.dependent;

import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The backups volume. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_BACKUPS))
public class BackupsClaimDependent extends RetainedClaimDependent {
    public static final String NAME = "backups";

    public BackupsClaimDependent() {
        super(Part.BACKUPS, BackupModel::claim);
    }
}
