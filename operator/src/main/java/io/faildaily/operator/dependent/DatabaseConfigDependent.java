package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The database's my.cnf. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_DATABASE_CONFIG))
public class DatabaseConfigDependent extends OwnedDependent<ConfigMap> {
    public static final String NAME = "database-config";

    public DatabaseConfigDependent() {
        super(ConfigMap.class, Part.DATABASE_CONFIG, DatabaseModel::configMap);
    }
}
