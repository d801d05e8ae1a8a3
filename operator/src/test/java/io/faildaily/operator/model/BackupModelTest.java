package io.faildaily.operator.model;

import static io.faildaily.operator.model.ModelAssertions.env;
import static io.faildaily.operator.model.ModelAssertions.mount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.faildaily.operator.api.BackupSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailyStatus;
import io.faildaily.operator.api.RestoreRecord;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** The scheduled backup, on-demand and restore Jobs as objects. */
class BackupModelTest {
    private final FailDaily fd = FailDailies.of("shop", "fd");

    @Test
    void theCronJobRunsTheBackupScriptDailyAt3WithoutOverlap() {
        CronJob cron = BackupModel.cronJob(fd);
        assertThat(cron.getMetadata().getName()).isEqualTo("fd-backup");
        assertThat(cron.getSpec().getSchedule()).isEqualTo("0 3 * * *");
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
        assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isEqualTo(3);
        assertThat(cron.getSpec().getStartingDeadlineSeconds()).isPositive();
        assertThat(cron.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds()).isPositive();
        Container container = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getCommand()).containsExactly("/bin/bash", "/scripts/backup.sh");
        assertThat(container.getImage()).isEqualTo(fd.getSpec().getDatabase().getImage());
    }

    @Test
    void scheduleAndRetentionComeFromTheSpec() {
        FailDaily custom = FailDailies.of("shop", "fd");
        BackupSpec backup = new BackupSpec();
        backup.setSchedule("15 1 * * 0");
        backup.setRetention(30);
        custom.getSpec().setBackup(backup);
        CronJob cron = BackupModel.cronJob(custom);
        assertThat(cron.getSpec().getSchedule()).isEqualTo("15 1 * * 0");
        Container container = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(container, "BACKUP_RETENTION").getValue()).isEqualTo("30");
    }

    @Test
    void jobPodsReachTheDatabaseWithTheRootPasswordByReferenceAndWriteToTheBackupsVolume() {
        PodSpec pod = BackupModel.cronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertThat(env(container, "MYSQL_HOST").getValue()).isEqualTo("fd-database");
        assertThat(env(container, "MYSQL_DATABASE").getValue()).isEqualTo("faildaily_prod");
        assertThat(env(container, "MYSQL_PWD").getValue()).isNull();
        assertThat(env(container, "MYSQL_PWD").getValueFrom().getSecretKeyRef().getKey()).isEqualTo(Names.SECRET_ROOT_PASSWORD);
        assertThat(mount(container, "/backups").getName()).isEqualTo("backups");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim() != null
                && "fd-backups".equals(v.getPersistentVolumeClaim().getClaimName())).isTrue());
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getArgs()).isNullOrEmpty();
    }

    @Test
    void onAReadWriteOnceBackupsVolumeEveryBackupPodGoesToTheNodeOfTheOthersOnReadWriteManyAnywhere() {
        FailDaily both = FailDailies.of("shop", "fd");
        both.getMetadata().setAnnotations(Map.of(BackupModel.BACKUP_NOW_ANNOTATION, "t1"));
        RestoreSpec restore = new RestoreSpec();
        restore.setFrom("x.sql.gz");
        both.getSpec().setRestore(restore);
        List<PodTemplateSpec> pods = List.of(BackupModel.cronJob(both).getSpec().getJobTemplate().getSpec().getTemplate(),
                BackupModel.backupNowJob(both).getSpec().getTemplate(), BackupModel.restoreJob(both).getSpec().getTemplate(),
                BackupModel.verifyCronJob(both).getSpec().getJobTemplate().getSpec().getTemplate());
        for (PodTemplateSpec pod : pods) {
            var terms = pod.getSpec().getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
            assertThat(terms).singleElement().satisfies(term -> {
                assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                // Matches every backup pod of this instance, itself included (so the first may go anywhere).
                assertThat(pods).allSatisfy(other -> assertThat(other.getMetadata().getLabels())
                        .containsAllEntriesOf(term.getLabelSelector().getMatchLabels()));
                assertThat(term.getLabelSelector().getMatchLabels()).containsEntry("app.kubernetes.io/instance", "fd")
                        .containsEntry("app.kubernetes.io/component", "backup");
            });
        }
        // On ReadWriteMany they may run anywhere.
        BackupSpec backup = new BackupSpec();
        VolumeSpec storage = new VolumeSpec();
        storage.setAccessModes(List.of(VolumeSpec.AccessMode.ReadWriteMany));
        backup.setStorage(storage);
        both.getSpec().setBackup(backup);
        assertThat(BackupModel.cronJob(both).getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getAffinity())
                .isNull();
    }

    @Test
    void jobPodsAreLabelledAsBackupsSoTheDatabasePolicyLetsThemIn() {
        FailDaily restoring = FailDailies.of("shop", "fd");
        RestoreSpec restore = new RestoreSpec();
        restore.setFrom("x.sql.gz");
        restoring.getSpec().setRestore(restore);
        Map<String, String> labels = BackupModel.restoreJob(restoring).getSpec().getTemplate().getMetadata().getLabels();
        assertThat(labels).containsEntry("app.kubernetes.io/component", "backup").containsEntry("app.kubernetes.io/instance", "fd");
    }

    @Test
    void theScriptsConfigMapHoldsBothScriptsAndWhatTheyShare() {
        Map<String, String> data = BackupModel.scripts(fd).getData();
        assertThat(data).containsOnlyKeys("backup.sh", "restore.sh", "verify.sh", "common.sh");
        assertThat(data.get("verify.sh")).contains("set -euo pipefail", "common.sh", "CHECK TABLE", "--skip-networking");
        assertThat(data.get("common.sh")).contains("mysqldump", "--single-transaction", "--routines", "--triggers",
                "--events", "gzip -t");
        assertThat(data.get("backup.sh")).contains("set -euo pipefail", "common.sh", "dump_verified");
        assertThat(data.get("restore.sh")).contains("set -euo pipefail", "common.sh", "DEFINER", "gzip -t");
    }

    @Test
    void oneBackupNowJobNamePerToken() {
        FailDaily a = withAnnotation("t1");
        FailDaily b = withAnnotation("t2");
        assertThat(BackupModel.backupNowPending(a)).isTrue();
        assertThat(BackupModel.backupNowJobName(a)).startsWith("fd-backup-now-").isNotEqualTo(BackupModel.backupNowJobName(b));
        assertThat(BackupModel.backupNowJobName(a)).isEqualTo(BackupModel.backupNowJobName(withAnnotation("t1")));
        assertThat(BackupModel.backupNowJobName(a).length()).isLessThanOrEqualTo(63);
        FailDailyStatus status = new FailDailyStatus();
        status.setBackupNowToken("t1");
        a.setStatus(status);
        assertThat(BackupModel.backupNowPending(a)).as("a token already served").isFalse();
        assertThat(BackupModel.backupNowPending(fd)).as("no annotation").isFalse();
    }

    @Test
    void aRestoreIsPendingUntilItsRequestHasFinishedAndHoldsTheBackendAtZero() {
        FailDaily restoring = FailDailies.of("shop", "fd");
        RestoreSpec restore = new RestoreSpec();
        restore.setFrom("faildaily_backup_20261124_030000.sql.gz");
        restoring.getSpec().setRestore(restore);
        assertThat(BackupModel.restorePending(restoring)).isTrue();
        assertThat(BackendModel.deployment(restoring).getSpec().getReplicas()).isZero();

        Job job = BackupModel.restoreJob(restoring);
        assertThat(job.getSpec().getBackoffLimit()).as("a restore is never retried").isZero();
        assertThat(env(job.getSpec().getTemplate().getSpec().getContainers().get(0), "RESTORE_FILE").getValue())
                .isEqualTo("faildaily_backup_20261124_030000.sql.gz");

        FailDailyStatus status = new FailDailyStatus();
        RestoreRecord record = new RestoreRecord(restore, job.getMetadata().getName(), "2026-11-24T10:00:00Z");
        status.setRestores(List.of(record));
        restoring.setStatus(status);
        assertThat(BackupModel.restorePending(restoring)).as("running").isTrue();
        record.setResult(RestoreRecord.SUCCEEDED);
        assertThat(BackupModel.restorePending(restoring)).as("done").isFalse();
        assertThat(BackendModel.deployment(restoring).getSpec().getReplicas()).isEqualTo(1);

        restore.setRequestId("again");
        assertThat(BackupModel.restorePending(restoring)).as("a new request for the same file").isTrue();
        assertThat(BackupModel.restoreJobName(restoring)).isNotEqualTo(job.getMetadata().getName());
    }

    private FailDaily withAnnotation(String token) {
        FailDaily annotated = FailDailies.of("shop", "fd");
        annotated.getMetadata().setAnnotations(Map.of(BackupModel.BACKUP_NOW_ANNOTATION, token));
        return annotated;
    }

    // --- spec.backup.objectStore --------------------------------------------------------------------------

    private static FailDaily toObjectStore() {
        FailDaily fd = FailDailies.of("shop", "fd");
        io.faildaily.operator.api.ObjectStoreSpec store = new io.faildaily.operator.api.ObjectStoreSpec();
        store.setEndpoint("https://s3.eu-west-1.amazonaws.com");
        store.setBucket("acme-backups");
        store.setCredentialsSecret("acme-s3-keys");
        fd.getSpec().getBackup().setObjectStore(store);
        return fd;
    }

    @Test
    void toAnObjectStoreTheBackupPodStreamsThroughAPipeToTheOperatorsUploadCommandAndMountsNoClaim() {
        FailDaily fd = toObjectStore();
        for (PodSpec pod : List.of(BackupModel.cronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate().getSpec(),
                backupNowPod(fd))) {
            assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("backup", "upload");
            Container dump = pod.getContainers().get(0);
            Container upload = pod.getContainers().get(1);
            assertThat(dump.getCommand()).containsExactly("/bin/bash", "/scripts/backup.sh");
            assertThat(env(dump, "STREAM_DIR").getValue()).isEqualTo("/stream");
            assertThat(mount(dump, "/stream").getName()).isEqualTo("stream");
            assertThat(upload.getImage()).isEqualTo(io.faildaily.operator.api.Defaults.OPERATOR_IMAGE);
            assertThat(upload.getCommand()).containsExactly("java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError",
                    "-jar", "/opt/faildaily/faildaily-operator.jar", "object-store", "upload");
            assertThat(mount(upload, "/stream").getName()).isEqualTo("stream");
            assertThat(env(upload, "OBJECT_STORE_ENDPOINT").getValue()).isEqualTo("https://s3.eu-west-1.amazonaws.com");
            assertThat(env(upload, "OBJECT_STORE_BUCKET").getValue()).isEqualTo("acme-backups");
            assertThat(env(upload, "OBJECT_STORE_PREFIX").getValue()).as("default: namespace/name").isEqualTo("shop/fd");
            assertThat(env(upload, "OBJECT_STORE_REGION").getValue()).isEqualTo("us-east-1");
            assertThat(env(upload, "OBJECT_STORE_PATH_STYLE").getValue()).isEqualTo("true");
            assertThat(env(upload, "BACKUP_RETENTION").getValue()).isEqualTo("7");
            for (String key : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
                assertThat(env(upload, key).getValue()).as("%s by reference only", key).isNull();
                assertThat(env(upload, key).getValueFrom().getSecretKeyRef().getName()).isEqualTo("acme-s3-keys");
            }
            assertThat(env(upload, "AWS_ACCESS_KEY_ID").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("accessKeyId");
            assertThat(env(upload, "AWS_SECRET_ACCESS_KEY").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("secretAccessKey");
            assertThat(pod.getVolumes()).as("the dump streams: no backups claim, no node constraint")
                    .noneMatch(v -> v.getPersistentVolumeClaim() != null);
            assertThat(pod.getAffinity()).isNull();
            assertThat(pod.getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo("stream");
                assertThat(v.getEmptyDir()).isNotNull();
            });
        }
    }

    @Test
    void aRestoreFromTheObjectStoreDownloadsByNameAndKeepsItsSafetyCopyOnTheBackupsVolume() {
        FailDaily fd = toObjectStore();
        fd.getSpec().getBackup().getObjectStore().setPrefix("prod/faildaily");
        fd.getSpec().getBackup().getObjectStore().setForcePathStyle(false);
        RestoreSpec restore = new RestoreSpec();
        restore.setFrom("faildaily_backup_20261124_030000.sql.gz");
        fd.getSpec().setRestore(restore);
        PodSpec pod = BackupModel.restoreJob(fd).getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("backup", "download");
        Container download = pod.getContainers().get(1);
        assertThat(download.getCommand()).endsWith("object-store", "download");
        assertThat(env(download, "RESTORE_FILE").getValue()).isEqualTo("faildaily_backup_20261124_030000.sql.gz");
        assertThat(env(download, "OBJECT_STORE_PREFIX").getValue()).isEqualTo("prod/faildaily");
        assertThat(env(download, "OBJECT_STORE_PATH_STYLE").getValue()).isEqualTo("false");
        assertThat(mount(pod.getContainers().get(0), "/backups").getName()).isEqualTo("backups");
        assertThat(pod.getAffinity()).as("the restore mounts the backups claim: with the other backup pods").isNotNull();
    }

    @Test
    void theRestoreDrillRunsWeeklyByDefaultOnceEachTimeAndNeverReachesTheLiveDatabase() {
        CronJob drill = BackupModel.verifyCronJob(fd);
        assertThat(drill.getMetadata().getName()).isEqualTo("fd-verify");
        assertThat(drill.getMetadata().getLabels()).containsEntry("faildaily.io/part", "verify")
                .containsEntry("app.kubernetes.io/component", "backup");
        assertThat(drill.getSpec().getSchedule()).isEqualTo("30 4 * * 0");
        assertThat(drill.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        var job = drill.getSpec().getJobTemplate().getSpec();
        assertThat(job.getBackoffLimit()).as("a failed drill is a finding, not retried").isZero();
        PodSpec pod = job.getTemplate().getSpec();
        assertThat(pod.getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getCommand()).containsExactly("/bin/bash", "/scripts/verify.sh");
            assertThat(c.getImage()).isEqualTo(io.faildaily.operator.api.Defaults.DATABASE_IMAGE);
            assertThat(io.faildaily.operator.model.ModelAssertions.envNames(c)).as("no address, no password of the live database")
                    .containsExactly("MYSQL_DATABASE", "BACKUP_DIR");
            assertThat(mount(c, "/backups").getReadOnly()).as("a drill only reads backups").isTrue();
            assertThat(mount(c, "/tmp").getName()).as("the throwaway server's data directory").isEqualTo("tmp");
            assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
        });
        assertThat(pod.getAffinity()).as("mounts the ReadWriteOnce backups claim: with the other backup pods").isNotNull();
        assertThat(BackupModel.verifyWanted(fd)).isTrue();
    }

    @Test
    void theDrillsScheduleAndSwitchComeFromTheSpecAndBackupsOffMeansNoDrills() {
        FailDaily custom = FailDailies.of("shop", "fd");
        custom.getSpec().getBackup().getVerify().setSchedule("0 6 1 * *");
        assertThat(BackupModel.verifyCronJob(custom).getSpec().getSchedule()).isEqualTo("0 6 1 * *");
        custom.getSpec().getBackup().getVerify().setEnabled(false);
        assertThat(BackupModel.verifyWanted(custom)).isFalse();
        FailDaily noBackups = FailDailies.of("shop", "fd");
        noBackups.getSpec().getBackup().setEnabled(false);
        assertThat(BackupModel.verifyWanted(noBackups)).isFalse();
        assertThat(noBackups.getSpec().getBackup().getVerify().getEnabled()).as("the default is not written back")
                .isTrue();
    }

    @Test
    void fromAnObjectStoreTheDrillDownloadsTheNewestBackupAndMountsNoClaim() {
        FailDaily fd = toObjectStore();
        PodSpec pod = BackupModel.verifyCronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("backup", "download");
        Container drill = pod.getContainers().get(0);
        Container download = pod.getContainers().get(1);
        assertThat(io.faildaily.operator.model.ModelAssertions.envNames(drill))
                .containsExactly("MYSQL_DATABASE", "BACKUP_DIR", "STREAM_DIR");
        assertThat(download.getCommand()).endsWith("object-store", "download", "--newest");
        assertThat(io.faildaily.operator.model.ModelAssertions.findEnv(download, "RESTORE_FILE")).isEmpty();
        assertThat(io.faildaily.operator.model.ModelAssertions.findEnv(download, "BACKUP_RETENTION")).isEmpty();
        assertThat(env(download, "AWS_SECRET_ACCESS_KEY").getValueFrom().getSecretKeyRef().getName()).isEqualTo("acme-s3-keys");
        assertThat(pod.getVolumes()).noneMatch(v -> v.getPersistentVolumeClaim() != null);
        assertThat(pod.getAffinity()).isNull();
    }

    @Test
    void withoutAnObjectStoreThePodsHaveOneContainerAsBefore() {
        assertThat(BackupModel.cronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers())
                .singleElement().satisfies(c -> assertThat(ModelAssertions.findEnv(c, "STREAM_DIR")).isEmpty());
    }

    private static PodSpec backupNowPod(FailDaily fd) {
        fd.getMetadata().setAnnotations(Map.of(BackupModel.BACKUP_NOW_ANNOTATION, "t1"));
        return BackupModel.backupNowJob(fd).getSpec().getTemplate().getSpec();
    }
}
