package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.faildaily.operator.model.DisruptionBudgetModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The backend's PodDisruptionBudget, while it runs more than one replica (Preconditions.BackendReplicated). */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_BACKEND))
public class BackendDisruptionBudgetDependent extends OwnedDependent<PodDisruptionBudget> {
    public static final String NAME = "backend-disruption-budget";

    public BackendDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class, Part.BACKEND, DisruptionBudgetModel::backend);
    }
}
