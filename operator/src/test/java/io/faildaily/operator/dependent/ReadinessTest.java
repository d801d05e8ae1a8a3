package io.faildaily.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

/** Ready means the rollout of the current spec is complete, not that enough pods answer. */
class ReadinessTest {
    @Test
    void aDeploymentIsReadyWhenEveryReplicaIsUpdatedAndAvailableAtTheCurrentGeneration() {
        assertThat(Readiness.isReady(deployment(2, 2, 2, 2, 2, 5))).isTrue();
    }

    @Test
    void anOldPodStillServingDoesNotMakeAStuckRolloutReady() {
        // One replica wanted: the old pod is ready, the new one never starts.
        Deployment stuck = deployment(1, 2, 1, 1, 1, 5);
        assertThat(Readiness.ready(stuck)).as("as many ready as wanted").isEqualTo(1);
        assertThat(Readiness.isReady(stuck)).isFalse();
        assertThat(Readiness.isRollingOut(stuck)).isTrue();
    }

    @Test
    void aStatusOfAnEarlierGenerationSaysNothingAboutTheCurrentSpec() {
        assertThat(Readiness.isReady(deployment(1, 1, 1, 1, 1, 4))).isFalse();
    }

    @Test
    void aDeploymentNotYetFullyAvailableIsNotReady() {
        assertThat(Readiness.isReady(deployment(2, 2, 2, 2, 1, 5))).isFalse();
    }

    @Test
    void scaledToZeroItIsReadyOnceThePodsAreGone() {
        assertThat(Readiness.isReady(deployment(0, 1, 0, 0, 0, 5))).isFalse();
        assertThat(Readiness.isReady(deployment(0, 0, 0, 0, 0, 5))).isTrue();
    }

    @Test
    void aStatefulSetIsReadyOnceItsCurrentRevisionCaughtUpWithTheUpdateRevision() {
        assertThat(Readiness.isReady(statefulSet("db-2", "db-2", 1, 1))).isTrue();
        StatefulSet rolling = statefulSet("db-1", "db-2", 0, 1);
        assertThat(Readiness.isReady(rolling)).as("the old pod is ready, the new revision is not out").isFalse();
        assertThat(Readiness.isRollingOut(rolling)).isTrue();
        assertThat(Readiness.isReady(statefulSet("db-2", "db-2", 1, 0))).isFalse();
    }

    @Test
    void theUpdateRevisionCountsOnlyOnceTheControllerObservedTheCurrentGeneration() {
        StatefulSet stale = new StatefulSetBuilder(statefulSet("db-1", "db-1", 1, 1)).editMetadata().withGeneration(6L)
                .endMetadata().build();
        assertThat(Readiness.currentUpdateRevision(stale)).isEmpty();
        assertThat(Readiness.isReady(stale)).isFalse();
        assertThat(Readiness.currentUpdateRevision(statefulSet("db-1", "db-2", 0, 1))).contains("db-2");
    }

    private static Deployment deployment(int desired, int replicas, int updated, int ready, int available, long observed) {
        return new DeploymentBuilder().withNewMetadata().withGeneration(5L).endMetadata()
                .withNewSpec().withReplicas(desired).endSpec()
                .withNewStatus().withReplicas(replicas).withUpdatedReplicas(updated).withReadyReplicas(ready)
                .withAvailableReplicas(available).withObservedGeneration(observed).endStatus().build();
    }

    private static StatefulSet statefulSet(String current, String update, int updated, int ready) {
        return new StatefulSetBuilder().withNewMetadata().withGeneration(5L).endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withObservedGeneration(5L).withReplicas(1).withReadyReplicas(ready)
                .withUpdatedReplicas(updated).withCurrentRevision(current).withUpdateRevision(update).endStatus().build();
    }
}
