package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The scheduled restore drill (spec.backup.verify). */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_VERIFY))
public class VerifyCronJobDependent extends OwnedDependent<CronJob> {
    public static final String NAME = "verify";

    public VerifyCronJobDependent() {
        super(CronJob.class, Part.VERIFY, BackupModel::verifyCronJob);
    }
}
