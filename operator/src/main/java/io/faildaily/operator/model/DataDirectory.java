package io.faildaily.operator.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * Where MySQL's data directory lies on the mysql-data volume: {@code subPath} below its root, or the root
 * itself (null). A new ext4 volume holds {@code lost+found} at its root and the mysql image's first start
 * refuses a data directory that is not empty, so a new database keeps its data in a subdirectory. A
 * database made before keeps it at the root, where it is: mounting the subdirectory instead would hide its
 * data, and the image would initialise an empty database over the hidden one.
 */
public record DataDirectory(String subPath) {
    /**
     * New databases. A name with a '-' can never be the directory of a schema (MySQL writes '-' in a schema's
     * directory name as {@code @002d}), so it cannot be mistaken for a part of a root-layout data directory.
     */
    public static final DataDirectory SUBDIRECTORY = new DataDirectory("mysql-data");
    /** Databases created before the subdirectory was introduced. */
    public static final DataDirectory VOLUME_ROOT = new DataDirectory(null);
    /**
     * On the claims of new databases (the StatefulSet controller copies it from the volumeClaimTemplate):
     * the subPath that holds the data. Claims made before have none, which says: the volume root.
     */
    public static final String ANNOTATION = "faildaily.io/data-subpath";
    public static final String MOUNT_PATH = "/var/lib/mysql";

    /**
     * The data directory for a StatefulSet built now. A running StatefulSet keeps what it mounts (the data
     * directory of a database is never moved). Without one, a claim that is still there says where its
     * data is; without either, the volume will be new: the subdirectory.
     */
    public static DataDirectory of(Optional<StatefulSet> running, Optional<PersistentVolumeClaim> claim) {
        return running.flatMap(DataDirectory::mountedBy)
                .orElseGet(() -> claim.map(DataDirectory::recordedOn).orElse(SUBDIRECTORY));
    }

    public boolean isVolumeRoot() {
        return subPath == null;
    }

    /** What the mysql container of {@code statefulSet} mounts at /var/lib/mysql, if it mounts the data volume there. */
    static Optional<DataDirectory> mountedBy(StatefulSet statefulSet) {
        if (statefulSet.getSpec() == null || statefulSet.getSpec().getTemplate() == null
                || statefulSet.getSpec().getTemplate().getSpec() == null) {
            return Optional.empty();
        }
        List<Container> containers = statefulSet.getSpec().getTemplate().getSpec().getContainers();
        return (containers == null ? List.<Container>of() : containers).stream()
                .filter(c -> DatabaseModel.CONTAINER.equals(c.getName()))
                .map(Container::getVolumeMounts).filter(Objects::nonNull).flatMap(List::stream)
                .filter(m -> Names.MYSQL_DATA.equals(m.getName()) && MOUNT_PATH.equals(m.getMountPath()))
                .findFirst().map(DataDirectory::of);
    }

    private static DataDirectory of(VolumeMount mount) {
        String subPath = mount.getSubPath();
        return subPath == null || subPath.isEmpty() ? VOLUME_ROOT : new DataDirectory(subPath);
    }

    /** The layout the claim's annotation records; a claim without it predates the subdirectory. */
    static DataDirectory recordedOn(PersistentVolumeClaim claim) {
        Map<String, String> annotations = claim.getMetadata() == null ? null : claim.getMetadata().getAnnotations();
        String recorded = annotations == null ? null : annotations.get(ANNOTATION);
        return SUBDIRECTORY.subPath.equals(recorded) ? SUBDIRECTORY : VOLUME_ROOT;
    }
}
