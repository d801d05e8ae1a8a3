package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.faildaily.operator.api.BackupRecord;
import io.faildaily.operator.api.FailDailyStatus;
import io.faildaily.operator.api.VerificationRecord;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The backup metrics as Prometheus scrapes them: per FailDaily, from its status; gone with it. */
class BackupMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FailDailyMetrics metrics = new FailDailyMetrics(registry);
    private final ResourceID shop = new ResourceID("fd", "shop");

    @Test
    void theNewestSuccessfulBackupAndDrillAreExportedPerFailDailyAndFailuresCounted() {
        metrics.backups(shop, new FailDailyStatus());
        String empty = registry.scrape();
        assertThat(value(empty, "faildaily_backup_failures_total{name=\"fd\",namespace=\"shop\"}")).isZero();
        assertThat(empty)
                .as("no series for values not known yet").doesNotContain("faildaily_backup_last_success_timestamp_seconds{")
                .doesNotContain("faildaily_backup_verification_succeeded{");

        FailDailyStatus status = new FailDailyStatus();
        BackupRecord success = new BackupRecord();
        success.setTime("2026-11-24T03:00:42Z");
        success.setSize(52341L);
        success.setDurationSeconds(42L);
        success.setResult("Succeeded");
        status.setLastSuccessfulBackup(success);
        VerificationRecord drill = new VerificationRecord();
        drill.setTime("2026-11-29T04:31:10Z");
        drill.setResult("Failed");
        drill.setReason("RowCountMismatch");
        status.setLastVerification(drill);
        metrics.backups(shop, status);
        metrics.backupFailed(shop);

        String scraped = registry.scrape();
        String labels = "{name=\"fd\",namespace=\"shop\"}";
        assertThat(value(scraped, "faildaily_backup_last_success_timestamp_seconds" + labels))
                .isEqualTo(java.time.Instant.parse("2026-11-24T03:00:42Z").getEpochSecond());
        assertThat(value(scraped, "faildaily_backup_last_success_size_bytes" + labels)).isEqualTo(52341);
        assertThat(value(scraped, "faildaily_backup_last_success_duration_seconds" + labels)).isEqualTo(42);
        assertThat(value(scraped, "faildaily_backup_failures_total" + labels)).isEqualTo(1);
        assertThat(value(scraped, "faildaily_backup_verification_succeeded" + labels)).isZero();
        assertThat(value(scraped, "faildaily_backup_verification_timestamp_seconds" + labels))
                .isEqualTo(java.time.Instant.parse("2026-11-29T04:31:10Z").getEpochSecond());

        metrics.deleted(shop);
        assertThat(registry.scrape()).doesNotContain("namespace=\"shop\"");
    }

    @Test
    void aBackupsDurationRunsFromItsFirstContainersStartToItsLastOnesEnd() {
        Pod pod = new PodBuilder().withNewMetadata().withName("fd-backup-1").endMetadata()
                .withNewSpec().addNewContainer().withName("backup").endContainer().addNewContainer().withName("upload")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Succeeded").withContainerStatuses(List.of(
                        terminated("upload", "2026-11-24T03:00:01Z", "2026-11-24T03:00:42Z"),
                        terminated("backup", "2026-11-24T03:00:00Z", "2026-11-24T03:00:40Z")))
                .endStatus().build();
        JobOutcome outcome = JobOutcome.of(pod).orElseThrow();
        assertThat(outcome.durationSeconds()).isEqualTo(42L);
        assertThat(outcome.finishedAt()).isEqualTo("2026-11-24T03:00:42Z");
    }

    /** The value of one series in Prometheus text, or fails. */
    private static double value(String scraped, String series) {
        return scraped.lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in\n" + scraped));
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus terminated(String name, String started, String finished) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewTerminated().withStartedAt(started)
                .withFinishedAt(finished).withExitCode(0).endTerminated().endState().build();
    }
}
