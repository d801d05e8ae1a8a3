package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.faildaily.operator.testing.PodStatuses;
import io.faildaily.operator.testing.PodStatuses.ContainerPhase;
import org.junit.jupiter.api.Test;

/** Why a pod does not run, from its status as the scheduler and the kubelet write it. */
class PodProblemsTest {
    private static final String T0 = "2026-01-01T00:00:00Z";
    private static final Instant SOON = Instant.parse("2026-01-01T00:00:30Z");
    private static final Instant LATER = Instant.parse("2026-01-01T00:05:00Z");

    @Test
    void aReadyPodOrAPodStillStartingIsNoProblem() {
        assertThat(PodProblems.of(List.of(pod("a", ContainerPhase.READY)), LATER)).isEmpty();
        assertThat(PodProblems.of(List.of(pod("a", ContainerPhase.NOT_READY)), LATER)).isEmpty();
        assertThat(PodProblems.of(List.of(pod("a", ContainerPhase.CREATING)), SOON)).isEmpty();
    }

    @Test
    void anUnschedulablePodCarriesTheSchedulersMessage() {
        Pod pod = withStatus("a", PodStatuses.unschedulable("0/3 nodes are available: 3 Insufficient memory.", T0));
        var problem = PodProblems.of(List.of(pod), SOON).orElseThrow();
        assertThat(problem.reason()).isEqualTo("Unschedulable");
        assertThat(problem.message()).isEqualTo("pod a cannot be scheduled: 0/3 nodes are available: 3 Insufficient memory.");
    }

    @Test
    void bothStatesOfAFailedPullAreOneReasonWithTheImageAndTheKubeletsMessage() {
        var pulling = PodProblems.of(List.of(pod("a", ContainerPhase.ERR_IMAGE_PULL)), SOON).orElseThrow();
        var backOff = PodProblems.of(List.of(pod("a", ContainerPhase.IMAGE_PULL_BACK_OFF)), SOON).orElseThrow();
        assertThat(pulling.reason()).isEqualTo("ImagePullBackOff");
        assertThat(backOff.reason()).isEqualTo("ImagePullBackOff");
        assertThat(pulling.message()).isEqualTo("pod a: container app cannot pull image \"app:1\": "
                + PodStatuses.pullError("app:1"));
        assertThat(backOff.message()).contains("Back-off pulling image \"app:1\"");
        assertThat(backOff.pod()).isEqualTo("a");
    }

    @Test
    void aCrashLoopSaysTheLastExitCodeAndStaysTheSameThroughTheRestartCycle() {
        Pod waiting = pod("a", ContainerPhase.CRASH_LOOP);
        var problem = PodProblems.of(List.of(waiting), SOON).orElseThrow();
        assertThat(problem.reason()).isEqualTo("CrashLoopBackOff");
        assertThat(problem.message()).isEqualTo("pod a: container app keeps exiting, last exit code 1 (Error)");
        // Between two back-offs the container runs again for a moment, not ready: the same problem.
        Pod runningAgain = new PodBuilder(waiting).editStatus().editFirstContainerStatus()
                .withNewState().withNewRunning().withStartedAt(T0).endRunning().endState()
                .endContainerStatus().endStatus().build();
        assertThat(PodProblems.of(List.of(runningAgain), SOON)).contains(problem);
    }

    @Test
    void aContainerThatRestartedOnceAndRunsAgainIsNotALoopYet() {
        Pod once = new PodBuilder(pod("a", ContainerPhase.CRASH_LOOP)).editStatus().editFirstContainerStatus()
                .withRestartCount(1).withNewState().withNewRunning().withStartedAt(T0).endRunning().endState()
                .endContainerStatus().endStatus().build();
        assertThat(PodProblems.of(List.of(once), SOON)).isEmpty();
    }

    @Test
    void otherWaitingReasonsOfTheKubeletArePassedOn() {
        Pod pod = new PodBuilder(pod("a", ContainerPhase.CREATING)).editStatus().editFirstContainerStatus()
                .editState().editWaiting().withReason("CreateContainerConfigError")
                .withMessage("secret \"a-credentials\" not found").endWaiting().endState()
                .endContainerStatus().endStatus().build();
        var problem = PodProblems.of(List.of(pod), SOON).orElseThrow();
        assertThat(problem.reason()).isEqualTo("CreateContainerConfigError");
        assertThat(problem.message()).isEqualTo("pod a: container app: secret \"a-credentials\" not found");
    }

    @Test
    void creatingContainersForTooLongNamesTheClaimsAndWhereToLook() {
        Pod pod = pod("a", ContainerPhase.CREATING);
        assertThat(PodProblems.of(List.of(pod), SOON)).as("30 s is an ordinary start").isEmpty();
        var problem = PodProblems.of(List.of(pod), LATER).orElseThrow();
        assertThat(problem.reason()).isEqualTo("StuckInContainerCreating");
        assertThat(problem.message()).contains("pod a has been creating its containers since " + T0, "claim fd-uploads",
                "Multi-Attach", "kubectl describe pod a");
        assertThat(PodProblems.of(List.of(pod), LATER.plusSeconds(600))).as("the same words later: no rewrite")
                .contains(problem);
    }

    @Test
    void theOperatorLooksAgainWhenAPodWouldHaveBeenCreatingForTooLong() {
        Pod pod = pod("a", ContainerPhase.CREATING);
        assertThat(PodProblems.recheckIn(List.of(pod), SOON)).contains(Duration.ofSeconds(91));
        assertThat(PodProblems.recheckIn(List.of(pod), LATER)).as("already reported").isEmpty();
        assertThat(PodProblems.recheckIn(List.of(pod("b", ContainerPhase.READY)), SOON)).isEmpty();
    }

    @Test
    void theFirstProblemInPodNameOrderIsReportedAndTerminatingPodsAreIgnored() {
        Pod b = pod("b", ContainerPhase.ERR_IMAGE_PULL);
        Pod a = pod("a", ContainerPhase.CRASH_LOOP);
        assertThat(PodProblems.of(List.of(b, a), SOON).orElseThrow().pod()).isEqualTo("a");
        Pod leaving = new PodBuilder(a).editMetadata().withDeletionTimestamp(T0).endMetadata().build();
        assertThat(PodProblems.of(List.of(b, leaving), SOON).orElseThrow().pod()).isEqualTo("b");
    }

    static Pod pod(String name, ContainerPhase phase) {
        Pod pod = bare(name);
        pod.setStatus(PodStatuses.scheduled(pod, T0, c -> phase));
        return pod;
    }

    /** A pod of one tier of FailDaily "fd", labelled as the model labels it. */
    static Pod labelled(String name, String component, ContainerPhase phase) {
        Pod pod = pod(name, phase);
        pod.getMetadata().setLabels(java.util.Map.of("app.kubernetes.io/instance", "fd",
                "app.kubernetes.io/component", component));
        return pod;
    }

    private static Pod withStatus(String name, PodStatus status) {
        Pod pod = bare(name);
        pod.setStatus(status);
        return pod;
    }

    private static Pod bare(String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer()
                .addNewVolume().withName("uploads").withNewPersistentVolumeClaim().withClaimName("fd-uploads")
                .endPersistentVolumeClaim().endVolume().endSpec().build();
    }
}
