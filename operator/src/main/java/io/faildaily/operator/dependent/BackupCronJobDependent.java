package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The scheduled backup. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_BACKUP))
public class BackupCronJobDependent extends OwnedDependent<CronJob> {
    public static final String NAME = "backup";

    public BackupCronJobDependent() {
        super(CronJob.class, Part.BACKUP, BackupModel::cronJob);
    }
}
