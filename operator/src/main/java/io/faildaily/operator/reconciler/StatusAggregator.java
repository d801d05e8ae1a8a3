package io.faildaily.operator.reconciler;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.operator.api.BackupRecord;
import io.faildaily.operator.api.ConditionTypes;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailyStatus;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.api.RestoreRecord;
import io.faildaily.operator.dependent.Readiness;
import io.faildaily.operator.model.AppUrl;
import io.faildaily.operator.model.BackupModel;

/** Turns what the informers observed into the FailDaily's status. Pure: the reconciler decides what to write. */
public final class StatusAggregator {
    private StatusAggregator() {}

    /** A condition in the making: for the component conditions, "ready". */
    record Part(boolean ready, String reason, String message) {
    }

    public static FailDailyStatus compute(FailDaily fd, Observed observed, Instant now) {
        Part database = database(observed);
        Part backend = workload("backend", observed.backend(), database.ready(), "WaitingForDatabase",
                "the backend is created once the database is ready");
        Part frontend = workload("frontend", observed.frontend(), backend.ready(), "WaitingForBackend",
                "the frontend is created once the backend is ready");
        boolean allReady = database.ready() && backend.ready() && frontend.ready();
        Part firstNotReady = !database.ready() ? database : !backend.ready() ? backend : frontend;

        FailDailyStatus status = base(fd);
        status.setConditions(new StatusConditions(previousConditions(fd), fd.getMetadata().getGeneration(), now)
                .set(ConditionTypes.DATABASE_READY, database.ready(), database.reason(), database.message())
                .set(ConditionTypes.BACKEND_READY, backend.ready(), backend.reason(), backend.message())
                .set(ConditionTypes.FRONTEND_READY, frontend.ready(), frontend.reason(), frontend.message())
                .set(ConditionTypes.BACKUP_SCHEDULED, backupScheduled(fd, observed))
                .set(ConditionTypes.READY, allReady, allReady ? "AllComponentsReady" : firstNotReady.reason(),
                        allReady ? "FailDaily is serving at " + AppUrl.of(fd) : firstNotReady.message())
                .setIfPresent(ConditionTypes.LAST_BACKUP_SUCCEEDED, lastBackup(fd))
                .setIfPresent(ConditionTypes.LAST_RESTORE_SUCCEEDED, lastRestore(fd))
                .build());
        if (observed.backupNowStarted()) {
            status.setBackupNowToken(BackupModel.backupNowToken(fd));
        }
        status.setPhase(phase(fd, allReady, database.ready()));
        long ready = List.of(database, backend, frontend).stream().filter(Part::ready).count();
        status.setReady(ready + "/3");
        return status;
    }

    /** The status of a refused spec: the previous component conditions stay, Ready says why. */
    public static FailDailyStatus invalid(FailDaily fd, List<Violation> violations, Instant now) {
        String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        return halted(fd, Phase.Invalid, "InvalidSpec", message, Optional.empty(), now);
    }

    /**
     * The status while the credentials Secret is missing and the database volume exists: nothing is
     * touched, CredentialsMissing says how to recover.
     */
    public static FailDailyStatus credentialsMissing(FailDaily fd, String message, Instant now) {
        Phase previous = fd.getStatus() == null ? null : fd.getStatus().getPhase();
        Phase phase = previous == Phase.Ready || previous == Phase.Degraded ? Phase.Degraded : Phase.Pending;
        return halted(fd, phase, "CredentialsMissing", message,
                Optional.of(new Part(true, "SecretMissing", message)), now);
    }

    /** A status for a reconciliation that stopped before the workflow: the component conditions stay. */
    private static FailDailyStatus halted(FailDaily fd, Phase phase, String reason, String message,
                                          Optional<Part> credentialsMissing, Instant now) {
        FailDailyStatus status = base(fd);
        StatusConditions conditions = new StatusConditions(previousConditions(fd), fd.getMetadata().getGeneration(), now);
        previousConditions(fd).stream()
                .filter(c -> !ConditionTypes.READY.equals(c.getType()) && !ConditionTypes.CREDENTIALS_MISSING.equals(c.getType()))
                .forEach(c -> conditions.set(c.getType(), "True".equals(c.getStatus()), c.getReason(), c.getMessage()));
        conditions.setIfPresent(ConditionTypes.CREDENTIALS_MISSING, credentialsMissing);
        status.setConditions(conditions.set(ConditionTypes.READY, false, reason, message).build());
        status.setPhase(phase);
        status.setReady(fd.getStatus() == null ? null : fd.getStatus().getReady());
        return status;
    }

