package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.faildaily.operator.model.NetworkPolicyModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Lets anyone reach nginx. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_FRONTEND))
public class FrontendPolicyDependent extends OwnedDependent<NetworkPolicy> {
    public static final String NAME = "frontend-policy";

    public FrontendPolicyDependent() {
        super(NetworkPolicy.class, Part.FRONTEND, NetworkPolicyModel::frontend);
    }
}
