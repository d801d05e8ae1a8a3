package io.faildaily.operator.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.runtime.OperatorSettings;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.Kubelet;
import io.faildaily.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;

/**
 * The operator under faults: an API server failing a share of writes (500, 409, 429), an operator
 * stopped in the middle of provisioning and started again, watches dropped. Each time it converges, with
 * every object there once and nothing written once things are steady.
 */
class FaultsTest {
    private static final int INSTANCES = 4;

    @Test
    void convergesOnceFaultsStopWithNoObjectLostOrDoubled() {
        try (MockCluster cluster = new MockCluster(); Kubelet kubelet = new Kubelet(cluster.fixtureClient());
             FailDailyOperator operator = operator(cluster)) {
            KubernetesClient k8s = cluster.fixtureClient();
            cluster.dispatcher().injectFaults(0.35, 500, 409, 429);
            operator.start();
            cluster.createNamespace("faults");
            createInstances(k8s, "faults");
            Await.until("faults were injected", () -> cluster.dispatcher().faults() >= 20);
            Await.sleep(3000);
            cluster.dispatcher().injectFaults(0);

            Await.until("every instance Ready after the faults", Duration.ofSeconds(120),
                    () -> allReady(k8s, "faults"));
            assertChildrenExactlyOnce(k8s, "faults");
            assertNoWritesWhileSteady(cluster, "faults");
        }
    }

    @Test
    void anOperatorStoppedMidwayIsReplacedAndTheNewOneFinishesTheJob() {
        try (MockCluster cluster = new MockCluster(); Kubelet kubelet = new Kubelet(cluster.fixtureClient())) {
            KubernetesClient k8s = cluster.fixtureClient();
            cluster.createNamespace("restart");
            IntStream.range(0, INSTANCES).forEach(i -> kubelet.hold("fd-" + i + "-database"));
            FailDailyOperator first = operator(cluster);
            first.start();
            createInstances(k8s, "restart");
            Await.until("provisioning has begun", () -> k8s.apps().statefulSets().inNamespace("restart").list()
                    .getItems().size() == INSTANCES);
            first.close();

            IntStream.range(0, INSTANCES).forEach(i -> kubelet.release("fd-" + i + "-database"));
            try (FailDailyOperator second = operator(cluster)) {
                second.start();
                Await.until("the new operator brings every instance to Ready", Duration.ofSeconds(60),
                        () -> allReady(k8s, "restart"));
                assertChildrenExactlyOnce(k8s, "restart");
                assertNoWritesWhileSteady(cluster, "restart");
            }
        }
    }

    @Test
    void droppedWatchesAreWatchedAgainAndChangesStillArrive() {
        try (MockCluster cluster = new MockCluster(); Kubelet kubelet = new Kubelet(cluster.fixtureClient());
             FailDailyOperator operator = operator(cluster)) {
            KubernetesClient k8s = cluster.fixtureClient();
            operator.start();
            cluster.createNamespace("watch");
            createInstances(k8s, "watch");
            Await.until("Ready", () -> allReady(k8s, "watch"));

            long watchesBefore = cluster.dispatcher().watches();
            int dropped = cluster.dropWatches();
            assertThat(dropped).as("watches closed").isGreaterThan(10);
            // The mock API server does not replay what happened while a watch was down (a real one does, or
            // answers 410 so the informer lists again): wait until the informers are watching again.
            Await.until("every informer watches again", () -> cluster.dispatcher().watches() >= watchesBefore + dropped);
            k8s.resources(FailDaily.class).inNamespace("watch").withName("fd-0").edit(fd -> {
                // The frontend: its pods share no volume, so any number of replicas is valid on any storage.
                fd.getSpec().getFrontend().setReplicas(3);
                fd.getSpec().setFrontend(fd.getSpec().getFrontend());
                return fd;
            });
            k8s.apps().deployments().inNamespace("watch").withName("fd-1-frontend").delete();

            Await.until("the spec change arrived", Duration.ofSeconds(60), () -> k8s.apps().deployments()
                    .inNamespace("watch").withName("fd-0-frontend").get().getSpec().getReplicas() == 3);
            Await.until("the deleted Deployment is back", Duration.ofSeconds(60), () -> k8s.apps().deployments()
                    .inNamespace("watch").withName("fd-1-frontend").get() != null);
        }
    }

    private static FailDailyOperator operator(MockCluster cluster) {
        return new FailDailyOperator(cluster.client(), new OperatorSettings(Set.of(), false, null, 4));
    }

    private static void createInstances(KubernetesClient k8s, String ns) {
        for (int i = 0; i < INSTANCES; i++) {
            k8s.resource(FailDailies.toCreate(ns, "fd-" + i)).create();
        }
    }

    private static boolean allReady(KubernetesClient k8s, String ns) {
        List<FailDaily> all = k8s.resources(FailDaily.class).inNamespace(ns).list().getItems();
        return all.size() == INSTANCES && all.stream()
                .allMatch(fd -> fd.getStatus() != null && fd.getStatus().getPhase() == Phase.Ready);
    }

    /** Every child of every instance, each exactly once (names are unique, so: nothing missing, nothing extra). */
    private static void assertChildrenExactlyOnce(KubernetesClient k8s, String ns) {
        List<List<? extends HasMetadata>> kinds = List.of(
                k8s.secrets().inNamespace(ns).list().getItems(),
                k8s.configMaps().inNamespace(ns).list().getItems(),
                k8s.services().inNamespace(ns).list().getItems(),
                k8s.persistentVolumeClaims().inNamespace(ns).list().getItems(),
                k8s.apps().statefulSets().inNamespace(ns).list().getItems(),
                k8s.apps().deployments().inNamespace(ns).list().getItems(),
                k8s.network().v1().networkPolicies().inNamespace(ns).list().getItems(),
                k8s.batch().v1().cronjobs().inNamespace(ns).list().getItems());
        List<Integer> perInstance = List.of(1, 4, 3, 3, 1, 2, 4, 2); // CronJobs: the backup and its restore drill
        for (int k = 0; k < kinds.size(); k++) {
            assertThat(kinds.get(k)).extracting(o -> o.getMetadata().getName())
                    .as(kinds.get(k).isEmpty() ? "kind " + k : kinds.get(k).get(0).getKind())
                    .hasSize(perInstance.get(k) * INSTANCES);
        }
    }

    private static void assertNoWritesWhileSteady(MockCluster cluster, String ns) {
        Await.sleep(1500);
        long before = cluster.dispatcher().writes(ns);
        Await.sleep(2000);
        assertThat(cluster.dispatcher().writes(ns) - before).as("writes once steady: " + cluster.dispatcher().lastWrites())
                .isZero();
    }
}