    /** A new status carrying over the backup and restore history. */
    private static FailDailyStatus base(FailDaily fd) {
        FailDailyStatus status = new FailDailyStatus();
        status.setObservedGeneration(fd.getMetadata().getGeneration());
        status.setUrl(AppUrl.of(fd));
        if (fd.getStatus() != null) {
            status.setLastBackup(fd.getStatus().getLastBackup());
            status.setBackupNowToken(fd.getStatus().getBackupNowToken());
            status.setRestores(new java.util.ArrayList<>(fd.getStatus().getRestores()));
        }
        return status;
    }

    private static Part backupScheduled(FailDaily fd, Observed observed) {
        if (observed.externalDatabase()) {
            return new Part(false, "ExternalDatabase", "the operator backs up only the database it runs");
        }
        if (!fd.getSpec().getBackup().getEnabled()) {
            return new Part(false, "BackupsDisabled", "spec.backup.enabled is false");
        }
        return observed.backupCronJob()
                .map(c -> new Part(true, "CronJobScheduled", "schedule '" + c.getSpec().getSchedule() + "', keeping the newest "
                        + fd.getSpec().getBackup().getRetention() + " backups"))
                .orElse(new Part(false, "Creating", "the backup CronJob is being created"));
    }

    private static Optional<Part> lastBackup(FailDaily fd) {
        BackupRecord last = fd.getStatus() == null ? null : fd.getStatus().getLastBackup();
        if (last == null) {
            return Optional.empty();
        }
        return Optional.of(RestoreRecord.SUCCEEDED.equals(last.getResult())
                ? new Part(true, "BackupSucceeded", last.getFile() + " (" + last.getSize() + " bytes) at " + last.getTime())
                : new Part(false, "BackupFailed", last.getMessage() == null ? "the backup failed" : last.getMessage()));
    }

    private static Optional<Part> lastRestore(FailDaily fd) {
        List<RestoreRecord> restores = fd.getStatus() == null ? List.of() : fd.getStatus().getRestores();
        if (restores.isEmpty()) {
            return Optional.empty();
        }
        RestoreRecord last = restores.get(restores.size() - 1);
        return Optional.of(switch (last.getResult()) {
            case RestoreRecord.SUCCEEDED -> new Part(true, "RestoreSucceeded", last.getMessage());
            case RestoreRecord.RUNNING -> new Part(false, "RestoreRunning",
                    "restoring " + last.getFrom() + " (Job " + last.getJob() + "); the backend is scaled to zero");
            default -> new Part(false, "RestoreFailed", last.getMessage());
        });
    }

    private static Part database(Observed observed) {
        if (observed.externalDatabase()) {
            return new Part(true, "ExternalDatabase", "using the external database");
        }
        Optional<StatefulSet> statefulSet = observed.database();
        if (statefulSet.isEmpty()) {
            return new Part(false, "Creating", "the database StatefulSet is being created");
        }
        int ready = Readiness.ready(statefulSet.get());
        return Readiness.isReady(statefulSet.get())
                ? new Part(true, "StatefulSetReady", "the database is ready")
                : new Part(false, "StatefulSetNotReady", "the database is not ready (" + ready + "/1 pods ready)");
    }

    private static Part workload(String name, Optional<Deployment> deployment, boolean upstreamReady,
                                 String waitingReason, String waitingMessage) {
        if (deployment.isEmpty()) {
            return upstreamReady
                    ? new Part(false, "Creating", "the " + name + " Deployment is being created")
                    : new Part(false, waitingReason, waitingMessage);
        }
        Deployment d = deployment.get();
        String counts = Readiness.ready(d) + "/" + Readiness.desired(d) + " replicas ready";
        return Readiness.isReady(d)
                ? new Part(true, "DeploymentReady", "the " + name + " is ready (" + counts + ")")
                : new Part(false, "DeploymentNotReady", "the " + name + " is not ready (" + counts + ")");
    }

    private static Phase phase(FailDaily fd, boolean allReady, boolean databaseReady) {
        if (allReady) {
            return Phase.Ready;
        }
        Phase previous = fd.getStatus() == null ? null : fd.getStatus().getPhase();
        // A part not ready right after the spec changed is a rollout (Provisioning), not a failure.
        boolean specChanged = fd.getStatus() != null
                && !java.util.Objects.equals(fd.getStatus().getObservedGeneration(), fd.getMetadata().getGeneration());
        if ((previous == Phase.Ready || previous == Phase.Degraded) && !specChanged) {
            return Phase.Degraded;
        }
        return databaseReady ? Phase.Provisioning : Phase.Pending;
    }

    private static List<io.fabric8.kubernetes.api.model.Condition> previousConditions(FailDaily fd) {
        return fd.getStatus() == null ? List.of() : fd.getStatus().getConditions();
    }
}
