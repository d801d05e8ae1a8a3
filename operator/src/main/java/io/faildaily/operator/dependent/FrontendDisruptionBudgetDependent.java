package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.faildaily.operator.model.DisruptionBudgetModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The frontend's PodDisruptionBudget, while it runs more than one replica (Preconditions.FrontendReplicated). */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_FRONTEND))
public class FrontendDisruptionBudgetDependent extends OwnedDependent<PodDisruptionBudget> {
    public static final String NAME = "frontend-disruption-budget";

    public FrontendDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class, Part.FRONTEND, DisruptionBudgetModel::frontend);
    }
}
