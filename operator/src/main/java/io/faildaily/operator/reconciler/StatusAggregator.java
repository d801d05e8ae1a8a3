package io.faildaily.operator.reconciler;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import io.faildaily.operator.api.VerificationRecord;
import io.faildaily.operator.dependent.Readiness;
import io.faildaily.operator.model.AppUrl;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.Component;

/** Turns what the informers observed into the FailDaily's status. Pure: the reconciler decides what to write. */
public final class StatusAggregator {
    private StatusAggregator() {}

    /** Why FailDaily is not Ready while a spec change rolls out after it was (Ready and Progressing). */
    static final String ROLLING_OUT = "RollingOut";

    /**
     * A condition in the making: for the component conditions, "ready".
     *
     * @param problem the part cannot become ready by itself (a pod that cannot run, a controller that gave
     *                up), as opposed to one that is still starting
     */
    record Part(boolean ready, String reason, String message, boolean problem) {
        Part(boolean ready, String reason, String message) {
            this(ready, reason, message, false);
        }
    }

    /** The status, and the component conditions that report a problem, by condition type. */
    record Assessment(FailDailyStatus status, Map<String, Part> problems) {
    }

    public static FailDailyStatus compute(FailDaily fd, Observed observed, Instant now) {
        return assess(fd, observed, now).status();
    }

