package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.BackupSpec;
import io.faildaily.operator.api.ConditionTypes;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.ObjectStoreSpec;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.api.RestoreRecord;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.JobPods;
import io.faildaily.operator.testing.Kubelet;
import io.faildaily.operator.testing.OperatorOnMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scheduled, on-demand and restore Jobs, and what their pods report, on the mock API server. */
class BackupReconcilerTest {
    private static OperatorOnMock mock;
    private static KubernetesClient k8s;
    private static Kubelet kubelet;
    private static JobPods jobPods;

    @BeforeAll
    static void start() {
        mock = OperatorOnMock.start();
        k8s = mock.k8s();
        kubelet = mock.kubelet();
        jobPods = new JobPods(k8s);
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void aCronJobBacksUpOnScheduleAndTheStatusReportsTheLastBackup() {
        String ns = namespace("cron");
        mock.create(FailDailies.of(ns, "app", spec -> {
            BackupSpec backup = new BackupSpec();
            backup.setSchedule("30 2 * * *");
            backup.setRetention(3);
            spec.setBackup(backup);
        }));
        Await.until("Ready", () -> phase(ns) == Phase.Ready);
        CronJob cron = k8s.batch().v1().cronjobs().inNamespace(ns).withName("app-backup").get();
        assertThat(cron.getSpec().getSchedule()).isEqualTo("30 2 * * *");
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(condition(ns, ConditionTypes.BACKUP_SCHEDULED).getStatus()).isEqualTo("True");
        assertThat(k8s.persistentVolumeClaims().inNamespace(ns).withName("app-backups").get()).isNotNull();

        // The CronJob fires: its Job's pod reports the file it wrote.
        jobPods.finish(ns, "app-backup-29000000", cron.getSpec().getJobTemplate().getSpec().getTemplate(), true,
                "file=faildaily_backup_20261124_023000.sql.gz size=52341", "2026-11-24T02:30:07Z");
        Await.until("lastBackup recorded", () -> get(ns).getStatus().getLastBackup() != null);
        var last = get(ns).getStatus().getLastBackup();
        assertThat(last.getFile()).isEqualTo("faildaily_backup_20261124_023000.sql.gz");
        assertThat(last.getSize()).isEqualTo(52341L);
        assertThat(last.getResult()).isEqualTo("Succeeded");
        assertThat(last.getTime()).isEqualTo("2026-11-24T02:30:07Z");
        assertThat(condition(ns, ConditionTypes.LAST_BACKUP_SUCCEEDED).getStatus()).isEqualTo("True");

        // The next night's run fails: a condition and a Warning event say why.
        jobPods.finish(ns, "app-backup-29001440", cron.getSpec().getJobTemplate().getSpec().getTemplate(), false,
                "error=mysqldump of faildaily_prod failed", "2026-11-25T02:30:03Z");
        Await.until("the failure is the last backup", () -> "Failed".equals(get(ns).getStatus().getLastBackup().getResult()));
        assertThat(condition(ns, ConditionTypes.LAST_BACKUP_SUCCEEDED).getStatus()).isEqualTo("False");
        assertThat(condition(ns, ConditionTypes.LAST_BACKUP_SUCCEEDED).getMessage()).contains("mysqldump");
        Await.until("a BackupFailed warning", () -> events(ns).stream()
                .anyMatch(e -> "BackupFailed".equals(e.getReason()) && "Warning".equals(e.getType())));
    }

    @Test
    void toAnObjectStoreTheStoresErrorCodeReachesTheConditionAndTheEventFromWhicheverContainerCausedIt() {
        String ns = namespace("s3");
        mock.create(FailDailies.of(ns, "app", spec -> {
            ObjectStoreSpec store = new ObjectStoreSpec();
            store.setEndpoint("http://minio.storage:9000");
            store.setBucket("faildaily");
            store.setCredentialsSecret("s3-keys");
            spec.getBackup().setObjectStore(store);
        }));
        Await.until("Ready", () -> phase(ns) == Phase.Ready);
        CronJob cron = k8s.batch().v1().cronjobs().inNamespace(ns).withName("app-backup").get();
        var template = cron.getSpec().getJobTemplate().getSpec().getTemplate();
        assertThat(template.getSpec().getContainers()).extracting(c -> c.getName()).containsExactly("backup", "upload");

        // Listed upload first, as the kubelet lists them by name... reversed here to prove the pod's order counts.
        Map<String, String> failed = new LinkedHashMap<>();
        failed.put("upload", "error=the object store answered NoSuchBucket (HTTP 404) listing s3://faildaily/" + ns
                + "/app/\ncode=NoSuchBucket");
        failed.put("backup", "dump=skipped");
        jobPods.finish(ns, "app-backup-29000000", template, false, failed, "2026-11-24T02:30:07Z");
        Await.until("the failure is the last backup", () -> get(ns).getStatus().getLastBackup() != null
                && "Failed".equals(get(ns).getStatus().getLastBackup().getResult()));
        assertThat(condition(ns, ConditionTypes.LAST_BACKUP_SUCCEEDED).getStatus()).isEqualTo("False");
        assertThat(condition(ns, ConditionTypes.LAST_BACKUP_SUCCEEDED).getMessage())
                .startsWith("the object store answered NoSuchBucket");
        Await.until("a BackupFailed warning naming the code", () -> events(ns).stream()
                .anyMatch(e -> "BackupFailed".equals(e.getReason()) && e.getMessage().contains("NoSuchBucket")));

        // A dump that failed: its error, not the upload's "aborted".
        Map<String, String> dumpFailed = new LinkedHashMap<>();
        dumpFailed.put("upload", "upload=aborted");
        dumpFailed.put("backup", "error=mysqldump of faildaily_prod failed (exit 2); nothing was stored");
        jobPods.finish(ns, "app-backup-29001440", template, false, dumpFailed, "2026-11-25T02:30:07Z");
        Await.until("the dump's failure is the last backup", () -> get(ns).getStatus().getLastBackup().getMessage()
                .startsWith("mysqldump of faildaily_prod failed"));

        Map<String, String> done = new LinkedHashMap<>();
        done.put("upload", "file=faildaily_backup_20261126_023000.sql.gz size=52341 sha256=" + "ab".repeat(32)
                + " location=s3://faildaily/" + ns + "/app/");
        done.put("backup", "dump=complete");
        jobPods.finish(ns, "app-backup-29002880", template, true, done, "2026-11-26T02:30:07Z");
        Await.until("the backup is recorded", () -> "Succeeded".equals(get(ns).getStatus().getLastBackup().getResult()));
        assertThat(get(ns).getStatus().getLastBackup().getFile()).isEqualTo("faildaily_backup_20261126_023000.sql.gz");
        assertThat(get(ns).getStatus().getLastBackup().getSize()).isEqualTo(52341L);
        Await.until("a BackupSucceeded event naming the store", () -> events(ns).stream()
                .anyMatch(e -> "BackupSucceeded".equals(e.getReason()) && e.getMessage().contains("s3://faildaily/")));
    }

    @Test
    void aRestoreDrillsOutcomeReachesTheBackupVerifiedConditionAndAFailureAWarningEvent() {
        String ns = namespace("drill");
        mock.create(FailDailies.of(ns, "app"));
        Await.until("Ready", () -> phase(ns) == Phase.Ready);
        CronJob drill = k8s.batch().v1().cronjobs().inNamespace(ns).withName("app-verify").get();
        assertThat(drill.getSpec().getSchedule()).as("weekly by default").isEqualTo(Defaults.VERIFY_SCHEDULE);
        assertThat(get(ns).getStatus().condition(ConditionTypes.BACKUP_VERIFIED)).as("no drill ran yet").isEmpty();
        var template = drill.getSpec().getJobTemplate().getSpec().getTemplate();

        jobPods.finish(ns, "app-verify-29000000", template, false, "error=the restored faildaily_backup_20261129_030000.sql.gz "
                + "differs from its counts file: fails: 120 rows in the backup, 119 restored\n"
                + "reason=RowCountMismatch backup=faildaily_backup_20261129_030000.sql.gz", "2026-11-29T04:31:10Z");
        Await.until("the drill's failure in the condition", () -> get(ns).getStatus().condition(ConditionTypes.BACKUP_VERIFIED)
                .map(c -> "False".equals(c.getStatus())).orElse(false));
        var failed = condition(ns, ConditionTypes.BACKUP_VERIFIED);
        assertThat(failed.getReason()).isEqualTo("RowCountMismatch");
        assertThat(failed.getMessage()).startsWith("faildaily_backup_20261129_030000.sql.gz: the restored")
                .contains("fails: 120 rows in the backup, 119 restored");
        assertThat(get(ns).getStatus().getLastVerification().getBackup()).isEqualTo("faildaily_backup_20261129_030000.sql.gz");
        Await.until("a BackupVerificationFailed warning", () -> events(ns).stream()
                .anyMatch(e -> "BackupVerificationFailed".equals(e.getReason()) && "Warning".equals(e.getType())
                        && e.getMessage().startsWith("RowCountMismatch: faildaily_backup_20261129_030000.sql.gz")));

        jobPods.finish(ns, "app-verify-29010080", template, true,
                "verified=faildaily_backup_20261206_030000.sql.gz tables=32 rows=1250", "2026-12-06T04:31:02Z");
        Await.until("the next drill verified", () -> "True".equals(condition(ns, ConditionTypes.BACKUP_VERIFIED).getStatus()));
        var verified = condition(ns, ConditionTypes.BACKUP_VERIFIED);
        assertThat(verified.getReason()).isEqualTo("Verified");
        assertThat(verified.getMessage()).startsWith("faildaily_backup_20261206_030000.sql.gz: restored into a throwaway "
                + "database: CHECK TABLE passed on 32 tables, and their 1250 rows match");

        // Drills off: the CronJob goes, the last result stays in the status.
        k8s.resources(FailDaily.class).inNamespace(ns).withName("app").edit(fd -> {
            fd.getSpec().getBackup().getVerify().setEnabled(false);
            return fd;
        });
        Await.until("the drill CronJob is gone", () -> k8s.batch().v1().cronjobs().inNamespace(ns).withName("app-verify").get() == null);
        assertThat(get(ns).getStatus().getLastVerification().succeeded()).isTrue();
    }

    @Test
    void theBackupNowAnnotationStartsOneJobPerDistinctToken() {
        String ns = namespace("now");
        mock.create(FailDailies.of(ns, "app"));
        Await.until("Ready", () -> phase(ns) == Phase.Ready);

        annotate(ns, "first");
        Await.until("one on-demand Job", () -> backupNowJobs(ns).size() == 1);
        Await.until("token recorded", () -> "first".equals(get(ns).getStatus().getBackupNowToken()));
        Job first = backupNowJobs(ns).get(0);
        assertThat(first.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                .containsExactly("/bin/bash", "/scripts/backup.sh");

        // The same token again (another annotation edit) starts nothing; deleting the Job does not bring it back.
        k8s.resources(FailDaily.class).inNamespace(ns).withName("app")
                .edit(fd -> { fd.getMetadata().getAnnotations().put("unrelated", "x"); return fd; });
        k8s.batch().v1().jobs().inNamespace(ns).withName(first.getMetadata().getName()).delete();
        Await.sleep(1500);
        assertThat(backupNowJobs(ns)).isEmpty();

        annotate(ns, "second");
        Await.until("a second Job for the new token", () -> backupNowJobs(ns).size() == 1
                && !backupNowJobs(ns).get(0).getMetadata().getName().equals(first.getMetadata().getName()));
        Await.until("token recorded", () -> "second".equals(get(ns).getStatus().getBackupNowToken()));
    }

    @Test
    void aRestoreScalesTheBackendToZeroRunsOnceAndScalesBack() {
        String ns = namespace("restore");
        mock.create(FailDailies.of(ns, "app"));
        Await.until("Ready", () -> phase(ns) == Phase.Ready);
        kubelet.hold("app-backend"); // pods of the backend take their time to stop

        requestRestore(ns, "faildaily_backup_20261124_030000.sql.gz");
        Await.until("backend scaled to 0", () -> deployment(ns, "app-backend").getSpec().getReplicas() == 0);
        Await.until("restore recorded as running", () -> !get(ns).getStatus().getRestores().isEmpty());
        assertThat(get(ns).getStatus().getRestores().get(0).getResult()).isEqualTo(RestoreRecord.RUNNING);
        // A reconciliation that hit a 409 writes the history with its error status before the conditions: wait for them.
        Await.until("LastRestoreSucceeded says RestoreRunning", () -> get(ns).getStatus().condition(ConditionTypes.LAST_RESTORE_SUCCEEDED)
                .map(c -> "RestoreRunning".equals(c.getReason())).orElse(false));

        kubelet.release("app-backend"); // the last backend pod is gone: now the restore may start
        Job job = Await.value("the restore Job", () -> restoreJob(ns));
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("RESTORE_FILE");
                    assertThat(e.getValue()).isEqualTo("faildaily_backup_20261124_030000.sql.gz");
                });

        jobPods.finish(job, true, "restored=faildaily_backup_20261124_030000.sql.gz safety=pre-restore_20261124_101010.sql.gz",
                "2026-11-24T10:10:30Z");
        Await.until("restore recorded as succeeded",
                () -> RestoreRecord.SUCCEEDED.equals(get(ns).getStatus().getRestores().get(0).getResult()));
        Await.until("backend back to 1 replica", () -> deployment(ns, "app-backend").getSpec().getReplicas() == 1);
        RestoreRecord record = get(ns).getStatus().getRestores().get(0);
        assertThat(record.getResult()).isEqualTo(RestoreRecord.SUCCEEDED);
        assertThat(record.getMessage()).contains("pre-restore_20261124_101010.sql.gz");
        assertThat(condition(ns, ConditionTypes.LAST_RESTORE_SUCCEEDED).getStatus()).isEqualTo("True");

        // Never twice: the Job is deleted (as a TTL would), the request stays in the spec.
        k8s.batch().v1().jobs().inNamespace(ns).withName(job.getMetadata().getName()).delete();
        Await.sleep(1500);
        assertThat(restoreJob(ns)).isNull();
        assertThat(deployment(ns, "app-backend").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void aRefusedRestoreSaysWhyAndReleasesTheBackend() {
        String ns = namespace("refused");
        mock.create(FailDailies.of(ns, "app"));
        Await.until("Ready", () -> phase(ns) == Phase.Ready);
        requestRestore(ns, "faildaily_backup_20990101_000000.sql.gz");
        Job job = Await.value("the restore Job", () -> restoreJob(ns));
        jobPods.finish(job, false, "error=no backup named faildaily_backup_20990101_000000.sql.gz on the backups volume;"
                + " the database was not touched", "2026-11-24T10:00:00Z");
        Await.until("restore failed", () -> RestoreRecord.FAILED.equals(get(ns).getStatus().getRestores().get(0).getResult()));
        var condition = condition(ns, ConditionTypes.LAST_RESTORE_SUCCEEDED);
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("RestoreFailed");
        assertThat(condition.getMessage()).contains("no backup named").contains("not touched");
        Await.until("backend back to 1 replica", () -> deployment(ns, "app-backend").getSpec().getReplicas() == 1);
        Await.until("a RestoreFailed warning", () -> events(ns).stream()
                .anyMatch(e -> "RestoreFailed".equals(e.getReason()) && "Warning".equals(e.getType())));
    }

    private static void requestRestore(String ns, String file) {
        k8s.resources(FailDaily.class).inNamespace(ns).withName("app").edit(fd -> {
            RestoreSpec restore = new RestoreSpec();
            restore.setFrom(file);
            fd.getSpec().setRestore(restore);
            return fd;
        });
    }

    private static void annotate(String ns, String token) {
        k8s.resources(FailDaily.class).inNamespace(ns).withName("app").edit(fd -> {
            fd.getMetadata().getAnnotations().put(BackupModel.BACKUP_NOW_ANNOTATION, token);
            return fd;
        });
    }

    private static List<Job> backupNowJobs(String ns) {
        return k8s.batch().v1().jobs().inNamespace(ns).withLabel("faildaily.io/part", "backup-now").list().getItems();
    }

    private static Job restoreJob(String ns) {
        List<Job> jobs = k8s.batch().v1().jobs().inNamespace(ns).withLabel("faildaily.io/part", "restore").list().getItems();
        return jobs.isEmpty() ? null : jobs.get(0);
    }

    private static String namespace(String prefix) {
        return mock.namespace(prefix);
    }

    private static FailDaily get(String ns) {
        return mock.get(ns, "app");
    }

    private static Phase phase(String ns) {
        return mock.phase(ns, "app");
    }

    private static io.fabric8.kubernetes.api.model.Condition condition(String ns, String type) {
        return mock.condition(ns, "app", type);
    }

    private static Deployment deployment(String ns, String name) {
        return k8s.apps().deployments().inNamespace(ns).withName(name).get();
    }

    private static List<Event> events(String ns) {
        return mock.events(ns);
    }
}
