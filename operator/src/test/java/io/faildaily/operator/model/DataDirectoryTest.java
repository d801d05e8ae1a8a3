package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** Where the data directory of a database is: decided once, never moved under existing data. */
class DataDirectoryTest {
    private final FailDaily fd = FailDailies.of("shop", "fd");

    @Test
    void aNewDatabaseGetsTheSubdirectory() {
        assertThat(DataDirectory.of(Optional.empty(), Optional.empty())).isEqualTo(DataDirectory.SUBDIRECTORY);
    }

    @Test
    void aRunningStatefulSetKeepsWhatItMounts() {
        StatefulSet old = DatabaseModel.statefulSet(fd, DataDirectory.VOLUME_ROOT);
        StatefulSet current = DatabaseModel.statefulSet(fd);
        // The claim is not asked: what runs has its data where it mounts it.
        assertThat(DataDirectory.of(Optional.of(old), Optional.of(claim(Map.of(DataDirectory.ANNOTATION, "mysql-data")))))
                .isEqualTo(DataDirectory.VOLUME_ROOT);
        assertThat(DataDirectory.of(Optional.of(current), Optional.of(claim(Map.of())))).isEqualTo(DataDirectory.SUBDIRECTORY);
    }

    @Test
    void withoutAStatefulSetAClaimLeftBehindSaysWhereItsDataIs() {
        // Deleted with deletionPolicy Retain, created again: the old claim has its data at the root.
        assertThat(DataDirectory.of(Optional.empty(), Optional.of(claim(null)))).isEqualTo(DataDirectory.VOLUME_ROOT);
        assertThat(DataDirectory.of(Optional.empty(), Optional.of(claim(Map.of("other", "x")))))
                .isEqualTo(DataDirectory.VOLUME_ROOT);
        assertThat(DataDirectory.of(Optional.empty(), Optional.of(claim(Map.of(DataDirectory.ANNOTATION, "mysql-data")))))
                .isEqualTo(DataDirectory.SUBDIRECTORY);
    }

    @Test
    void theClaimOfANewStatefulSetRecordsItsLayout() {
        // What the StatefulSet controller does: a copy of the template, named for the pod.
        PersistentVolumeClaim made = new PersistentVolumeClaimBuilder(
                DatabaseModel.statefulSet(fd).getSpec().getVolumeClaimTemplates().get(0))
                .editMetadata().withName(Names.databaseClaim(fd)).endMetadata().build();
        assertThat(DataDirectory.of(Optional.empty(), Optional.of(made))).isEqualTo(DataDirectory.SUBDIRECTORY);
    }

    @Test
    void aStatefulSetWithoutTheMysqlMountIsNotReadAsALayout() {
        StatefulSet bare = new StatefulSetBuilder().withNewMetadata().withName("fd-database").endMetadata().build();
        StatefulSet edited = new StatefulSetBuilder(DatabaseModel.statefulSet(fd)).editSpec().editTemplate().editSpec()
                .editFirstContainer().withVolumeMounts(java.util.List.of()).endContainer().endSpec().endTemplate().endSpec()
                .build();
        assertThat(DataDirectory.of(Optional.of(bare), Optional.of(claim(null)))).isEqualTo(DataDirectory.VOLUME_ROOT);
        assertThat(DataDirectory.of(Optional.of(edited), Optional.empty())).isEqualTo(DataDirectory.SUBDIRECTORY);
    }

    private PersistentVolumeClaim claim(Map<String, String> annotations) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(Names.databaseClaim(fd))
                .withAnnotations(annotations).endMetadata().build();
    }
}
