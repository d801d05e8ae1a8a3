package io.faildaily.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** backup.sh and restore.sh, mounted by the backup and restore Jobs. */
@KubernetesDependent(informer = @Informer(labelSelector = PartLabels.SELECT_BACKUP_SCRIPTS))
public class BackupScriptsDependent extends OwnedDependent<ConfigMap> {
    public static final String NAME = "backup-scripts";

    public BackupScriptsDependent() {
        super(ConfigMap.class, Part.BACKUP_SCRIPTS, BackupModel::scripts);
    }
}
