package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.BackendSpec;
import io.faildaily.operator.api.BackupSpec;
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
 * rollouts that create and delete them, ReadWriteOnce claims that attach to one node. The rollout tests
 * share every volume (ReadWriteMany) so that the pods spread and roll over nodes freely; the default
 * storage (ReadWriteOnce claims, each used by one workload that rolls with Recreate) is proven on the same
 * nodes for spec {}, every example and a scaled spec, and a backend on a ReadWriteOnce claim rolls to
 * completion on two nodes.
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
        String ns = mock.namespace("as-written");
        FailDaily fd = FailDailies.of(ns, "app");
        fd.setSpec(spec);
        mock.create(fd);
        Await.until(name + " Ready on three nodes", java.time.Duration.ofSeconds(60), () -> mock.phase(ns, "app") == Phase.Ready);
        assertThat(mock.events(ns)).as("no pod waited for a claim attached to another node")
                .noneMatch(e -> "FailedAttachVolume".equals(e.getReason()));
        assertThat(pods(ns)).allSatisfy(p -> assertThat(ready(p)).isTrue());
    }

    @Test
    void everyPartIsReadyWithItsPodsSpreadOverTheNodes() {
        String ns = readyInstance("spread");

        List<Pod> pods = pods(ns);
        assertThat(pods).hasSize(3).allSatisfy(p -> assertThat(ready(p)).isTrue());
        assertThat(node(ns, "backend")).as("backend and frontend share the logs claim from two nodes")
                .isNotEqualTo(node(ns, "frontend"));
        assertThat(k8s.persistentVolumeClaims().inNamespace(ns).withName("mysql-data-app-database-0").get())
                .as("the database's claim, made by the StatefulSet").isNotNull();
        for (String type : List.of(ConditionTypes.DATABASE_READY, ConditionTypes.BACKEND_READY, ConditionTypes.FRONTEND_READY)) {
            assertThat(mock.condition(ns, "app", type).getStatus()).as(type).isEqualTo("True");
        }
        assertThat(mock.events(ns)).extracting(Event::getReason).containsExactly("Ready");
    }

    @Test
    void anImageChangeRollsEveryWorkloadToCompletionAndIsReadyOnlyAfter() {
        String ns = readyInstance("rollout");
        List.of(NEW_DATABASE, NEW_BACKEND, NEW_FRONTEND).forEach(nodes::holdNotReady);

        edit(ns, spec -> {
            DatabaseSpec database = spec.getDatabase();
            database.setImage(NEW_DATABASE);
            spec.setDatabase(database);
            BackendSpec backend = spec.getBackend();
            backend.setImage(NEW_BACKEND);
            spec.setBackend(backend);
            FrontendSpec frontend = spec.getFrontend();
            frontend.setImage(NEW_FRONTEND);
            spec.setFrontend(frontend);
        });
        // The database rolls while the backend's new pod starts too: the database-ready gate is evaluated at
        // the start of the reconciliation that updates the StatefulSet, so it still sees the finished
        // rollout of the old spec. The frontend, after the backend's readiness, waits.
        Await.until("the new database pod runs, not ready", () -> podOf(ns, "database", NEW_DATABASE) != null);
        assertRollingOutFor(ns, ConditionTypes.DATABASE_READY);
        assertThat(image(ns, "frontend")).as("the frontend waits for the backend").isEqualTo(Defaults.FRONTEND_IMAGE);

        nodes.release(NEW_DATABASE);
        Await.until("the new backend pod runs, not ready", () -> podOf(ns, "backend", NEW_BACKEND) != null);
        Pod oldBackend = podOf(ns, "backend", Defaults.BACKEND_IMAGE);
        assertThat(oldBackend).as("RollingUpdate: the old pod serves meanwhile").isNotNull();
        assertThat(ready(oldBackend)).isTrue();
        Deployment backend = k8s.apps().deployments().inNamespace(ns).withName("app-backend").get();
        assertThat(backend.getStatus().getReadyReplicas()).as("as many ready pods as wanted: not enough to be Ready")
                .isEqualTo(backend.getSpec().getReplicas());
        assertRollingOutFor(ns, ConditionTypes.BACKEND_READY);

        nodes.release(NEW_BACKEND);
        Await.until("the new frontend pod runs, not ready", () -> podOf(ns, "frontend", NEW_FRONTEND) != null);
        assertRollingOutFor(ns, ConditionTypes.FRONTEND_READY);

        nodes.release(NEW_FRONTEND);
        awaitReady(ns);
        assertThat(pods(ns)).extracting(p -> p.getSpec().getContainers().get(0).getImage())
                .as("every old pod gone, one new pod each").containsExactlyInAnyOrder(NEW_DATABASE, NEW_BACKEND, NEW_FRONTEND);
        assertThat(pods(ns)).allSatisfy(p -> assertThat(ready(p)).isTrue());
    }

    @Test
    void aBackendImageThatCannotBePulledIsDegradedWithTheReasonInOneEventAndTheFixBringsReadyBack() {
        String ns = readyInstance("pull");
        String broken = "ghcr.io/faildaily/faildaily-backend:9.9.9";
        var backend = degradedBy(ns, broken, RolloutOnNodesTest::setBackendImage, ConditionTypes.BACKEND_READY);
        assertThat(mock.condition(ns, "app", ConditionTypes.READY).getMessage()).isEqualTo(backend.getMessage());
        // The kubelet stand-in turns ErrImagePull and ImagePullBackOff over every second, as a kubelet's retries do.
        long writesBefore = mock.cluster().dispatcher().writes(ns);
        Await.sleep(3000);
        assertThat(mock.cluster().dispatcher().writes(ns) - writesBefore).as("writes while the pull keeps failing: "
                + mock.cluster().dispatcher().lastWrites()).isZero();
        assertThat(warnings(ns)).as("one Event says it").singleElement().satisfies(e -> {
            assertThat(e.getReason()).isEqualTo("ImagePullBackOff");
            assertThat(e.getMessage()).startsWith("FailDaily is Degraded: the backend is not ready: pod app-backend-")
                    .contains(broken);
        });

        setBackendImage(ns, null);
        awaitReady(ns);
        assertThat(pods(ns)).extracting(p -> p.getSpec().getContainers().get(0).getImage()).doesNotContain(broken);
        assertThat(mock.condition(ns, "app", ConditionTypes.BACKEND_READY).getReason()).isEqualTo("DeploymentReady");
    }

    @Test
    void aDatabaseImageThatCannotBePulledIsRolledBackByDeletingTheStuckPodOnceTheSpecIsFixed() {
        String ns = readyInstance("rollback");
        String broken = "mysql:8.0.99";
        degradedBy(ns, broken, RolloutOnNodesTest::setDatabaseImage, ConditionTypes.DATABASE_READY);
        Pod stuck = podOf(ns, "database", broken);
        assertThat(warnings(ns)).extracting(Event::getReason).containsExactly("ImagePullBackOff");

        setDatabaseImage(ns, null);
        awaitReady(ns);
        Pod database = podOf(ns, "database", Defaults.DATABASE_IMAGE);
        assertThat(database.getMetadata().getUid()).as("a new pod").isNotEqualTo(stuck.getMetadata().getUid());
        assertThat(mock.events(ns)).filteredOn(e -> ForcedRollback.REASON.equals(e.getReason())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).startsWith("deleted pod app-database-0: it is not ready on revision "
                        + stuck.getMetadata().getLabels().get(ForcedRollback.REVISION_LABEL)));
    }

    /**
     * A backend on a ReadWriteOnce uploads claim, on two nodes: a RollingUpdate would start the new pod on the
     * other node, where it waits for ever on the claim (the stand-in shows that in NodesTest). The operator
     * rolls such a backend with Recreate, so the rollout completes without a Multi-Attach error.
     */
    @Test
    void aBackendOnAReadWriteOnceClaimRollsToCompletionOnTwoNodes() {
        try (OperatorOnMock two = OperatorOnMock.onNodes(2)) {
            String ns = two.namespace("multi-attach");
            two.create(FailDailies.of(ns, "app", spec -> {
                everyVolumeShared(spec);
                BackendSpec backend = spec.getBackend();
                backend.setUploads(volume(VolumeSpec.AccessMode.ReadWriteOnce));
                spec.setBackend(backend);
            }));
            Await.until("Ready", () -> two.phase(ns, "app") == Phase.Ready);
            assertThat(two.k8s().apps().deployments().inNamespace(ns).withName("app-backend").get()
                    .getSpec().getStrategy().getType()).isEqualTo("Recreate");

            two.k8s().resources(FailDaily.class).inNamespace(ns).withName("app").edit(fd -> {
                BackendSpec backend = fd.getSpec().getBackend();
                backend.setImage(NEW_BACKEND);
                fd.getSpec().setBackend(backend);
                return fd;
            });
            Await.until("the new backend Ready", () -> two.phase(ns, "app") == Phase.Ready
                    && two.k8s().pods().inNamespace(ns).list().getItems().stream()
                    .anyMatch(p -> NEW_BACKEND.equals(p.getSpec().getContainers().get(0).getImage())
                            && p.getStatus() != null && p.getStatus().getContainerStatuses() != null
                            && !p.getStatus().getContainerStatuses().isEmpty()
                            && Boolean.TRUE.equals(p.getStatus().getContainerStatuses().get(0).getReady())));
            assertThat(two.events(ns)).as("no pod waited for the claim on another node")
                    .noneMatch(e -> "FailedAttachVolume".equals(e.getReason()));
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** Every claim ReadWriteMany, the database's too, so that no pod waits for a volume on another node. */
    private static void everyVolumeShared(FailDailySpec spec) {
        DatabaseSpec database = spec.getDatabase();
        database.setStorage(volume(VolumeSpec.AccessMode.ReadWriteMany));
        spec.setDatabase(database);
        BackendSpec backend = spec.getBackend();
        backend.setUploads(volume(VolumeSpec.AccessMode.ReadWriteMany));
        spec.setBackend(backend);
        FrontendSpec frontend = spec.getFrontend();
        frontend.setCache(volume(VolumeSpec.AccessMode.ReadWriteMany));
        spec.setFrontend(frontend);
        spec.setLogs(volume(VolumeSpec.AccessMode.ReadWriteMany));
        BackupSpec backup = spec.getBackup();
        backup.setStorage(volume(VolumeSpec.AccessMode.ReadWriteMany));
        spec.setBackup(backup);
    }

    private static VolumeSpec volume(VolumeSpec.AccessMode mode) {
        VolumeSpec volume = new VolumeSpec();
        volume.setAccessModes(List.of(mode));
        return volume;
    }

    /** A FailDaily "app" with every volume shared, Ready, in a namespace of its own. */
    private static String readyInstance(String prefix) {
        String ns = mock.namespace(prefix);
        mock.create(FailDailies.of(ns, "app", RolloutOnNodesTest::everyVolumeShared));
        awaitReady(ns);
        return ns;
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
        Await.until("Ready at the current generation", java.time.Duration.ofSeconds(60), () -> {
            FailDaily fd = mock.get(ns, "app");
            return fd.getStatus() != null && fd.getStatus().getPhase() == Phase.Ready
                    && fd.getMetadata().getGeneration().equals(fd.getStatus().getObservedGeneration());
        });
    }

    /** For a second, while the new pods of one part are not ready: Provisioning, the rollout named. */
    private static void assertRollingOutFor(String ns, String type) {
        Await.until(type + " rolling out", () -> "RollingOut".equals(mock.condition(ns, "app", type).getReason()));
        for (int i = 0; i < 10; i++) {
            assertThat(mock.phase(ns, "app")).as("not Ready while " + type + " rolls out").isEqualTo(Phase.Provisioning);
            assertThat(mock.condition(ns, "app", ConditionTypes.READY).getReason()).isEqualTo("RollingOut");
            Await.sleep(100);
        }
    }

    private static void edit(String ns, Consumer<FailDailySpec> change) {
        k8s.resources(FailDaily.class).inNamespace(ns).withName("app").edit(fd -> {
            change.accept(fd.getSpec());
            return fd;
        });
    }

    private static void setBackendImage(String ns, String image) {
        edit(ns, spec -> {
            BackendSpec backend = spec.getBackend();
            backend.setImage(image);
            spec.setBackend(backend);
        });
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

    private static Pod podOf(String ns, String component, String image) {
        return pods(ns).stream().filter(p -> component.equals(p.getMetadata().getLabels().get("app.kubernetes.io/component"))
                && image.equals(p.getSpec().getContainers().get(0).getImage())).findFirst().orElse(null);
    }

    private static String image(String ns, String component) {
        return k8s.apps().deployments().inNamespace(ns).withName("app-" + component).get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage();
    }

    private static String node(String ns, String component) {
        return pods(ns).stream().filter(p -> component.equals(p.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .findFirst().orElseThrow().getSpec().getNodeName();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
