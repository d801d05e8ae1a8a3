package io.faildaily.operator.reconciler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Pod;
import io.faildaily.operator.api.BackupRecord;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailyStatus;
import io.faildaily.operator.api.RestoreRecord;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.api.VerificationRecord;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.PartLabels;

/**
 * Records in the status what backup and restore pods reported: the newest backup, and each restore
 * request with its outcome. Pure: pods and the previous status in, the new status and Events out.
 * Runs before the workflow, so that a finished restore releases the backend in the same reconciliation.
 */
final class BackupHistory {
    static final int KEPT_RESTORES = 10;

    record Result(FailDailyStatus status, List<Notice> notices) {
    }

    private BackupHistory() {}

    static Result record(FailDaily fd, List<Pod> pods, Instant now) {
        FailDailyStatus status = fd.getStatus() == null ? new FailDailyStatus() : fd.getStatus().copy();
        List<Notice> notices = new ArrayList<>();
        recordBackups(status, pods, notices);
        recordVerification(status, pods, notices);
        recordRestore(fd, status, pods, now, notices);
        return new Result(status, notices);
    }

    private static void recordBackups(FailDailyStatus status, List<Pod> pods, List<Notice> notices) {
        BackupRecord previous = status.getLastBackup();
        Optional<JobOutcome> newest = newerOutcome(pods, p -> isPart(p, PartLabels.BACKUP) || isPart(p, PartLabels.BACKUP_NOW),
                previous == null ? null : previous.getPod(), previous == null ? null : previous.getTime());
        if (newest.isEmpty()) {
            return;
        }
        JobOutcome outcome = newest.get();
        BackupRecord record = new BackupRecord();
        record.setTime(outcome.finishedAt());
        record.setPod(outcome.pod());
        record.setResult(outcome.succeeded() ? RestoreRecord.SUCCEEDED : RestoreRecord.FAILED);
        record.setFile(outcome.values().get("file"));
        record.setSize(parseLong(outcome.values().get("size")));
        record.setMessage(outcome.error());
        record.setDurationSeconds(outcome.durationSeconds());
        status.setLastBackup(record);
        if (outcome.succeeded()) {
            status.setLastSuccessfulBackup(record);
        }
        notices.add(outcome.succeeded()
                ? new Notice(EventRecorder.Type.Normal, "BackupSucceeded",
                        "backup " + record.getFile() + " written" + Optional.ofNullable(outcome.values().get("location"))
                                .map(l -> " to " + l).orElse("") + " (" + record.getSize() + " bytes)")
                : new Notice(EventRecorder.Type.Warning, "BackupFailed", "backup failed: " + record.getMessage()));
    }

    /** The newest finished restore drill: its result in the status, an Event when it failed. */
    private static void recordVerification(FailDailyStatus status, List<Pod> pods, List<Notice> notices) {
        VerificationRecord previous = status.getLastVerification();
        Optional<JobOutcome> newest = newerOutcome(pods, p -> isPart(p, PartLabels.VERIFY),
                previous == null ? null : previous.getPod(), previous == null ? null : previous.getTime());
        if (newest.isEmpty()) {
            return;
        }
        JobOutcome outcome = newest.get();
        Map<String, String> values = outcome.values();
        VerificationRecord record = new VerificationRecord();
        record.setTime(outcome.finishedAt());
        record.setPod(outcome.pod());
        record.setBackup(values.getOrDefault("verified", values.get("backup")));
        if (outcome.succeeded()) {
            record.setResult(RestoreRecord.SUCCEEDED);
            record.setReason("Verified");
            record.setMessage("restored into a throwaway database: CHECK TABLE passed on " + values.get("tables")
                    + " tables, and their " + values.get("rows") + " rows match the backup's counts");
        } else {
            record.setResult(RestoreRecord.FAILED);
            // A pod that failed without a reason (killed, out of memory, its deadline) failed as a drill, not as a backup.
            record.setReason(values.getOrDefault("reason", "DrillFailed"));
            record.setMessage(outcome.error());
        }
        status.setLastVerification(record);
        notices.add(outcome.succeeded()
                ? new Notice(EventRecorder.Type.Normal, "BackupVerified", record.getBackup() + ": " + record.getMessage())
                : new Notice(EventRecorder.Type.Warning, "BackupVerificationFailed", record.getReason() + ": "
                        + (record.getBackup() == null ? "" : record.getBackup() + ": ") + record.getMessage()));
    }

