package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.BackendSpec;
import io.faildaily.operator.api.ConditionTypes;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.FrontendSpec;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.Nodes;
import io.faildaily.operator.testing.OperatorOnMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator on three nodes of the multi-node stand-in ({@link Nodes}): real pods for every workload,
 * rollouts that create and delete them, ReadWriteOnce claims that attach to one node. Every spec as written
 * (spec {}, each example, a scaled spec) on the default storage, ReadWriteOnce claims (the scaled spec's
 * uploads and logs are ReadWriteMany, which several backend pods need): Ready, rolled to completion by an
 * image change of every workload, Degraded by a backend image that cannot be pulled and Ready again once it
 * is fixed, without a pod ever waiting for a claim attached to another node. And a pod that does wait for one
 * (someone else's pod holds the claim) is reported with the attach/detach controller's Multi-Attach message.
 */
class RolloutOnNodesTest {
    private static final String NEW_DATABASE = "mysql:8.0.44";
    private static final String NEW_BACKEND = "ghcr.io/faildaily/faildaily-backend:0.1.1";
    private static final String NEW_FRONTEND = "nginxinc/nginx-unprivileged:1.28.1-alpine";

    private static OperatorOnMock mock;
    private static KubernetesClient k8s;
    private static Nodes nodes;

    @BeforeAll
    static void start() {
        mock = OperatorOnMock.onNodes(3);
        k8s = mock.k8s();
        nodes = mock.nodes();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    /** spec {}, every example's spec and a scaled spec, as written: no claim waits on another node. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> specsAsWritten() throws java.io.IOException {
        List<org.junit.jupiter.params.provider.Arguments> specs = new java.util.ArrayList<>();
        specs.add(org.junit.jupiter.params.provider.Arguments.of("spec: {}", new FailDailySpec()));
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("..", "examples"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                specs.add(org.junit.jupiter.params.provider.Arguments.of(file.getFileName().toString(),
                        io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                                java.nio.file.Files.readString(file), FailDaily.class).getSpec()));
            }
        }
        // Several backend pods share uploads and logs: ReadWriteMany by design (refused on ReadWriteOnce, with a
        // message naming ReadWriteMany). The database's claim keeps the default storage.
        FailDailySpec scaled = new FailDailySpec();
        scaled.getBackend().setReplicas(3);
        scaled.getBackend().setUploads(volume(VolumeSpec.AccessMode.ReadWriteMany));
        scaled.setLogs(volume(VolumeSpec.AccessMode.ReadWriteMany));
        scaled.getFrontend().setReplicas(2);
        specs.add(org.junit.jupiter.params.provider.Arguments.of("backend 3 and frontend 2 on ReadWriteMany uploads and logs",
                scaled));
        return specs.stream();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("specsAsWritten")
    void everySpecAsWrittenIsReadyOnThreeNodes(String name, FailDailySpec spec) {
        String ns = readyInstance("as-written", spec);
        assertNoPodWaitedForAClaim(ns);
        assertThat(pods(ns)).allSatisfy(p -> assertThat(ready(p)).isTrue());
    }

    @Test
    void everyPartIsReadyWithItsPodsSpreadOverTheNodes() {
        String ns = readyInstance("spread", new FailDailySpec());

        List<Pod> pods = pods(ns);
        assertThat(pods).hasSize(3).allSatisfy(p -> assertThat(ready(p)).isTrue());
        assertThat(node(ns, "backend")).as("the stand-in spreads: backend and frontend on two nodes")
                .isNotEqualTo(node(ns, "frontend"));
        assertThat(k8s.persistentVolumeClaims().inNamespace(ns).withName("mysql-data-app-database-0").get())
                .as("the database's claim, made by the StatefulSet").isNotNull();
        for (String type : List.of(ConditionTypes.DATABASE_READY, ConditionTypes.BACKEND_READY, ConditionTypes.FRONTEND_READY)) {
            assertThat(mock.condition(ns, "app", type).getStatus()).as(type).isEqualTo("True");
        }
        assertThat(mock.events(ns)).extracting(Event::getReason).containsExactly("Ready");
    }

    /**
     * The database rolls while the backend's new pods start too: the database-ready gate is evaluated at the
     * start of the reconciliation that updates the StatefulSet, so it still sees the finished rollout of the
     * old spec. The frontend, after the backend's readiness, waits. A backend on a ReadWriteOnce claim rolls
     * with Recreate (its old pod goes first, so the new one, on another node, can attach the claim); one on
     * ReadWriteMany storage, and the frontend, roll with RollingUpdate (the old pods serve meanwhile).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("specsAsWritten")
    void anImageChangeRollsEveryWorkloadToCompletionAndIsReadyOnlyAfter(String name, FailDailySpec spec) {
        String ns = readyInstance("rollout", spec);
        boolean inCluster = mock.get(ns, "app").getSpec().getDatabase().inCluster();
        String oldBackend = image(ns, "backend");
        String oldFrontend = image(ns, "frontend");
        List.of(NEW_DATABASE, NEW_BACKEND, NEW_FRONTEND).forEach(nodes::holdNotReady);
        try {
            edit(ns, changed -> {
                if (inCluster) {
                    DatabaseSpec database = changed.getDatabase();
                    database.setImage(NEW_DATABASE);
                    changed.setDatabase(database);
                }
                setImage(changed, NEW_BACKEND);
                FrontendSpec frontend = changed.getFrontend();
                frontend.setImage(NEW_FRONTEND);
                changed.setFrontend(frontend);
            });
            if (inCluster) {
                Await.until("the new database pod runs, not ready", () -> !podsOf(ns, "database", NEW_DATABASE).isEmpty());
                assertRollingOutFor(ns, ConditionTypes.DATABASE_READY, StatusAggregator.ROLLING_OUT);
                assertThat(image(ns, "frontend")).as("the frontend waits for the backend").isEqualTo(oldFrontend);
                nodes.release(NEW_DATABASE);
            }

            Await.until("the new backend pods run, not ready", () -> !podsOf(ns, "backend", NEW_BACKEND).isEmpty());
            Deployment backend = k8s.apps().deployments().inNamespace(ns).withName("app-backend").get();
            if ("Recreate".equals(backend.getSpec().getStrategy().getType())) {
                assertThat(podsOf(ns, "backend", oldBackend)).as("Recreate: the old pod went first").isEmpty();
                assertRollingOutFor(ns, ConditionTypes.BACKEND_READY, "DeploymentNotReady");
            } else {
                assertThat(podsOf(ns, "backend", oldBackend)).as("RollingUpdate: the old pods serve meanwhile")
                        .isNotEmpty().allSatisfy(p -> assertThat(ready(p)).isTrue());
                assertThat(backend.getStatus().getReadyReplicas()).as("as many ready pods as wanted: not enough to be Ready")
                        .isEqualTo(backend.getSpec().getReplicas());
                assertRollingOutFor(ns, ConditionTypes.BACKEND_READY, StatusAggregator.ROLLING_OUT);
            }
            assertThat(image(ns, "frontend")).as("the frontend waits for the backend").isEqualTo(oldFrontend);

            nodes.release(NEW_BACKEND);
            Await.until("the new frontend pods run, not ready", () -> !podsOf(ns, "frontend", NEW_FRONTEND).isEmpty());
            assertRollingOutFor(ns, ConditionTypes.FRONTEND_READY, StatusAggregator.ROLLING_OUT);

            nodes.release(NEW_FRONTEND);
            awaitReady(ns);
        } finally {
            List.of(NEW_DATABASE, NEW_BACKEND, NEW_FRONTEND).forEach(nodes::release);
        }
        FailDailySpec rolled = mock.get(ns, "app").getSpec();
        assertThat(podsOf(ns, "backend", NEW_BACKEND)).as("every old backend pod gone")
                .hasSize(rolled.getBackend().getReplicas()).hasSize(podsOf(ns, "backend").size());
        assertThat(podsOf(ns, "frontend", NEW_FRONTEND)).as("every old frontend pod gone")
                .hasSize(rolled.getFrontend().getReplicas()).hasSize(podsOf(ns, "frontend").size());
        assertThat(podsOf(ns, "database", NEW_DATABASE)).as("the database pod replaced").hasSize(inCluster ? 1 : 0)
                .hasSize(podsOf(ns, "database").size());
        assertThat(pods(ns)).allSatisfy(p -> assertThat(ready(p)).isTrue());
        assertNoPodWaitedForAClaim(ns);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("specsAsWritten")
    void aBackendImageThatCannotBePulledIsDegradedWithTheReasonInOneEventAndTheFixBringsReadyBack(String name,
                                                                                                  FailDailySpec spec) {
        String ns = readyInstance("pull", spec);
        String working = image(ns, "backend");
        String broken = "ghcr.io/faildaily/faildaily-backend:9.9.9";
        var backend = degradedBy(ns, broken, RolloutOnNodesTest::setBackendImage, ConditionTypes.BACKEND_READY);
        assertThat(mock.condition(ns, "app", ConditionTypes.READY).getMessage()).isEqualTo(backend.getMessage());
        // The kubelet stand-in turns ErrImagePull and ImagePullBackOff over every second, as a kubelet's retries do.
        long writesBefore = mock.cluster().dispatcher().writes(ns);
        Await.sleep(2000);
        assertThat(mock.cluster().dispatcher().writes(ns) - writesBefore).as("writes while the pull keeps failing: "
                + mock.cluster().dispatcher().lastWrites()).isZero();
        assertThat(warnings(ns)).as("one Event says it").singleElement().satisfies(e -> {
            assertThat(e.getReason()).isEqualTo("ImagePullBackOff");
            assertThat(e.getMessage()).startsWith("FailDaily is Degraded: the backend is not ready: pod app-backend-")
                    .contains(broken);
        });

        setBackendImage(ns, working);
        awaitReady(ns);
        assertThat(podsOf(ns, "backend")).extracting(p -> p.getSpec().getContainers().get(0).getImage())
                .containsOnly(working);
        assertThat(mock.condition(ns, "app", ConditionTypes.BACKEND_READY).getReason()).isEqualTo("DeploymentReady");
        assertNoPodWaitedForAClaim(ns);
    }

    @Test
    void aDatabaseImageThatCannotBePulledIsRolledBackByDeletingTheStuckPodOnceTheSpecIsFixed() {
        String ns = readyInstance("rollback", new FailDailySpec());
        String broken = "mysql:8.0.99";
        degradedBy(ns, broken, RolloutOnNodesTest::setDatabaseImage, ConditionTypes.DATABASE_READY);
        Pod stuck = podsOf(ns, "database", broken).get(0);
        assertThat(warnings(ns)).extracting(Event::getReason).containsExactly("ImagePullBackOff");

        setDatabaseImage(ns, null);
        awaitReady(ns);
        Pod database = podsOf(ns, "database", Defaults.DATABASE_IMAGE).get(0);
        assertThat(database.getMetadata().getUid()).as("a new pod").isNotEqualTo(stuck.getMetadata().getUid());
        assertThat(mock.events(ns)).filteredOn(e -> ForcedRollback.REASON.equals(e.getReason())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).startsWith("deleted pod app-database-0: it is not ready on revision "
                        + stuck.getMetadata().getLabels().get(ForcedRollback.REVISION_LABEL)));
    }

    /**
     * Someone's pod on the backend's node mounts the uploads claim too (allowed on ReadWriteOnce: one node),
     * the node is cordoned, and the backend rolls: its new pod, on another node, cannot attach the claim.
     * The stand-in leaves it in ContainerCreating with the attach/detach controller's Multi-Attach Event,
     * which the operator reads and reports; once the other pod is gone the claim moves and the backend is
     * Ready again.
     */
    @Test
    void aPodThatCannotAttachItsClaimIsDegradedWithTheMultiAttachMessageUntilTheClaimIsFree() {
        String ns = readyInstance("attach", new FailDailySpec());
        String node = node(ns, "backend");
        k8s.apps().deployments().inNamespace(ns).resource(uploadsBrowser(ns, node)).create();
        Await.until("the other pod runs on the backend's node", () -> k8s.pods().inNamespace(ns).withLabel("app", "uploads-browser")
                .list().getItems().stream().anyMatch(RolloutOnNodesTest::ready));
        nodes.cordon(node);
        try {
            setBackendImage(ns, NEW_BACKEND);
            Await.until("Degraded", () -> mock.phase(ns, "app") == Phase.Degraded);
            var condition = mock.condition(ns, "app", ConditionTypes.BACKEND_READY);
            Pod stuck = podsOf(ns, "backend", NEW_BACKEND).get(0);
            assertThat(stuck.getSpec().getNodeName()).isNotEqualTo(node);
            assertThat(stuck.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                    .isEqualTo("ContainerCreating");
            assertThat(condition.getReason()).isEqualTo(PodProblems.VOLUME_ATTACH_FAILED);
            assertThat(condition.getMessage()).startsWith("the backend is not ready: pod " + stuck.getMetadata().getName()
                    + " cannot attach a volume: Multi-Attach error for volume \"pvc-").contains("used by pod(s) uploads-browser-");
            assertThat(warnings(ns)).filteredOn(e -> "FailDaily".equals(e.getInvolvedObject().getKind()))
                    .as("one Event says it").singleElement().satisfies(e -> {
                        assertThat(e.getReason()).isEqualTo(PodProblems.VOLUME_ATTACH_FAILED);
                        assertThat(e.getMessage()).contains("Multi-Attach error");
                    });

            k8s.apps().deployments().inNamespace(ns).withName("uploads-browser").delete();
            awaitReady(ns);
        } finally {
            nodes.uncordon(node);
        }
        assertThat(nodes.attachedTo(ns, "app-uploads")).as("the claim moved to the backend's new node")
                .contains(node(ns, "backend"));
    }

    /** The Events of a pod are read only while it is stuck: a Ready FailDaily's reconciliation lists none. */
    @Test
    void aReadyFailDailyReadsNoEvents() {
        String ns = readyInstance("no-events", new FailDailySpec());
        Await.sleep(500);
        double reconciled = reconciliations();
        k8s.resources(FailDaily.class).inNamespace(ns).withName("app")
                .edit(fd -> { fd.getMetadata().getAnnotations().put("touched", "yes"); return fd; });
        Await.until("the touch was reconciled", () -> reconciliations() > reconciled);
        assertThat(mock.cluster().dispatcher().operatorRequests(r -> r.verb().equals("list") && r.resource().equals("events")
                && r.namespace().equals(ns))).as("LISTs of Events in " + ns).isZero();
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static VolumeSpec volume(VolumeSpec.AccessMode mode) {
        VolumeSpec volume = new VolumeSpec();
        volume.setAccessModes(List.of(mode));
        return volume;
    }

    /** A FailDaily "app" with this spec, Ready, in a namespace of its own. */
    private static String readyInstance(String prefix, FailDailySpec spec) {
        String ns = mock.namespace(prefix);
        FailDaily fd = FailDailies.of(ns, "app");
        fd.setSpec(spec);
        mock.create(fd);
        awaitReady(ns);
        return ns;
    }

    /** A Deployment of someone's own that mounts the uploads claim, its pods pinned to one node. */
    private static Deployment uploadsBrowser(String ns, String node) {
        return new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName("uploads-browser")
                .withNamespace(ns).endMetadata().withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", "uploads-browser").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "uploads-browser").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("browser").withImage("busybox:1.37").endContainer()
                .addNewVolume().withName("uploads").withNewPersistentVolumeClaim().withClaimName("app-uploads")
                .endPersistentVolumeClaim().endVolume().endSpec().endTemplate().endSpec().build();
    }

    private static double reconciliations() {
        return mock.reconciliations();
    }

    private static void assertNoPodWaitedForAClaim(String ns) {
        assertThat(mock.events(ns)).as("no pod waited for a claim attached to another node")
                .noneMatch(e -> "FailedAttachVolume".equals(e.getReason()));
    }

    /** Sets an image no node can pull; returns the part's condition once FailDaily is Degraded by it. */
    private static io.fabric8.kubernetes.api.model.Condition degradedBy(String ns, String image,
                                                                      java.util.function.BiConsumer<String, String> setImage,
                                                                      String type) {
        nodes.unpullable(image);
        setImage.accept(ns, image);
        Await.until("Degraded", () -> mock.phase(ns, "app") == Phase.Degraded);
        var condition = mock.condition(ns, "app", type);
        assertThat(condition.getReason()).isEqualTo("ImagePullBackOff");
        assertThat(condition.getMessage()).contains("cannot pull image \"" + image + "\"");
        return condition;
    }

    private static void awaitReady(String ns) {
        mock.awaitReady(ns, "app");
    }

    /**
     * For half a second, while the new pods of one part are not ready: Provisioning, the rollout named in
     * Ready, the part's condition false with this reason (a Recreate rollout has no old pod left to count).
     */
    private static void assertRollingOutFor(String ns, String type, String reason) {
        Await.until(type + " rolling out", () -> reason.equals(mock.condition(ns, "app", type).getReason()));
        for (int i = 0; i < 5; i++) {
            assertThat(mock.phase(ns, "app")).as("not Ready while " + type + " rolls out").isEqualTo(Phase.Provisioning);
            assertThat(mock.condition(ns, "app", ConditionTypes.READY).getReason()).isEqualTo(StatusAggregator.ROLLING_OUT);
            assertThat(mock.condition(ns, "app", type).getStatus()).isEqualTo("False");
            Await.sleep(100);
        }
    }

    private static void edit(String ns, Consumer<FailDailySpec> change) {
        mock.editSpec(ns, "app", change);
    }

    private static void setBackendImage(String ns, String image) {
        edit(ns, spec -> setImage(spec, image));
    }

    private static void setImage(FailDailySpec spec, String backendImage) {
        BackendSpec backend = spec.getBackend();
        backend.setImage(backendImage);
        spec.setBackend(backend);
    }

    private static void setDatabaseImage(String ns, String image) {
        edit(ns, spec -> {
            DatabaseSpec database = spec.getDatabase();
            database.setImage(image);
            spec.setDatabase(database);
        });
    }

    private static List<Pod> pods(String ns) {
        return k8s.pods().inNamespace(ns).list().getItems();
    }

    private static List<Event> warnings(String ns) {
        return mock.events(ns).stream().filter(e -> "Warning".equals(e.getType())).toList();
    }

    private static List<Pod> podsOf(String ns, String component) {
        return pods(ns).stream().filter(p -> component.equals(p.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .toList();
    }

    private static List<Pod> podsOf(String ns, String component, String image) {
        return podsOf(ns, component).stream().filter(p -> image.equals(p.getSpec().getContainers().get(0).getImage())).toList();
    }

    private static String image(String ns, String component) {
        return k8s.apps().deployments().inNamespace(ns).withName("app-" + component).get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage();
    }

    private static String node(String ns, String component) {
        return podsOf(ns, component).get(0).getSpec().getNodeName();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
