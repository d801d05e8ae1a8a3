package io.faildaily.operator.reconciler;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.ConditionTypes;
import io.faildaily.operator.api.DeletionPolicy;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailyStatus;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.dependent.Activations;
import io.faildaily.operator.dependent.BackupCronJobDependent;
import io.faildaily.operator.dependent.BackupNowJobDependent;
import io.faildaily.operator.dependent.BackupScriptsDependent;
import io.faildaily.operator.dependent.BackupsClaimDependent;
import io.faildaily.operator.dependent.RestoreJobDependent;
import io.faildaily.operator.dependent.Secondaries;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.dependent.BackendAutoscalerDependent;
import io.faildaily.operator.dependent.BackendDeploymentDependent;
import io.faildaily.operator.dependent.BackendDisruptionBudgetDependent;
import io.faildaily.operator.dependent.BackendPolicyDependent;
import io.faildaily.operator.dependent.BackendServiceDependent;
import io.faildaily.operator.dependent.CredentialsSecretDependent;
import io.faildaily.operator.dependent.DatabaseClaimDependent;
import io.faildaily.operator.dependent.DatabaseConfigDependent;
import io.faildaily.operator.dependent.DatabasePolicyDependent;
import io.faildaily.operator.dependent.DatabaseReadyGate;
import io.faildaily.operator.dependent.DatabaseServiceDependent;
import io.faildaily.operator.dependent.DatabaseStatefulSetDependent;
import io.faildaily.operator.dependent.DefaultDenyPolicyDependent;
import io.faildaily.operator.dependent.DeploymentReady;
import io.faildaily.operator.dependent.FrontendConfigDependent;
import io.faildaily.operator.dependent.FrontendAutoscalerDependent;
import io.faildaily.operator.dependent.FrontendDeploymentDependent;
import io.faildaily.operator.dependent.FrontendDisruptionBudgetDependent;
import io.faildaily.operator.dependent.FrontendIngressDependent;
import io.faildaily.operator.dependent.FrontendPolicyDependent;
import io.faildaily.operator.dependent.FrontendServiceDependent;
import io.faildaily.operator.dependent.LogsClaimDependent;
import io.faildaily.operator.dependent.Preconditions;
import io.faildaily.operator.dependent.UploadsClaimDependent;
import io.faildaily.operator.dependent.VerifyCronJobDependent;
import io.faildaily.operator.dependent.WebConfigDependent;
import io.faildaily.operator.model.Component;
import io.faildaily.operator.model.Labels;
import io.faildaily.operator.model.Names;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.model.PartLabels;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reconciles a FailDaily in three named steps: validate the spec (refuse and touch nothing when it is
 * invalid), run the workflow of child objects in the seed's start order (database, then backend, then
 * frontend), and report what the informers see as the status. See operator/RECONCILE.md.
 */
