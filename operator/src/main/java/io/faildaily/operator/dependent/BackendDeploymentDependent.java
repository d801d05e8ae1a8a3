package io.faildaily.operator.dependent;

import io.faildaily.operator.model.BackendModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The backend Deployment; created once the database is ready. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_BACKEND))
public class BackendDeploymentDependent extends DeploymentDependent {
    public static final String NAME = "backend";

    public BackendDeploymentDependent() {
        super(Part.BACKEND, BackendModel::deployment, fd -> fd.getSpec().getBackend().getAutoscaling());
    }
}
