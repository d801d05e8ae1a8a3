package io.faildaily.operator.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.ObjectStoreSpec;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.RandomStrings;
import io.faildaily.operator.model.Topology;

/**
 * Objects of a FailDaily with every optional part switched on: backups, an on-demand backup, a restore, and
 * two replicas of the backend and the frontend (so their PodDisruptionBudgets too), the backend's on
 * ReadWriteMany uploads and logs (two backend pods on ReadWriteOnce volumes are refused).
 */
public final class EveryObject {
    private EveryObject() {}

    public static FailDaily failDaily(String namespace, String name) {
        FailDaily fd = FailDailies.of(namespace, name);
        fd.getMetadata().setAnnotations(Map.of(BackupModel.BACKUP_NOW_ANNOTATION, "t1"));
        RestoreSpec restore = new RestoreSpec();
        restore.setFrom("faildaily_backup_20261124_030000.sql.gz");
        fd.getSpec().setRestore(restore);
        fd.getSpec().getBackend().setReplicas(2);
        fd.getSpec().getBackend().setUploads(shared());
        fd.getSpec().setLogs(shared());
        fd.getSpec().getFrontend().setReplicas(2);
        return fd;
    }

    private static VolumeSpec shared() {
        VolumeSpec volume = new VolumeSpec();
        volume.setAccessModes(List.of(VolumeSpec.AccessMode.ReadWriteMany));
        return volume;
    }

    public static List<HasMetadata> of(String namespace, String name) {
        return new ArrayList<>(Topology.of(failDaily(namespace, name), RandomStrings.secure()));
    }

    /** The same FailDaily backing up to an object store: its backup and restore pods have a second container. */
    public static FailDaily withObjectStore(String namespace, String name) {
        FailDaily fd = failDaily(namespace, name);
        ObjectStoreSpec store = new ObjectStoreSpec();
        store.setEndpoint("https://s3.example.com");
        store.setBucket("faildaily-backups");
        store.setCredentialsSecret("s3-keys");
        fd.getSpec().getBackup().setObjectStore(store);
        return fd;
    }

    public static List<HasMetadata> ofWithObjectStore(String namespace, String name) {
        return new ArrayList<>(Topology.of(withObjectStore(namespace, name), RandomStrings.secure()));
    }
}
