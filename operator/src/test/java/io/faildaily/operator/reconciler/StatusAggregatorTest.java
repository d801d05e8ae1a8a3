package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.faildaily.operator.api.ConditionTypes;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailyStatus;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.PodStatuses.ContainerPhase;
import org.junit.jupiter.api.Test;

/** Status from observations: phases, conditions, and lastTransitionTime kept while nothing changes. */
class StatusAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");
    private final FailDaily fd = FailDailies.of("ns", "fd");

    @Test
    void nothingCreatedYetIsPendingAndSaysWhy() {
        FailDailyStatus status = StatusAggregator.compute(fd, observed(null, null, null), T0);
        assertThat(status.getPhase()).isEqualTo(Phase.Pending);
        assertThat(status.getReady()).isEqualTo("0/3");
        assertThat(status.condition(ConditionTypes.BACKEND_READY).orElseThrow().getReason()).isEqualTo("WaitingForDatabase");
        assertThat(status.condition(ConditionTypes.FRONTEND_READY).orElseThrow().getReason()).isEqualTo("WaitingForBackend");
        assertThat(status.condition(ConditionTypes.READY).orElseThrow().getStatus()).isEqualTo("False");
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void databaseReadyBackendStartingIsProvisioning() {
        FailDailyStatus status = StatusAggregator.compute(fd, observed(db(1), deployment(1, 0), null), T0);
        assertThat(status.getPhase()).isEqualTo(Phase.Provisioning);
        assertThat(status.condition(ConditionTypes.BACKEND_READY).orElseThrow().getMessage()).contains("0/1 replicas ready");
    }

    @Test
    void allReadyIsReadyWithTheUrl() {
        FailDailyStatus status = StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(2, 2)), T0);
        assertThat(status.getPhase()).isEqualTo(Phase.Ready);
        assertThat(status.getReady()).isEqualTo("3/3");
        assertThat(status.getUrl()).isEqualTo("http://fd-frontend.ns.svc");
        assertThat(status.getConditions()).extracting(c -> c.getType()).containsExactly(ConditionTypes.DATABASE_READY,
                ConditionTypes.BACKEND_READY, ConditionTypes.FRONTEND_READY, ConditionTypes.BACKUP_SCHEDULED,
                ConditionTypes.READY);
    }

    @Test
    void readyThenAPartFailsIsDegraded() {
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 1)), T0));
        FailDailyStatus status = StatusAggregator.compute(fd, observed(db(0), deployment(1, 1), deployment(1, 1)), T1);
        assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(status.condition(ConditionTypes.READY).orElseThrow().getMessage()).contains("database is not ready");
    }

    @Test
    void aPartNotReadyRightAfterASpecChangeIsARolloutNotADegradation() {
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 1)), T0));
        fd.getMetadata().setGeneration(2L);
        FailDailyStatus rolling = StatusAggregator.compute(fd, observed(db(1), deployment(3, 1), deployment(1, 1)), T1);
        assertThat(rolling.getPhase()).isEqualTo(Phase.Provisioning);
        fd.setStatus(rolling);
        assertThat(StatusAggregator.compute(fd, observed(db(1), deployment(3, 2), deployment(1, 1)), T1).getPhase())
                .as("still rolling out").isEqualTo(Phase.Provisioning);
        assertThat(StatusAggregator.compute(fd, observed(db(1), deployment(3, 3), deployment(1, 1)), T1).getPhase())
                .isEqualTo(Phase.Ready);
    }

    @Test
    void anUnchangedStateGivesAnEqualStatusSoNothingIsPatched() {
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 1)), T0));
        FailDailyStatus again = StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 1)), T1);
        assertThat(again).isEqualTo(fd.getStatus());
        assertThat(again.condition(ConditionTypes.READY).orElseThrow().getLastTransitionTime()).isEqualTo(T0.toString());
    }

    @Test
    void aConditionThatFlipsGetsANewTransitionTimeTheOthersKeepTheirs() {
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 1)), T0));
        FailDailyStatus status = StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 0)), T1);
        assertThat(status.condition(ConditionTypes.FRONTEND_READY).orElseThrow().getLastTransitionTime()).isEqualTo(T1.toString());
        assertThat(status.condition(ConditionTypes.DATABASE_READY).orElseThrow().getLastTransitionTime()).isEqualTo(T0.toString());
    }

    @Test
    void invalidKeepsTheComponentConditionsAndNamesTheFields() {
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 1)), T0));
        FailDailyStatus status = StatusAggregator.invalid(fd, List.of(new Violation("spec.backend.replicas", "must be between 0 and 100, not -1")), T1);
        assertThat(status.getPhase()).isEqualTo(Phase.Invalid);
        assertThat(status.condition(ConditionTypes.READY).orElseThrow().getMessage())
                .isEqualTo("spec.backend.replicas: must be between 0 and 100, not -1");
        assertThat(status.condition(ConditionTypes.DATABASE_READY).orElseThrow().getStatus()).isEqualTo("True");
        assertThat(status.condition(ConditionTypes.DATABASE_READY).orElseThrow().getLastTransitionTime()).isEqualTo(T0.toString());
    }

    @Test
    void anExternalDatabaseIsReadyWithoutAStatefulSet() {
        Observed external = new Observed(true, Optional.empty(), Optional.of(deployment(1, 1)), Optional.empty());
        FailDailyStatus status = StatusAggregator.compute(fd, external, T0);
        assertThat(status.condition(ConditionTypes.DATABASE_READY).orElseThrow().getReason()).isEqualTo("ExternalDatabase");
        assertThat(status.condition(ConditionTypes.FRONTEND_READY).orElseThrow().getReason()).isEqualTo("Creating");
    }

    @Test
    void aStuckRolloutWithTheOldPodStillServingIsAProvisioningRolloutNotReady() {
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 1)), T0));
        fd.getMetadata().setGeneration(2L);
        // The new backend pod never gets ready; the old one still serves: 1/1 ready, 1 of 2 pods updated.
        FailDailyStatus rolling = StatusAggregator.compute(fd, observed(db(1), rolling(1), deployment(1, 1)), T1);
        assertThat(rolling.getPhase()).isEqualTo(Phase.Provisioning);
        assertThat(rolling.condition(ConditionTypes.BACKEND_READY).orElseThrow().getReason()).isEqualTo("RollingOut");
        assertThat(rolling.condition(ConditionTypes.READY).orElseThrow().getReason()).isEqualTo("RollingOut");
        assertThat(rolling.condition(ConditionTypes.READY).orElseThrow().getMessage())
                .startsWith("rolling out generation 2: the backend is rolling out");
        fd.setStatus(rolling);
        assertThat(StatusAggregator.compute(fd, observed(db(1), rolling(1), deployment(1, 1)), T1))
                .as("still rolling out, and nothing to patch").isEqualTo(rolling);
    }

    @Test
    void aDatabaseWhoseRevisionHasNotCaughtUpIsRollingOut() {
        StatefulSet rolling = new StatefulSetBuilder(db(1)).editStatus().withCurrentRevision("fd-database-old")
                .withUpdateRevision("fd-database-new").endStatus().build();
        FailDailyStatus status = StatusAggregator.compute(fd, observed(rolling, null, null), T0);
        assertThat(status.condition(ConditionTypes.DATABASE_READY).orElseThrow().getReason()).isEqualTo("RollingOut");
        assertThat(status.getPhase()).isEqualTo(Phase.Pending);
    }

    @Test
    void aPodThatCannotPullItsImageAtTheFirstStartIsProvisioningWithTheReason() {
        Observed observed = observed(db(1), deployment(1, 0), null)
                .withPods(List.of(PodProblemsTest.labelled("fd-backend-1", "backend", ContainerPhase.ERR_IMAGE_PULL)));
        StatusAggregator.Assessment assessment = StatusAggregator.assess(fd, observed, T0);
        FailDailyStatus status = assessment.status();
        assertThat(status.getPhase()).isEqualTo(Phase.Provisioning);
        var backend = status.condition(ConditionTypes.BACKEND_READY).orElseThrow();
        assertThat(backend.getReason()).isEqualTo("ImagePullBackOff");
        assertThat(backend.getMessage()).startsWith("the backend is not ready: pod fd-backend-1: container app cannot pull"
                + " image \"app:1\"").contains("not found");
        assertThat(status.condition(ConditionTypes.READY).orElseThrow().getReason()).isEqualTo("ImagePullBackOff");
        assertThat(assessment.problems()).containsOnlyKeys(ConditionTypes.BACKEND_READY);
    }

    @Test
    void aPodThatCannotPullAfterASpecChangeIsDegradedAndTheRetriesRewriteNothing() {
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 1)), T0));
        fd.getMetadata().setGeneration(2L);
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), rolling(1), deployment(1, 1)), T1));
        assertThat(fd.getStatus().getPhase()).as("the rollout begins").isEqualTo(Phase.Provisioning);

        FailDailyStatus failing = StatusAggregator.compute(fd, observed(db(1), rolling(1), deployment(1, 1))
                .withPods(List.of(PodProblemsTest.labelled("fd-backend-2", "backend", ContainerPhase.ERR_IMAGE_PULL))), T1);
        assertThat(failing.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(failing.condition(ConditionTypes.BACKEND_READY).orElseThrow().getReason()).isEqualTo("ImagePullBackOff");
        fd.setStatus(failing);
        // The kubelet now waits before the next pull: ImagePullBackOff, without the registry's answer.
        FailDailyStatus backingOff = StatusAggregator.compute(fd, observed(db(1), rolling(1), deployment(1, 1))
                .withPods(List.of(PodProblemsTest.labelled("fd-backend-2", "backend", ContainerPhase.IMAGE_PULL_BACK_OFF))), T1);
        assertThat(backingOff).as("the first message stays: no patch per retry").isEqualTo(failing);
    }

    @Test
    void aFailedReconciliationDuringARolloutDoesNotMakeItLookLikeAFirstStart() {
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 1)), T0));
        fd.getMetadata().setGeneration(2L);
        FailDailyStatus rolling = StatusAggregator.compute(fd, observed(db(1), rolling(1), deployment(1, 1)), T1);
        assertThat(rolling.condition(ConditionTypes.PROGRESSING).orElseThrow().getReason()).isEqualTo("RollingOut");
        // What updateErrorStatus writes: Ready says ReconcileError, the other conditions stay.
        rolling.condition(ConditionTypes.READY).orElseThrow().setReason("ReconcileError");
        fd.setStatus(rolling);
        FailDailyStatus failing = StatusAggregator.compute(fd, observed(db(1), rolling(1), deployment(1, 1))
                .withPods(List.of(PodProblemsTest.labelled("fd-backend-2", "backend", ContainerPhase.CRASH_LOOP))), T1);
        assertThat(failing.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(failing.condition(ConditionTypes.PROGRESSING)).as("a failed rollout is not progressing").isEmpty();
    }

    @Test
    void aProblemDuringARolloutTurnsItDegraded() {
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), deployment(1, 1), deployment(1, 1)), T0));
        fd.getMetadata().setGeneration(2L);
        fd.setStatus(StatusAggregator.compute(fd, observed(db(1), rolling(1), deployment(1, 1)), T1));
        FailDailyStatus crashing = StatusAggregator.compute(fd, observed(db(1), rolling(1), deployment(1, 1))
                .withPods(List.of(PodProblemsTest.labelled("fd-backend-2", "backend", ContainerPhase.CRASH_LOOP))), T1);
        assertThat(crashing.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(crashing.condition(ConditionTypes.BACKEND_READY).orElseThrow().getMessage())
                .contains("last exit code 1 (Error)");
    }

    @Test
    void aDeploymentWhoseControllerCannotCreatePodsSaysWhy() {
        Deployment quota = new DeploymentBuilder(deployment(1, 0)).editStatus().addNewCondition().withType("ReplicaFailure")
                .withStatus("True").withReason("FailedCreate")
                .withMessage("pods \"fd-backend-1\" is forbidden: exceeded quota: compute").endCondition().endStatus().build();
        var backend = StatusAggregator.compute(fd, observed(db(1), quota, null), T0)
                .condition(ConditionTypes.BACKEND_READY).orElseThrow();
        assertThat(backend.getReason()).isEqualTo("FailedCreate");
        assertThat(backend.getMessage()).contains("exceeded quota");
    }

    private static Observed observed(StatefulSet db, Deployment backend, Deployment frontend) {
        return new Observed(false, Optional.ofNullable(db), Optional.ofNullable(backend), Optional.ofNullable(frontend));
    }

    /** A StatefulSet of one pod, its rollout complete when {@code ready} is 1. */
    private static StatefulSet db(int ready) {
        return new StatefulSetBuilder().withNewMetadata().withName("fd-database").endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withReplicas(1).withReadyReplicas(ready).withUpdatedReplicas(1)
                .withCurrentRevision("fd-database-1").withUpdateRevision("fd-database-1").endStatus().build();
    }

    /** A Deployment whose pods all run the current template, {@code ready} of them ready. */
    private static Deployment deployment(int replicas, int ready) {
        return new DeploymentBuilder().withNewMetadata().withName("d").withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withObservedGeneration(2L).endStatus().build();
    }

    /** A rolling update of {@code replicas} stuck half-way: every old pod still serves, no new pod is ready. */
    private static Deployment rolling(int replicas) {
        return new DeploymentBuilder(deployment(replicas, replicas)).editStatus().withReplicas(2 * replicas)
                .withUpdatedReplicas(replicas).endStatus().build();
    }
}
