package io.faildaily.operator.dependent;

import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The restore Job of spec.restore; the workflow starts it only once the backend is scaled to zero. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_RESTORE))
public class RestoreJobDependent extends OneShotJobDependent {
    public static final String NAME = "restore";

    public RestoreJobDependent() {
        super(BackupModel::restoreJob, BackupModel::restoreJobName);
    }
}
