package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The database's internal Service on 3306. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_DATABASE))
public class DatabaseServiceDependent extends OwnedDependent<Service> {
    public static final String NAME = "database-service";

    public DatabaseServiceDependent() {
        super(Service.class, Part.DATABASE, DatabaseModel::service);
    }
}
