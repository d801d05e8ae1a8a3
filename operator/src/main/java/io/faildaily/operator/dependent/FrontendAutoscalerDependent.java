package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.faildaily.operator.model.AutoscalerModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The frontend's HorizontalPodAutoscaler, while spec.frontend.autoscaling is set (Preconditions.FrontendAutoscaled). */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_FRONTEND))
public class FrontendAutoscalerDependent extends OwnedDependent<HorizontalPodAutoscaler> {
    public static final String NAME = "frontend-autoscaler";

    public FrontendAutoscalerDependent() {
        super(HorizontalPodAutoscaler.class, Part.FRONTEND, AutoscalerModel::frontend);
    }
}