// Not generation-aware: the backup-now annotation must trigger a reconciliation, and an annotation
// change does not move metadata.generation. A reconciliation with nothing to do writes nothing.
@ControllerConfiguration(name = FailDailyReconciler.NAME, generationAwareEventProcessing = false)
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = CredentialsSecretDependent.NAME, type = CredentialsSecretDependent.class),
        @Dependent(name = DatabaseConfigDependent.NAME, type = DatabaseConfigDependent.class,
                reconcilePrecondition = Preconditions.InClusterDatabase.class),
        @Dependent(name = DatabaseServiceDependent.NAME, type = DatabaseServiceDependent.class,
                reconcilePrecondition = Preconditions.InClusterDatabase.class),
        @Dependent(name = DatabaseStatefulSetDependent.NAME, type = DatabaseStatefulSetDependent.class,
                reconcilePrecondition = Preconditions.InClusterDatabase.class,
                dependsOn = {CredentialsSecretDependent.NAME, DatabaseConfigDependent.NAME}),
        @Dependent(name = DatabaseClaimDependent.NAME, type = DatabaseClaimDependent.class,
                useEventSourceWithName = FailDailyReconciler.DATABASE_CLAIMS),
        @Dependent(name = DatabaseReadyGate.NAME, type = DatabaseReadyGate.class,
                readyPostcondition = DatabaseReadyGate.DatabaseReady.class),
        @Dependent(name = UploadsClaimDependent.NAME, type = UploadsClaimDependent.class),
        @Dependent(name = LogsClaimDependent.NAME, type = LogsClaimDependent.class),
        @Dependent(name = BackendServiceDependent.NAME, type = BackendServiceDependent.class),
        @Dependent(name = BackendDeploymentDependent.NAME, type = BackendDeploymentDependent.class,
                dependsOn = {DatabaseReadyGate.NAME, CredentialsSecretDependent.NAME, UploadsClaimDependent.NAME,
                        LogsClaimDependent.NAME, BackendServiceDependent.NAME},
                readyPostcondition = DeploymentReady.class),
        @Dependent(name = BackendAutoscalerDependent.NAME, type = BackendAutoscalerDependent.class,
                dependsOn = BackendDeploymentDependent.NAME,
                reconcilePrecondition = Preconditions.BackendAutoscaled.class),
        @Dependent(name = BackendDisruptionBudgetDependent.NAME, type = BackendDisruptionBudgetDependent.class,
                reconcilePrecondition = Preconditions.BackendReplicated.class),
        @Dependent(name = FrontendConfigDependent.NAME, type = FrontendConfigDependent.class),
        @Dependent(name = FrontendServiceDependent.NAME, type = FrontendServiceDependent.class),
        @Dependent(name = WebConfigDependent.NAME, type = WebConfigDependent.class,
                reconcilePrecondition = Preconditions.DefaultWebPage.class),
        @Dependent(name = FrontendDeploymentDependent.NAME, type = FrontendDeploymentDependent.class,
                dependsOn = {BackendDeploymentDependent.NAME, FrontendConfigDependent.NAME},
                readyPostcondition = DeploymentReady.class),
        @Dependent(name = FrontendAutoscalerDependent.NAME, type = FrontendAutoscalerDependent.class,
                dependsOn = FrontendDeploymentDependent.NAME,
                reconcilePrecondition = Preconditions.FrontendAutoscaled.class),
        @Dependent(name = FrontendDisruptionBudgetDependent.NAME, type = FrontendDisruptionBudgetDependent.class,
                reconcilePrecondition = Preconditions.FrontendReplicated.class),
        @Dependent(name = FrontendIngressDependent.NAME, type = FrontendIngressDependent.class,
                reconcilePrecondition = Preconditions.IngressRequested.class),
        @Dependent(name = DefaultDenyPolicyDependent.NAME, type = DefaultDenyPolicyDependent.class,
                reconcilePrecondition = Preconditions.NetworkPoliciesEnabled.class),
        @Dependent(name = FrontendPolicyDependent.NAME, type = FrontendPolicyDependent.class,
                reconcilePrecondition = Preconditions.NetworkPoliciesEnabled.class),
        @Dependent(name = BackendPolicyDependent.NAME, type = BackendPolicyDependent.class,
                reconcilePrecondition = Preconditions.NetworkPoliciesEnabled.class),
        @Dependent(name = DatabasePolicyDependent.NAME, type = DatabasePolicyDependent.class,
                reconcilePrecondition = Preconditions.InClusterDatabasePolicy.class),
        @Dependent(name = BackupsClaimDependent.NAME, type = BackupsClaimDependent.class),
        @Dependent(name = BackupScriptsDependent.NAME, type = BackupScriptsDependent.class,
                reconcilePrecondition = Preconditions.InClusterDatabase.class),
        @Dependent(name = BackupCronJobDependent.NAME, type = BackupCronJobDependent.class,
                reconcilePrecondition = Preconditions.BackupsEnabled.class,
                dependsOn = {BackupsClaimDependent.NAME, BackupScriptsDependent.NAME}),
        @Dependent(name = VerifyCronJobDependent.NAME, type = VerifyCronJobDependent.class,
                reconcilePrecondition = Preconditions.VerifyEnabled.class,
                dependsOn = {BackupsClaimDependent.NAME, BackupScriptsDependent.NAME}),
        @Dependent(name = BackupNowJobDependent.NAME, type = BackupNowJobDependent.class,
                activationCondition = Activations.BackupNowRequested.class,
                dependsOn = {DatabaseReadyGate.NAME, BackupsClaimDependent.NAME, BackupScriptsDependent.NAME}),
        @Dependent(name = RestoreJobDependent.NAME, type = RestoreJobDependent.class,
                activationCondition = Activations.RestoreRequested.class,
                // After the backend: it is held at zero replicas while a restore is pending, and
                // "ready" at zero only once its last pod is gone.
                dependsOn = {BackendDeploymentDependent.NAME, BackupsClaimDependent.NAME, BackupScriptsDependent.NAME}),
})
// Never give up on a FailDaily: retry with backoff from 1 s up to a minute between attempts.
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 60_000)
public class FailDailyReconciler implements Reconciler<FailDaily>, Cleaner<FailDaily> {
    public static final String NAME = "faildaily";
    static final String BACKUP_PODS = "backup-pods";
    static final String WORKLOAD_PODS = "workload-pods";
    /** Kinds watched by informers of this reconciler's own, not a dependent's (the chart's RBAC needs them). */
    public static final List<Class<? extends HasMetadata>> WATCHED_KINDS = List.of(Pod.class, PersistentVolumeClaim.class);
    /** Kinds this reconciler deletes by name itself, not through a dependent: database pods stuck on a
     *  revision the spec no longer asks for ({@link ForcedRollback}). */
    public static final List<Class<? extends HasMetadata>> DELETED_KINDS = List.of(Pod.class);
    static final String DATABASE_CLAIMS = "database-claims";
    static final java.time.Duration CREDENTIALS_RECHECK = java.time.Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(FailDailyReconciler.class);

