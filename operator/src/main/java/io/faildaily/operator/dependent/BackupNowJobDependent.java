package io.faildaily.operator.dependent;

import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** A backup Job for each new token of the faildaily.io/backup-now annotation. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_BACKUP_NOW))
public class BackupNowJobDependent extends OneShotJobDependent {
    public static final String NAME = "backup-now";

    public BackupNowJobDependent() {
        super(BackupModel::backupNowJob, BackupModel::backupNowJobName);
    }
}
