package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.faildaily.operator.testing.PodStatuses;
import io.faildaily.operator.testing.PodStatuses.ContainerPhase;
import org.junit.jupiter.api.Test;

/** Why a pod does not run, from its status as the scheduler and the kubelet write it. */
class PodProblemsTest {
    private static final String T0 = "2026-01-01T00:00:00Z";
    private static final Instant T0_PLUS_1 = Instant.parse("2026-01-01T00:00:01Z");
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
    void theOperatorLooksAgainWhenAPodsEventsAreDueAndWhenItWouldHaveBeenCreatingForTooLong() {
        Pod pod = pod("a", ContainerPhase.CREATING);
        assertThat(PodProblems.recheckIn(List.of(pod), T0_PLUS_1)).as("its Events first read at 5 s").contains(Duration.ofSeconds(5));
        assertThat(PodProblems.recheckIn(List.of(pod), SOON)).as("then every 30 s").contains(Duration.ofSeconds(30));
        assertThat(PodProblems.recheckIn(List.of(pod), Instant.parse("2026-01-01T00:01:40Z"))).as("then at 2 minutes")
                .contains(Duration.ofSeconds(21));
        assertThat(PodProblems.recheckIn(List.of(pod), LATER)).as("already reported").isEmpty();
        assertThat(PodProblems.recheckIn(List.of(pod("b", ContainerPhase.READY)), SOON)).isEmpty();
    }

    @Test
    void onlyAPodCreatingItsContainersForAWhileHasItsEventsRead() {
        Pod creating = pod("a", ContainerPhase.CREATING);
        assertThat(PodProblems.awaitingVolumes(List.of(creating), T0_PLUS_1)).as("an ordinary start").isEmpty();
        assertThat(PodProblems.awaitingVolumes(List.of(creating), SOON)).containsExactly(creating);
        assertThat(PodProblems.awaitingVolumes(List.of(pod("b", ContainerPhase.READY), pod("c", ContainerPhase.NOT_READY),
                pod("d", ContainerPhase.ERR_IMAGE_PULL)), LATER)).as("pods past creating their containers").isEmpty();
    }

    @Test
    void aPodThatCannotAttachItsClaimCarriesTheAttachDetachControllersMessage() {
        Pod pod = pod("a", ContainerPhase.CREATING);
        String multiAttach = "Multi-Attach error for volume \"pvc-1\" Volume is already used by pod(s) b";
        var problem = PodProblems.of(List.of(pod), Map.of("a", List.of(
                event("FailedAttachVolume", "Pod", "a", "a-uid", "2026-01-01T00:00:02Z", multiAttach))), SOON).orElseThrow();
        assertThat(problem.reason()).isEqualTo("VolumeAttachFailed");
        assertThat(problem.message()).isEqualTo("pod a cannot attach a volume: " + multiAttach);
        assertThat(problem.pod()).isEqualTo("a");
    }

    @Test
    void theAttachFailureComesBeforeTheMountTimeoutItCausesAndTheNewestOfEachCounts() {
        Pod pod = pod("a", ContainerPhase.CREATING);
        Event mount = event("FailedMount", "Pod", "a", "a-uid", "2026-01-01T00:02:05Z",
                "Unable to attach or mount volumes: unmounted volumes=[uploads]: timed out waiting for the condition");
        assertThat(PodProblems.of(List.of(pod), Map.of("a", List.of(mount)), LATER).orElseThrow())
                .satisfies(p -> assertThat(p.reason()).isEqualTo("VolumeMountFailed"))
                .satisfies(p -> assertThat(p.message()).isEqualTo("pod a cannot mount a volume: " + mount.getMessage()));
        var problem = PodProblems.of(List.of(pod), Map.of("a", List.of(mount,
                event("FailedAttachVolume", "Pod", "a", "a-uid", "2026-01-01T00:00:02Z", "used by pod(s) b"),
                event("FailedAttachVolume", "Pod", "a", null, "2026-01-01T00:00:09Z", "used by pod(s) c"))), LATER).orElseThrow();
        assertThat(problem.reason()).isEqualTo("VolumeAttachFailed");
        assertThat(problem.message()).endsWith("used by pod(s) c");
    }

    @Test
    void eventsOfAnotherObjectOrOfAnEarlierPodOfTheSameNameOrOfAPodThatRunsSayNothing() {
        Map<String, List<Event>> events = Map.of("a", List.of(
                event("FailedAttachVolume", "Pod", "a", "earlier-uid", "2026-01-01T00:00:02Z", "the pod before"),
                event("FailedAttachVolume", "Deployment", "a", "a-uid", "2026-01-01T00:00:02Z", "not a pod")));
        assertThat(PodProblems.of(List.of(pod("a", ContainerPhase.CREATING)), events, SOON)).isEmpty();
        Map<String, List<Event>> resolved = Map.of("a", List.of(
                event("FailedAttachVolume", "Pod", "a", "a-uid", "2026-01-01T00:00:02Z", "attached since")));
        assertThat(PodProblems.of(List.of(pod("a", ContainerPhase.NOT_READY)), resolved, SOON))
                .as("the volume attached since: the containers run").isEmpty();
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

    /** An Event about an object, as the attach/detach controller or the kubelet records it. */
    private static Event event(String reason, String kind, String name, String uid, String last, String message) {
        return new EventBuilder().withNewMetadata().withName(name + "." + reason + last).withNamespace("ns").endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(name).withNamespace("ns").withUid(uid).endInvolvedObject()
                .withType("Warning").withReason(reason).withMessage(message).withLastTimestamp(last).build();
    }

    private static Pod bare(String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid(name + "-uid").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer()
                .addNewVolume().withName("uploads").withNewPersistentVolumeClaim().withClaimName("fd-uploads")
                .endPersistentVolumeClaim().endVolume().endSpec().build();
    }
}