    private final Clock clock;
    private final FailDailyMetrics metrics;

    public FailDailyReconciler() {
        this(Clock.systemUTC(), FailDailyMetrics.none());
    }

    public FailDailyReconciler(Clock clock, FailDailyMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Backup and restore pods, whose termination messages say what became of each run; the workloads'
     * pods, whose status says why a part is not ready (and which the forced rollback deletes).
     */
    @Override
    public List<EventSource<?, FailDaily>> prepareEventSources(EventSourceContext<FailDaily> context) {
        var pods = InformerEventSourceConfiguration.from(Pod.class, FailDaily.class)
                .withName(BACKUP_PODS)
                .withLabelSelector(PartLabels.SELECT_BACKUP_PODS)
                .withSecondaryToPrimaryMapper(FailDailyReconciler::byInstanceLabel)
                .build();
        var workloadPods = InformerEventSourceConfiguration.from(Pod.class, FailDaily.class)
                .withName(WORKLOAD_PODS)
                .withLabelSelector(PartLabels.SELECT_WORKLOAD_PODS)
                .withSecondaryToPrimaryMapper(FailDailyReconciler::byInstanceLabel)
                .build();
        // The database's claim is made by the StatefulSet controller, not by a dependent: watched here so
        // that the credentials guard sees it.
        var databaseClaims = InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, FailDaily.class)
                .withName(DATABASE_CLAIMS)
                .withLabelSelector(PartLabels.SELECT_DATABASE)
                .withSecondaryToPrimaryMapper(FailDailyReconciler::byInstanceLabel)
                .build();
        return List.of(new InformerEventSource<>(pods, context), new InformerEventSource<>(workloadPods, context),
                new InformerEventSource<>(databaseClaims, context));
    }

    private static Set<ResourceID> byInstanceLabel(HasMetadata child) {
        String instance = child.getMetadata().getLabels() == null ? null
                : child.getMetadata().getLabels().get(Labels.INSTANCE);
        return instance == null ? Set.of() : Set.of(new ResourceID(instance, child.getMetadata().getNamespace()));
    }

