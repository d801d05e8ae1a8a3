package io.faildaily.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** spec.restore.from (the CRD carries the pattern, see CrdFileTest): a dump on the backups volume, compressed or plain. */
class BackupFilePatternTest {

    @Test
    void theBackupJobsFilesAndTheOriginalSetupsPlainDumpsAreAccepted() {
        assertThat(List.of("faildaily_backup_20261124_030000.sql.gz", "faildaily_backup_20261201_120000.sql",
                "pre-restore_20261124_031500.sql.gz", "export.2026-12-01.sql"))
                .allSatisfy(name -> assertThat(name).matches(Patterns.BACKUP_FILE));
    }

    @Test
    void otherFilesPathsAndHiddenNamesAreRefused() {
        assertThat(List.of("notes.txt", "backup.sql.zip", "backup.sql.gz.part", "../backup.sql", "dir/backup.sql",
                ".backup.sql", "backup.SQL", ".sql"))
                .allSatisfy(name -> assertThat(name).doesNotMatch(Patterns.BACKUP_FILE));
    }
}
