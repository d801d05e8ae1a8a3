package io.faildaily.operator.dependent;

import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.faildaily.operator.model.VolumeModel;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The uploads volume. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_UPLOADS))
public class UploadsClaimDependent extends RetainedClaimDependent {
    public static final String NAME = "uploads";

    public UploadsClaimDependent() {
        super(Part.UPLOADS, VolumeModel::uploads);
    }
}
