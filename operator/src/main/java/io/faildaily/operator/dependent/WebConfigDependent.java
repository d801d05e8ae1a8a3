package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.faildaily.operator.model.FrontendModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The default FailDaily web page, when no frontend image is given. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_WEB))
public class WebConfigDependent extends OwnedDependent<ConfigMap> {
    public static final String NAME = "web";

    public WebConfigDependent() {
        super(ConfigMap.class, Part.WEB, FrontendModel::webConfigMap);
    }
}