    @Override
    public UpdateControl<FailDaily> reconcile(FailDaily fd, Context<FailDaily> context) {
        long started = System.nanoTime();
        try (var ignored = logContext(fd)) {
            UpdateControl<FailDaily> control = reconcileSteps(fd, context);
            metrics.phase(ResourceID.fromResource(fd), fd.getStatus() == null ? null : fd.getStatus().getPhase());
            metrics.backups(ResourceID.fromResource(fd), fd.getStatus());
            return control;
        } finally {
            metrics.reconciled(java.time.Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Paused: report only. Otherwise validate, record backup history, run the workflow, report. */
    private UpdateControl<FailDaily> reconcileSteps(FailDaily fd, Context<FailDaily> context) {
        FailDailyStatus previous = fd.getStatus();
        if (Pause.requested(fd)) {
            boolean newlyPaused = previous == null || previous.condition(ConditionTypes.PAUSED).isEmpty();
            return report(fd, previous, StatusAggregator.paused(fd, Pause.ANNOTATION, clock.instant()),
                    newlyPaused ? List.of(new Notice(EventRecorder.Type.Normal, "Paused", "the annotation "
                            + Pause.ANNOTATION + " is \"true\": changing nothing until it is removed")) : List.of(),
                    context);
        }
        List<Notice> resumed = previous != null && previous.condition(ConditionTypes.PAUSED).isPresent()
                ? List.of(new Notice(EventRecorder.Type.Normal, "Resumed", "the annotation " + Pause.ANNOTATION
                        + " is gone: the objects are brought back to what the spec asks for"))
                : List.of();
        List<Violation> violations = SpecValidator.validate(fd);
        if (violations.isEmpty()) {
            violations = UpgradeGuard.problems(fd, context);
        }
        if (!violations.isEmpty()) {
            LOG.info("spec refused: {}", violations);
            return report(fd, previous, StatusAggregator.invalid(fd, violations, clock.instant()), List.of(), context);
        }
        Optional<String> lostCredentials = CredentialsGuard.problem(fd, context);
        if (lostCredentials.isPresent()) {
            LOG.warn("not reconciling: {}", lostCredentials.get());
            boolean newlyMissing = previous == null || previous.condition(ConditionTypes.CREDENTIALS_MISSING).isEmpty();
            // Look again every little while: a Secret restored from a copy may carry this operator's own
            // creation marker, and JOSDK would take its event for an echo of our write.
            return report(fd, previous, StatusAggregator.credentialsMissing(fd, lostCredentials.get(), clock.instant()),
                    newlyMissing ? List.of(new Notice(EventRecorder.Type.Warning, "CredentialsMissing", lostCredentials.get()))
                            : List.of(), context).rescheduleAfter(CREDENTIALS_RECHECK);
        }
        // History first: a restore that just ended releases the backend in this same reconciliation.
        List<Pod> jobPods = pods(fd, context, BACKUP_PODS);
        BackupHistory.Result history = BackupHistory.record(fd, jobPods, clock.instant());
        fd.setStatus(history.status());
        history.notices().stream().filter(n -> "BackupFailed".equals(n.reason()))
                .forEach(n -> metrics.backupFailed(ResourceID.fromResource(fd)));
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        Instant now = clock.instant();
        Observed observed = observe(fd, context);
        // Only while a pod is stuck creating its containers: its Events say why (a Multi-Attach error).
        // A reconciliation whose pods run reads none.
        observed = observed.withPodEvents(PodEvents.of(context.getClient(), PodProblems.awaitingVolumes(observed.pods(), now)));
        List<Notice> notices = new java.util.ArrayList<>(resumed);
        notices.addAll(history.notices());
        notices.addAll(ForcedRollback.apply(observed.database(), observed.podsOf(Component.DATABASE), context.getClient()));
        StatusAggregator.Assessment assessment = StatusAggregator.assess(fd, observed, now);
        UpdateControl<FailDaily> control = report(fd, previous, assessment.status(), notices, assessment.problems(), context);
        // A pod that stays stuck creating its containers changes no more, and its Events are watched by no
        // informer: look again when they are due to be read and when it has been stuck for too long.
        return PodProblems.recheckIn(observed.pods(), now).map(control::rescheduleAfter).orElse(control);
    }

    private UpdateControl<FailDaily> report(FailDaily fd, FailDailyStatus previous, FailDailyStatus next,
                                            List<Notice> notices, Context<FailDaily> context) {
        return report(fd, previous, next, notices, Map.of(), context);
    }

    /** Writes the status only when it changed, with an Event for each transition a person acts on. */
    private UpdateControl<FailDaily> report(FailDaily fd, FailDailyStatus previous, FailDailyStatus next,
                                            List<Notice> notices, Map<String, StatusAggregator.Part> problems,
                                            Context<FailDaily> context) {
        EventRecorder events = new EventRecorder(context.getClient());
        List<Notice> all = new java.util.ArrayList<>(notices);
        all.addAll(StatusEvents.of(previous, next, problems));
        all.forEach(n -> {
            LOG.info("{}: {}", n.reason(), n.message());
            events.record(fd, n.type(), n.reason(), n.message());
        });
        if (Objects.equals(previous, next)) {
            return UpdateControl.noUpdate();
        }
        Phase before = previous == null ? null : previous.getPhase();
        if (before != next.getPhase()) {
            LOG.info("phase {} -> {}: {}", before, next.getPhase(), next.condition("Ready").map(c -> c.getMessage()).orElse(""));
        }
        fd.setStatus(next);
        if (LOG.isDebugEnabled()) {
            LOG.debug("status changed from {} to {}", io.fabric8.kubernetes.client.utils.Serialization.asJson(previous),
                    io.fabric8.kubernetes.client.utils.Serialization.asJson(next));
        }
        StatusWriter.replace(fd, context);
        return UpdateControl.noUpdate();
    }

    private static Observed observe(FailDaily fd, Context<FailDaily> context) {
        boolean external = !fd.getSpec().getDatabase().inCluster();
        Optional<StatefulSet> database = external ? Optional.empty()
                : Secondaries.of(context, StatefulSet.class, DatabaseStatefulSetDependent.NAME);
        boolean backupNowStarted = BackupModel.backupNowPending(fd) && jobs(context)
                .anyMatch(job -> job.getMetadata().getName().equals(BackupModel.backupNowJobName(fd)));
        return new Observed(external, database,
                context.getSecondaryResource(Deployment.class, BackendDeploymentDependent.NAME),
                context.getSecondaryResource(Deployment.class, FrontendDeploymentDependent.NAME),
                Secondaries.of(context, CronJob.class, BackupCronJobDependent.NAME), backupNowStarted,
                pods(fd, context, WORKLOAD_PODS));
    }

    /** The pods one of the two pod informers holds for this FailDaily (both are of kind Pod). */
    private static List<Pod> pods(FailDaily fd, Context<FailDaily> context, String informer) {
        return List.copyOf(context.eventSourceRetriever().getEventSourceFor(Pod.class, informer).getSecondaryResources(fd));
    }

    private static java.util.stream.Stream<Job> jobs(Context<FailDaily> context) {
        try {
            return context.getSecondaryResourcesAsStream(Job.class);
        } catch (RuntimeException noJobInformerYet) {
            return java.util.stream.Stream.empty();
        }
    }

    /**
     * A reconciliation failed (the API server refused or did not answer): say so in the status, once,
     * and let JOSDK retry with backoff.
     */
    @Override
    public ErrorStatusUpdateControl<FailDaily> updateErrorStatus(FailDaily fd, Context<FailDaily> context, Exception e) {
        String message = ErrorMessages.summary(e);
        LOG.warn("reconciliation failed, will retry: {}", message);
        var ready = fd.getStatus() == null ? Optional.<io.fabric8.kubernetes.api.model.Condition>empty()
                : fd.getStatus().condition(ConditionTypes.READY);
        if (ready.isPresent() && "ReconcileError".equals(ready.get().getReason()) && message.equals(ready.get().getMessage())) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        FailDailyStatus status = fd.getStatus() == null ? new FailDailyStatus() : fd.getStatus().copy();
        if (!Pause.requested(fd)) {
            // Unpaused, and this reconciliation failed in the workflow: Paused no longer holds.
            status.getConditions().removeIf(c -> ConditionTypes.PAUSED.equals(c.getType()));
        }
        status.setConditions(new StatusConditions(status.getConditions(), fd.getMetadata().getGeneration(), clock.instant())
                .keepAllBut(ConditionTypes.READY)
                .set(ConditionTypes.READY, false, "ReconcileError", message)
                .build());
        fd.setStatus(status);
        StatusWriter.replace(fd, context);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    /**
     * Owned children go with the FailDaily through their owner references. Volumes and the credentials
     * Secret carry none: they are deleted here, and only when the deletion policy says so.
     */
    @Override
    public DeleteControl cleanup(FailDaily fd, Context<FailDaily> context) {
        metrics.deleted(ResourceID.fromResource(fd));
        try (var ignored = logContext(fd)) {
            if (fd.getSpec().getDeletionPolicy() == DeletionPolicy.Delete) {
                KubernetesClient client = context.getClient();
                String namespace = fd.getMetadata().getNamespace();
                Map<String, String> owned = Labels.instanceSelector(fd);
                owned.put(PartLabels.MANAGED_BY_KEY, PartLabels.MANAGED_BY);
                client.persistentVolumeClaims().inNamespace(namespace).withLabels(owned).delete();
                client.secrets().inNamespace(namespace).withName(Names.of(fd, Part.CREDENTIALS)).delete();
                LOG.info("deletionPolicy Delete: volumes and credentials deleted");
            } else {
                LOG.info("deletionPolicy Retain: volumes and credentials kept");
            }
            return DeleteControl.defaultDelete();
        }
    }

    private static MDC.MDCCloseable logContext(FailDaily fd) {
        return MDC.putCloseable("faildaily", fd.getMetadata().getNamespace() + "/" + fd.getMetadata().getName());
    }
}
