package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.faildaily.operator.model.FrontendModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The frontend Service, the instance's public entry point. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_FRONTEND))
public class FrontendServiceDependent extends OwnedDependent<Service> {
    public static final String NAME = "frontend-service";

    public FrontendServiceDependent() {
        super(Service.class, Part.FRONTEND, FrontendModel::service);
    }
}
