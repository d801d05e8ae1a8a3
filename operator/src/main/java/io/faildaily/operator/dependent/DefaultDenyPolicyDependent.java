package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.faildaily.operator.model.NetworkPolicyModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Denies every ingress to the instance's pods that no other policy allows. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_DEFAULT_DENY))
public class DefaultDenyPolicyDependent extends OwnedDependent<NetworkPolicy> {
    public static final String NAME = "default-deny-policy";

    public DefaultDenyPolicyDependent() {
        super(NetworkPolicy.class, Part.DEFAULT_DENY, NetworkPolicyModel::defaultDeny);
    }
}
