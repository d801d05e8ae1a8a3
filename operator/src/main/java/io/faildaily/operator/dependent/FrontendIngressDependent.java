package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.faildaily.operator.model.FrontendModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The optional Ingress of the frontend. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_FRONTEND))
public class FrontendIngressDependent extends OwnedDependent<Ingress> {
    public static final String NAME = "frontend-ingress";

    public FrontendIngressDependent() {
        super(Ingress.class, Part.FRONTEND, FrontendModel::ingress);
    }
}
