package io.faildaily.operator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.Names;

/**
 * The database's volume as a pod first gets it: a new ext4 file system, whose root holds {@code lost+found}.
 * The data directory is where the rendered StatefulSet's mysql container mounts the mysql-data volume
 * ({@code /var/lib/mysql}, with its subPath if it has one: the kubelet creates a missing subPath directory).
 * MariaDB's installer does not mind files in its directory, the mysql image's first start does
 * ({@code mysqld --initialize} aborts), so the same refusal is made here before MariaDB initialises it.
 */
final class DataVolume {
    static final String MYSQLD_REFUSAL = "--initialize specified but the data directory has files in it. Aborting.";

    private DataVolume() {}

    /** A fresh volume at {@code root}, and the data directory {@code rendered} gives MySQL on it, empty. */
    static Path dataDirectory(Path root, StatefulSet rendered) {
        try {
            Files.createDirectories(root.resolve("lost+found"));
            String subPath = dataMount(rendered).getSubPath();
            Path dataDir = subPath == null || subPath.isEmpty() ? root : Files.createDirectories(root.resolve(subPath));
            List<String> present;
            try (Stream<Path> entries = Files.list(dataDir)) {
                present = entries.map(p -> p.getFileName().toString()).sorted().toList();
            }
            if (!present.isEmpty()) {
                throw new IllegalStateException(MYSQLD_REFUSAL + " (" + dataDir + " holds " + present + ")");
            }
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VolumeMount dataMount(StatefulSet rendered) {
        Container mysql = rendered.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> DatabaseModel.CONTAINER.equals(c.getName())).findFirst().orElseThrow();
        return mysql.getVolumeMounts().stream()
                .filter(m -> Names.MYSQL_DATA.equals(m.getName()) && "/var/lib/mysql".equals(m.getMountPath()))
                .findFirst().orElseThrow(() -> new AssertionError("mysql-data is not mounted at /var/lib/mysql"));
    }
}
