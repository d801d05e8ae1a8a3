package io.faildaily.operator.dependent;

import io.faildaily.operator.model.FrontendModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The nginx Deployment; created once the backend is ready. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_FRONTEND))
public class FrontendDeploymentDependent extends DeploymentDependent {
    public static final String NAME = "frontend";

    public FrontendDeploymentDependent() {
        super(Part.FRONTEND, FrontendModel::deployment, fd -> fd.getSpec().getFrontend().getAutoscaling());
    }
}
