package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.faildaily.operator.testing.PodStatuses.ContainerPhase;
import org.junit.jupiter.api.Test;

/** Which database pods the operator deletes so that a fixed StatefulSet can roll: only the stuck ones. */
class ForcedRollbackTest {
    @Test
    void aPodNotReadyOnARevisionTheSpecNoLongerAsksForIsDeleted() {
        Pod stuck = pod("fd-database-0", "fd-database-broken", ContainerPhase.IMAGE_PULL_BACK_OFF);
        assertThat(ForcedRollback.stuckPods(Optional.of(statefulSet(3L, 3L, "fd-database-fixed")), List.of(stuck)))
                .containsExactly(stuck);
    }

    @Test
    void aReadyPodOfAnOlderRevisionIsLeftToTheControllersRollingUpdate() {
        Pod old = pod("fd-database-0", "fd-database-old", ContainerPhase.READY);
        assertThat(ForcedRollback.stuckPods(Optional.of(statefulSet(3L, 3L, "fd-database-new")), List.of(old))).isEmpty();
    }

    @Test
    void aBrokenPodOfTheCurrentRevisionStaysUntilTheSpecIsFixed() {
        Pod broken = pod("fd-database-0", "fd-database-broken", ContainerPhase.IMAGE_PULL_BACK_OFF);
        assertThat(ForcedRollback.stuckPods(Optional.of(statefulSet(3L, 3L, "fd-database-broken")), List.of(broken)))
                .isEmpty();
    }

    @Test
    void nothingIsDeletedBeforeTheControllerHasSeenTheCurrentSpec() {
        Pod stuck = pod("fd-database-0", "fd-database-broken", ContainerPhase.IMAGE_PULL_BACK_OFF);
        assertThat(ForcedRollback.stuckPods(Optional.of(statefulSet(4L, 3L, "fd-database-fixed")), List.of(stuck)))
                .as("the update revision reported is that of generation 3").isEmpty();
        assertThat(ForcedRollback.stuckPods(Optional.empty(), List.of(stuck))).isEmpty();
    }

    private static StatefulSet statefulSet(long generation, long observed, String updateRevision) {
        return new StatefulSetBuilder().withNewMetadata().withName("fd-database").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withObservedGeneration(observed).withCurrentRevision("fd-database-old")
                .withUpdateRevision(updateRevision).endStatus().build();
    }

    private static Pod pod(String name, String revision, ContainerPhase phase) {
        Pod pod = PodProblemsTest.labelled(name, "database", phase);
        pod.getMetadata().setLabels(Map.of("app.kubernetes.io/component", "database",
                ForcedRollback.REVISION_LABEL, revision));
        return pod;
    }
}
