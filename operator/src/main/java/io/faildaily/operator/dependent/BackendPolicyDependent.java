package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.faildaily.operator.model.NetworkPolicyModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Lets only this instance's nginx reach the backend. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_BACKEND))
public class BackendPolicyDependent extends OwnedDependent<NetworkPolicy> {
    public static final String NAME = "backend-policy";

    public BackendPolicyDependent() {
        super(NetworkPolicy.class, Part.BACKEND, NetworkPolicyModel::backend);
    }
}
