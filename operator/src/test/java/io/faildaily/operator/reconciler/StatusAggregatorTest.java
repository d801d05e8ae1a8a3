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

    private static Observed observed(StatefulSet db, Deployment backend, Deployment frontend) {
        return new Observed(false, Optional.ofNullable(db), Optional.ofNullable(backend), Optional.ofNullable(frontend));
    }

    private static StatefulSet db(int ready) {
        return new StatefulSetBuilder().withNewMetadata().withName("fd-database").endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withReadyReplicas(ready).endStatus().build();
    }

    private static Deployment deployment(int replicas, int ready) {
        return new DeploymentBuilder().withNewMetadata().withName("d").withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withReadyReplicas(ready).withObservedGeneration(2L).endStatus().build();
    }
}
