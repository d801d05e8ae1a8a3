package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.faildaily.operator.model.FrontendModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The frontend's nginx.conf. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_FRONTEND_CONFIG))
public class FrontendConfigDependent extends OwnedDependent<ConfigMap> {
    public static final String NAME = "frontend-config";

    public FrontendConfigDependent() {
        super(ConfigMap.class, Part.FRONTEND_CONFIG, FrontendModel::configMap);
    }
}
