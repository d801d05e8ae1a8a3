package io.faildaily.operator.dependent;

import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.faildaily.operator.model.VolumeModel;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The nginx-cache volume. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_CACHE))
public class CacheClaimDependent extends RetainedClaimDependent {
    public static final String NAME = "cache";

    public CacheClaimDependent() {
        super(Part.CACHE, VolumeModel::cache);
    }
}
