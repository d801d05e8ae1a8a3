package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.faildaily.operator.model.AutoscalerModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The backend's HorizontalPodAutoscaler, while spec.backend.autoscaling is set (Preconditions.BackendAutoscaled). */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_BACKEND))
public class BackendAutoscalerDependent extends OwnedDependent<HorizontalPodAutoscaler> {
    public static final String NAME = "backend-autoscaler";

    public BackendAutoscalerDependent() {
        super(HorizontalPodAutoscaler.class, Part.BACKEND, AutoscalerModel::backend);
    }
}
