package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The MySQL StatefulSet. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_DATABASE))
public class DatabaseStatefulSetDependent extends OwnedDependent<StatefulSet> {
    public static final String NAME = "database";

    public DatabaseStatefulSetDependent() {
        super(StatefulSet.class, Part.DATABASE, DatabaseModel::statefulSet);
    }
}
