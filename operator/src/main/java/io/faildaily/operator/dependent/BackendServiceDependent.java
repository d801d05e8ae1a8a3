package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.faildaily.operator.model.BackendModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The backend's internal Service on 3000. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_BACKEND))
public class BackendServiceDependent extends OwnedDependent<Service> {
    public static final String NAME = "backend-service";

    public BackendServiceDependent() {
        super(Service.class, Part.BACKEND, BackendModel::service);
    }
}
