package io.faildaily.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which files of a store's folder retention deletes: never the newest complete backup, nor one running now. */
class RetentionTest {
    private static final String D1 = "faildaily_backup_20260101_030000";
    private static final String D2 = "faildaily_backup_20260102_030000";
    private static final String D3 = "faildaily_backup_20260103_030000";

    @Test
    void keepsTheNewestManifestsWithTheirDumpsAndDeletesManifestsFirst() {
        List<String> names = List.of(D1 + ".manifest.json", D1 + ".sql.gz", D2 + ".manifest.json", D2 + ".sql.gz",
                D3 + ".manifest.json", D3 + ".sql.gz");
        assertThat(Retention.toDelete(names, 2)).containsExactly(D1 + ".manifest.json", D1 + ".sql.gz");
        assertThat(Retention.toDelete(names, 1)).containsExactly(D2 + ".manifest.json", D2 + ".sql.gz",
                D1 + ".manifest.json", D1 + ".sql.gz");
        assertThat(Retention.toDelete(names, 3)).isEmpty();
        assertThat(Retention.newest(names)).contains(D3 + ".sql.gz");
    }

    @Test
    void anOrphanDumpOlderThanTheNewestCompleteOneGoesOneNewerStays() {
        String orphan = "faildaily_backup_20260102_120000.sql.gz";
        String running = "faildaily_backup_20260104_030000.sql.gz";
        List<String> names = List.of(D2 + ".manifest.json", D2 + ".sql.gz", orphan, D3 + ".manifest.json", D3 + ".sql.gz",
                running, "pre-restore_20260101_000000.sql.gz", "notes.txt");
        assertThat(Retention.toDelete(names, 7)).containsExactly(orphan);
        assertThat(Retention.newest(names)).as("a dump without manifest is never the newest").contains(D3 + ".sql.gz");
    }

    @Test
    void withoutAnyCompleteBackupNothingGoes() {
        assertThat(Retention.toDelete(List.of(D1 + ".sql.gz"), 1)).isEmpty();
        assertThat(Retention.newest(List.of(D1 + ".sql.gz"))).isEmpty();
        assertThatThrownBy(() -> Retention.toDelete(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backupsOfTheSameSecondSortAfterTheFirst() {
        String first = BackupUpload.freeName(List.of(), java.time.Instant.parse("2026-01-03T03:00:00Z"));
        assertThat(first).isEqualTo(D3 + ".sql.gz");
        String second = BackupUpload.freeName(List.of(D3 + ".sql.gz", D3 + ".manifest.json"),
                java.time.Instant.parse("2026-01-03T03:00:00Z"));
        assertThat(second).isEqualTo(D3 + "_01.sql.gz");
        assertThat(Retention.newest(List.of(D3 + ".manifest.json", D3 + "_01.manifest.json"))).contains(second);
    }
}