    static Assessment assess(FailDaily fd, Observed observed, Instant now) {
        Part database = database(fd, observed, now);
        Part backend = workload(fd, ConditionTypes.BACKEND_READY, "backend", observed.backend(),
                observed, Component.BACKEND, database.ready(), "WaitingForDatabase",
                "the backend is created once the database is ready", now);
        Part frontend = workload(fd, ConditionTypes.FRONTEND_READY, "frontend", observed.frontend(),
                observed, Component.FRONTEND, backend.ready(), "WaitingForBackend",
                "the frontend is created once the backend is ready", now);
        boolean allReady = database.ready() && backend.ready() && frontend.ready();
        Part firstNotReady = !database.ready() ? database : !backend.ready() ? backend : frontend;
        Map<String, Part> components = new LinkedHashMap<>();
        components.put(ConditionTypes.DATABASE_READY, database);
        components.put(ConditionTypes.BACKEND_READY, backend);
        components.put(ConditionTypes.FRONTEND_READY, frontend);
        Map<String, Part> problems = new LinkedHashMap<>(components);
        problems.values().removeIf(part -> !part.problem());
        Phase phase = phase(fd, allReady, database.ready(), !problems.isEmpty());
        boolean rollingOut = phase == Phase.Provisioning && wasServing(fd);
        Part ready = allReady ? new Part(true, "AllComponentsReady", "FailDaily is serving at " + AppUrl.of(fd))
                : rollingOut ? new Part(false, ROLLING_OUT, "rolling out generation " + fd.getMetadata().getGeneration()
                        + ": " + firstNotReady.message())
                : firstNotReady;
        Optional<Part> progressing = rollingOut ? Optional.of(new Part(true, ROLLING_OUT, "generation "
                + fd.getMetadata().getGeneration() + " is rolling out; the previous pods serve until the new ones are ready"))
                : Optional.empty();

        FailDailyStatus status = base(fd);
        status.setConditions(new StatusConditions(previousConditions(fd), fd.getMetadata().getGeneration(), now)
                .setAll(components)
                .set(ConditionTypes.BACKUP_SCHEDULED, backupScheduled(fd, observed))
                .set(ConditionTypes.READY, ready)
                .setIfPresent(ConditionTypes.PROGRESSING, progressing)
                .setIfPresent(ConditionTypes.LAST_BACKUP_SUCCEEDED, lastBackup(fd))
                .setIfPresent(ConditionTypes.LAST_RESTORE_SUCCEEDED, lastRestore(fd))
                .setIfPresent(ConditionTypes.BACKUP_VERIFIED, lastVerification(fd))
                .build());
        if (observed.backupNowStarted()) {
            status.setBackupNowToken(BackupModel.backupNowToken(fd));
        }
        status.setPhase(phase);
        long readyParts = List.of(database, backend, frontend).stream().filter(Part::ready).count();
        status.setReady(readyParts + "/3");
        return new Assessment(status, problems);
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

    /**
     * The status while paused: as it was (phase, conditions, and observedGeneration, since a spec change made
     * meanwhile is not acted on), plus Paused, whose lastTransitionTime says since when. A FailDaily paused
     * before it ever had a status is Pending.
     */
    public static FailDailyStatus paused(FailDaily fd, String annotation, Instant now) {
        FailDailyStatus status = fd.getStatus() == null ? new FailDailyStatus() : fd.getStatus().copy();
        if (status.getPhase() == null) {
            status.setPhase(Phase.Pending);
        }
        status.setConditions(new StatusConditions(previousConditions(fd), fd.getMetadata().getGeneration(), now)
                .keepAllBut(ConditionTypes.PAUSED)
                .set(ConditionTypes.PAUSED, true, "PausedByAnnotation", "the annotation " + annotation
                        + " is \"true\": the operator changes none of this FailDaily's objects and acts on no spec change;"
                        + " remove the annotation to resume")
                .build());
        return status;
    }

    /** A status for a reconciliation that stopped before the workflow: the component conditions stay. */
    private static FailDailyStatus halted(FailDaily fd, Phase phase, String reason, String message,
                                          Optional<Part> credentialsMissing, Instant now) {
        FailDailyStatus status = base(fd);
        StatusConditions conditions = new StatusConditions(previousConditions(fd), fd.getMetadata().getGeneration(), now);
        previousConditions(fd).stream()
                .filter(c -> !ConditionTypes.READY.equals(c.getType()) && !ConditionTypes.CREDENTIALS_MISSING.equals(c.getType())
                        && !ConditionTypes.PAUSED.equals(c.getType()))
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
            status.setLastSuccessfulBackup(fd.getStatus().getLastSuccessfulBackup());
            status.setLastVerification(fd.getStatus().getLastVerification());
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

    /** Reason: Verified, or the drill's reason for failing; the message names the backup. */
    private static Optional<Part> lastVerification(FailDaily fd) {
        VerificationRecord last = fd.getStatus() == null ? null : fd.getStatus().getLastVerification();
        if (last == null) {
            return Optional.empty();
        }
        String backup = last.getBackup() == null ? "" : last.getBackup() + ": ";
        return Optional.of(new Part(last.succeeded(), last.getReason(), backup + last.getMessage() + " (" + last.getTime() + ")"));
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

    private static Part database(FailDaily fd, Observed observed, Instant now) {
        if (observed.externalDatabase()) {
            return new Part(true, "ExternalDatabase", "using the external database");
        }
        Optional<StatefulSet> statefulSet = observed.database();
        if (statefulSet.isEmpty()) {
            return new Part(false, "Creating", "the database StatefulSet is being created");
        }
        StatefulSet s = statefulSet.get();
        if (Readiness.isReady(s)) {
            return new Part(true, "StatefulSetReady", "the database is ready");
        }
        String counts = Readiness.ready(s) + "/" + Readiness.desired(s) + " pods ready";
        Optional<Part> problem = podProblem(fd, ConditionTypes.DATABASE_READY, "database", observed, Component.DATABASE, now);
        if (problem.isPresent()) {
            return problem.get();
        }
        return Readiness.isRollingOut(s)
                ? new Part(false, ROLLING_OUT, "the database is rolling out to revision "
                        + s.getStatus().getUpdateRevision() + " (" + counts + ")")
                : new Part(false, "StatefulSetNotReady", "the database is not ready (" + counts + ")");
    }

    private static Part workload(FailDaily fd, String type, String name, Optional<Deployment> deployment,
                                 Observed observed, Component component, boolean upstreamReady, String waitingReason,
                                 String waitingMessage,
                                 Instant now) {
        if (deployment.isEmpty()) {
            return upstreamReady
                    ? new Part(false, "Creating", "the " + name + " Deployment is being created")
                    : new Part(false, waitingReason, waitingMessage);
        }
        Deployment d = deployment.get();
        int desired = Readiness.desired(d);
        String counts = Readiness.ready(d) + "/" + desired + " replicas ready"
                + (Readiness.updated(d) == desired ? "" : ", " + Readiness.updated(d) + "/" + desired + " updated");
        if (Readiness.isReady(d)) {
            return new Part(true, "DeploymentReady", "the " + name + " is ready (" + counts + ")");
        }
        Optional<Part> problem = podProblem(fd, type, name, observed, component, now).or(() -> DeploymentTrouble.of(name, d));
        if (problem.isPresent()) {
            return problem.get();
        }
        return Readiness.isRollingOut(d)
                ? new Part(false, ROLLING_OUT, "the " + name + " is rolling out: the old pods serve until the new"
                        + " ones are ready (" + counts + ")")
                : new Part(false, "DeploymentNotReady", "the " + name + " is not ready (" + counts + ")");
    }

    /**
     * A pod of the part that cannot run, as a condition. The kubelet alternates ErrImagePull, which carries
     * the registry's answer, with ImagePullBackOff, which does not: while the same pod keeps failing to
     * pull, the message first reported stays, so the status is not rewritten on every retry.
     */
    private static Optional<Part> podProblem(FailDaily fd, String type, String name, Observed observed,
                                             Component component, Instant now) {
        return PodProblems.of(observed.podsOf(component), observed.podEvents(), now).map(p -> {
            String message = "the " + name + " is not ready: " + p.message();
            Optional<String> earlier = previousConditions(fd).stream()
                    .filter(c -> type.equals(c.getType()) && p.reason().equals(c.getReason()))
                    .map(io.fabric8.kubernetes.api.model.Condition::getMessage)
                    .filter(m -> m != null && m.contains("pod " + p.pod() + ":"))
                    .findFirst();
            boolean keep = PodProblems.IMAGE_PULL_BACK_OFF.equals(p.reason()) && earlier.isPresent();
            return new Part(false, p.reason(), keep ? earlier.get() : message, true);
        });
    }

    private static Phase phase(FailDaily fd, boolean allReady, boolean databaseReady, boolean problem) {
        if (allReady) {
            return Phase.Ready;
        }
        if (wasServing(fd)) {
            // A part not ready right after the spec changed is a rollout (Provisioning), not a failure,
            // unless a part reports that it cannot become ready.
            boolean rollout = specChanged(fd) || wasRollingOut(fd);
            return rollout && !problem ? Phase.Provisioning : Phase.Degraded;
        }
        // A first start: a problem is named in the conditions, and the phase says how far it got.
        return databaseReady ? Phase.Provisioning : Phase.Pending;
    }

    /** Served before this reconciliation: Ready or Degraded, or rolling out a spec change made since. */
    private static boolean wasServing(FailDaily fd) {
        Phase previous = fd.getStatus() == null ? null : fd.getStatus().getPhase();
        return previous == Phase.Ready || previous == Phase.Degraded || wasRollingOut(fd);
    }

    /**
     * Read from the Progressing condition, not from Ready: a failed reconciliation replaces Ready's reason
     * with ReconcileError and keeps the other conditions.
     */
    private static boolean wasRollingOut(FailDaily fd) {
        return fd.getStatus() != null && fd.getStatus().getPhase() == Phase.Provisioning
                && fd.getStatus().condition(ConditionTypes.PROGRESSING).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    private static boolean specChanged(FailDaily fd) {
        return fd.getStatus() != null
                && !java.util.Objects.equals(fd.getStatus().getObservedGeneration(), fd.getMetadata().getGeneration());
    }

    private static List<io.fabric8.kubernetes.api.model.Condition> previousConditions(FailDaily fd) {
        return fd.getStatus() == null ? List.of() : fd.getStatus().getConditions();
    }
}
