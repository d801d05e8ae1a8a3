package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.faildaily.operator.model.NetworkPolicyModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Lets only this instance's backend and backup jobs reach the database. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_DATABASE))
public class DatabasePolicyDependent extends OwnedDependent<NetworkPolicy> {
    public static final String NAME = "database-policy";

    public DatabasePolicyDependent() {
        super(NetworkPolicy.class, Part.DATABASE, NetworkPolicyModel::database);
    }
}