    private static void recordRestore(FailDaily fd, FailDailyStatus status, List<Pod> pods, Instant now,
                                      List<Notice> notices) {
        RestoreSpec request = fd.getSpec().getRestore();
        if (request == null || request.getFrom() == null) {
            return;
        }
        List<RestoreRecord> restores = new ArrayList<>(status.getRestores());
        Optional<RestoreRecord> existing = restores.stream().filter(r -> r.isFor(request)).findFirst();
        if (existing.isPresent() && !RestoreRecord.RUNNING.equals(existing.get().getResult())) {
            return; // this request ran already: never twice
        }
        String job = BackupModel.restoreJobName(fd);
        RestoreRecord record = existing.orElseGet(() -> {
            RestoreRecord started = new RestoreRecord(request, job, now.truncatedTo(ChronoUnit.SECONDS).toString());
            notices.add(new Notice(EventRecorder.Type.Normal, "RestoreStarted",
                    "restoring " + request.getFrom() + ": the backend is scaled to zero until it ends"));
            return started;
        });
        Optional<JobOutcome> outcome = pods.stream()
                .filter(p -> isPart(p, PartLabels.RESTORE) && job.equals(jobName(p)))
                .map(JobOutcome::of).flatMap(Optional::stream).findFirst();
        if (outcome.isPresent()) {
            RestoreRecord finished = copy(record);
            finished.setFinishedAt(outcome.get().finishedAt());
            finished.setResult(outcome.get().succeeded() ? RestoreRecord.SUCCEEDED : RestoreRecord.FAILED);
            finished.setMessage(outcome.get().succeeded()
                    ? "restored " + request.getFrom() + "; the data before it is in "
                            + outcome.get().values().getOrDefault("safety", "a pre-restore backup")
                    : outcome.get().error());
            record = finished;
            notices.add(outcome.get().succeeded()
                    ? new Notice(EventRecorder.Type.Normal, "RestoreSucceeded", finished.getMessage())
                    : new Notice(EventRecorder.Type.Warning, "RestoreFailed",
                            "restore of " + request.getFrom() + " failed: " + finished.getMessage()));
        }
        restores.removeIf(r -> r.isFor(request));
        restores.add(record);
        while (restores.size() > KEPT_RESTORES) {
            restores.remove(0);
        }
        status.setRestores(restores);
    }

    /** The newest finished pod of a part, unless it is the one recorded already (or older than it). */
    private static Optional<JobOutcome> newerOutcome(List<Pod> pods, Predicate<Pod> part, String recordedPod,
                                                     String recordedTime) {
        return pods.stream().filter(part).map(JobOutcome::of).flatMap(Optional::stream)
                .max(Comparator.comparing(JobOutcome::finishedAt).thenComparing(JobOutcome::pod))
                .filter(o -> recordedPod == null || !(o.pod().equals(recordedPod) || o.finishedAt().compareTo(recordedTime) < 0));
    }

    private static boolean isPart(Pod pod, String part) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && part.equals(labels.get(PartLabels.PART_KEY));
    }

    private static String jobName(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) {
            return null;
        }
        return labels.getOrDefault("batch.kubernetes.io/job-name", labels.get("job-name"));
    }

    private static RestoreRecord copy(RestoreRecord r) {
        RestoreRecord c = new RestoreRecord();
        c.setFrom(r.getFrom());
        c.setRequestId(r.getRequestId());
        c.setJob(r.getJob());
        c.setRequestedAt(r.getRequestedAt());
        c.setFinishedAt(r.getFinishedAt());
        c.setResult(r.getResult());
        c.setMessage(r.getMessage());
        return c;
    }

    private static Long parseLong(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
