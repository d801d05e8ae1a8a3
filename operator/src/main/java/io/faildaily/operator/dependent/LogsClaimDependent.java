package io.faildaily.operator.dependent;

import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.faildaily.operator.model.VolumeModel;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The app-logs volume. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_LOGS))
public class LogsClaimDependent extends RetainedClaimDependent {
    public static final String NAME = "logs";

    public LogsClaimDependent() {
        super(Part.LOGS, VolumeModel::logs);
    }
}
