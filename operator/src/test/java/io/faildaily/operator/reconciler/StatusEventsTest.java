package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailyStatus;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.PodStatuses.ContainerPhase;
import org.junit.jupiter.api.Test;

/** One Event per transition a person acts on: a phase reached, a problem that appears; never per reconcile. */
class StatusEventsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final FailDaily fd = FailDailies.of("ns", "fd");

    @Test
    void reachingReadyIsOneNormalEvent() {
        StatusAggregator.Assessment ready = assess(List.of(), 1);
        assertThat(StatusEvents.of(null, ready.status(), ready.problems()))
                .extracting(Notice::type, Notice::reason).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        EventRecorder.Type.Normal, "Ready"));
        fd.setStatus(ready.status());
        StatusAggregator.Assessment again = assess(List.of(), 1);
        assertThat(StatusEvents.of(fd.getStatus(), again.status(), again.problems())).isEmpty();
    }

    @Test
    void aProblemThatDegradesAReadyFailDailyIsOneWarningNamingItsReasonAndThePhase() {
        fd.setStatus(assess(List.of(), 1).status());
        StatusAggregator.Assessment failing = assess(List.of(backendPod(ContainerPhase.ERR_IMAGE_PULL)), 0);
        List<Notice> notices = StatusEvents.of(fd.getStatus(), failing.status(), failing.problems());
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).type()).isEqualTo(EventRecorder.Type.Warning);
        assertThat(notices.get(0).reason()).isEqualTo("ImagePullBackOff");
        assertThat(notices.get(0).message()).startsWith("FailDaily is Degraded: the backend is not ready: pod fd-backend-x");

        fd.setStatus(failing.status());
        StatusAggregator.Assessment retrying = assess(List.of(backendPod(ContainerPhase.IMAGE_PULL_BACK_OFF)), 0);
        assertThat(StatusEvents.of(fd.getStatus(), retrying.status(), retrying.problems())).as("the kubelet retries").isEmpty();
    }

    @Test
    void aProblemAtTheFirstStartIsAWarningWithoutAPhaseChange() {
        StatusAggregator.Assessment failing = assess(List.of(backendPod(ContainerPhase.CRASH_LOOP)), 0);
        assertThat(StatusEvents.of(null, failing.status(), failing.problems()))
                .extracting(Notice::reason, Notice::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CrashLoopBackOff",
                        "the backend is not ready: pod fd-backend-x: container app keeps exiting, last exit code 1 (Error)"));
    }

    private StatusAggregator.Assessment assess(List<Pod> pods, int backendReady) {
        Observed observed = new Observed(false, Optional.of(database()), Optional.of(deployment(backendReady)),
                Optional.of(deployment(1))).withPods(pods);
        return StatusAggregator.assess(fd, observed, T0);
    }

    private static Pod backendPod(ContainerPhase phase) {
        return PodProblemsTest.labelled("fd-backend-x", "backend", phase);
    }

    private static StatefulSet database() {
        return new StatefulSetBuilder().withNewSpec().withReplicas(1).endSpec().withNewMetadata().endMetadata()
                .withNewStatus().withReplicas(1).withReadyReplicas(1).withUpdatedReplicas(1).endStatus().build();
    }

    private static Deployment deployment(int ready) {
        return new DeploymentBuilder().withNewMetadata().endMetadata().withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(ready)
                .withAvailableReplicas(ready).endStatus().build();
    }
}
