package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.ConditionTypes;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.api.DeletionPolicy;
import io.faildaily.operator.api.ExternalDatabaseSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.model.Checksums;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.EveryPlacementField;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.GarbageCollector;
import io.faildaily.operator.testing.Kubelet;
import io.faildaily.operator.testing.MockCluster;
import io.faildaily.operator.testing.OperatorOnMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator, running in this JVM against the mock API server, with a kubelet and a garbage collector
 * standing in for the cluster's controllers. Each test works in a namespace of its own.
 */
class FailDailyReconcilerTest {
    private static OperatorOnMock mock;
    private static MockCluster cluster;
    private static KubernetesClient k8s;
    private static Kubelet kubelet;
    private static GarbageCollector gc;
    private static FailDailyOperator operator;

    @BeforeAll
    static void start() {
        mock = OperatorOnMock.start();
        cluster = mock.cluster();
        k8s = mock.k8s();
        kubelet = mock.kubelet();
        operator = mock.operator();
        gc = new GarbageCollector(k8s);
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void createsTheTopologyInTheSeedsStartOrderAndReportsReady() {
        String ns = namespace("order");
        kubelet.hold("app-database");
        kubelet.hold("app-backend");
        create(FailDailies.of(ns, "app"));

        StatefulSet database = Await.value("the database StatefulSet exists", () -> statefulSet(ns, "app-database"));
        assertThat(database.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).startsWith("mysql:8.0.");
        Await.until("status says Pending, waiting for the database", () -> phase(ns, "app") == Phase.Pending);
        assertThat(deployment(ns, "app-backend")).as("backend before the database is ready").isNull();
        assertThat(condition(ns, "app", ConditionTypes.BACKEND_READY).getReason()).isEqualTo("WaitingForDatabase");

        kubelet.release("app-database");
        Await.value("the backend Deployment exists once the database is ready", () -> deployment(ns, "app-backend"));
        Await.until("status says Provisioning", () -> phase(ns, "app") == Phase.Provisioning);
        assertThat(deployment(ns, "app-frontend")).as("frontend before the backend is ready").isNull();

        kubelet.release("app-backend");
        Await.value("the frontend Deployment exists once the backend is ready", () -> deployment(ns, "app-frontend"));
        Await.until("status says Ready", () -> phase(ns, "app") == Phase.Ready);

        FailDaily fd = get(ns, "app");
        assertThat(fd.getStatus().getReady()).isEqualTo("3/3");
        assertThat(fd.getStatus().getUrl()).isEqualTo("http://app-frontend." + ns + ".svc");
        assertThat(fd.getStatus().getObservedGeneration()).isEqualTo(fd.getMetadata().getGeneration());
        for (String type : List.of(ConditionTypes.DATABASE_READY, ConditionTypes.BACKEND_READY,
                ConditionTypes.FRONTEND_READY, ConditionTypes.READY)) {
            assertThat(condition(ns, "app", type).getStatus()).as(type).isEqualTo("True");
        }
        assertThat(k8s.secrets().inNamespace(ns).withName("app-credentials").get()).isNotNull();
        assertThat(k8s.services().inNamespace(ns).list().getItems()).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("app-database", "app-backend", "app-frontend");
        assertThat(k8s.persistentVolumeClaims().inNamespace(ns).list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("app-uploads", "app-logs", "app-backups");
        assertThat(k8s.network().v1().networkPolicies().inNamespace(ns).list().getItems()).hasSize(4);
        assertThat(events(ns)).extracting(Event::getReason).contains("Ready");
    }

    @Test
    void aReconcileWithNothingToChangeWritesNothing() {
        String ns = namespace("steady");
        create(FailDailies.of(ns, "app"));
        Await.until("Ready", () -> phase(ns, "app") == Phase.Ready);
        assertATouchWritesNothing(ns);
    }

    /**
     * Touches the FailDaily without changing its spec (an annotation triggers a reconciliation): the operator
     * writes nothing and reads nothing past its caches.
     */
    private static void assertATouchWritesNothing(String ns) {
        Await.sleep(1000);
        long before = cluster.dispatcher().writes(ns);
        long getsBefore = cluster.dispatcher().gets();
        double reconciliationsBefore = reconciliations();
        k8s.resources(FailDaily.class).inNamespace(ns).withName("app")
                .edit(fd -> { fd.getMetadata().getAnnotations().put("touched", "yes"); return fd; });
        Await.until("the touch was reconciled", () -> reconciliations() > reconciliationsBefore);
        Await.sleep(1500);
        assertThat(cluster.dispatcher().writes(ns) - before).as("operator writes in steady state: "
                + cluster.dispatcher().lastWrites()).isZero();
        assertThat(cluster.dispatcher().gets() - getsBefore).as("uncached reads in steady state").isZero();
    }

    /** Every placement, pod-shape and Ingress field set, on the mock's server defaults: still no write once steady. */
    @Test
    void aFailDailyWithEveryPlacementFieldWritesNothingOnceSteady() {
        String ns = namespace("placed");
        create(FailDailies.of(ns, "app", EveryPlacementField::customise));
        Await.until("Ready", () -> phase(ns, "app") == Phase.Ready);
        assertThat(deployment(ns, "app-backend").getSpec().getTemplate().getSpec().getTolerations())
                .as("the placement reached the cluster").isNotEmpty();
        assertATouchWritesNothing(ns);
    }

    @Test
    void aSpecChangeUpdatesTheChildrenAndRollsPodsWhenConfigurationChanges() {
        String ns = namespace("update");
        create(FailDailies.of(ns, "app", FailDailyReconcilerTest::sharedVolumes));
        Await.until("Ready", () -> phase(ns, "app") == Phase.Ready);
        String checksumBefore = deployment(ns, "app-frontend").getSpec().getTemplate().getMetadata()
                .getAnnotations().get(Checksums.CONFIG_ANNOTATION);

        k8s.resources(FailDaily.class).inNamespace(ns).withName("app").edit(fd -> {
            fd.getSpec().getBackend().setReplicas(3);
            fd.getSpec().setFrontend(fd.getSpec().getFrontend());
            fd.getSpec().getFrontend().setNginx(fd.getSpec().getFrontend().getNginx());
            fd.getSpec().getFrontend().getNginx().setClientMaxBodySize("20M");
            return fd;
        });

        Await.until("backend scaled to 3", () -> deployment(ns, "app-backend").getSpec().getReplicas() == 3);
        Await.until("nginx.conf updated", () -> configMap(ns, "app-frontend-config").getData().get("nginx.conf")
                .contains("client_max_body_size 20M;"));
        Await.until("frontend pods roll: checksum changed", () -> !checksumBefore.equals(deployment(ns, "app-frontend")
                .getSpec().getTemplate().getMetadata().getAnnotations().get(Checksums.CONFIG_ANNOTATION)));
        Await.until("Ready again", () -> phase(ns, "app") == Phase.Ready);
    }

    @Test
    void deletedOrHandEditedChildrenArePutBack() {
        String ns = namespace("drift");
        create(FailDailies.of(ns, "app"));
        Await.until("Ready", () -> phase(ns, "app") == Phase.Ready);

        k8s.services().inNamespace(ns).withName("app-backend").delete();
        k8s.apps().deployments().inNamespace(ns).withName("app-frontend").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil:latest");
            return d;
        });
        k8s.configMaps().inNamespace(ns).withName("app-database-config").edit(c -> {
            c.getData().put("faildaily.cnf", "[mysqld]\nquery_cache_size = 64M\n");
            return c;
        });

        Await.value("the backend Service is back", () -> service(ns, "app-backend"));
        Await.until("the frontend image is restored", () -> !deployment(ns, "app-frontend").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage().equals("evil:latest"));
        Await.until("my.cnf is restored", () -> configMap(ns, "app-database-config").getData().get("faildaily.cnf")
                .contains("innodb_buffer_pool_size = 256M"));
    }

    @Test
    void anInvalidSpecIsRefusedAndNothingIsTouched() {
        String ns = namespace("invalid");
        create(FailDailies.of(ns, "app", FailDailyReconcilerTest::sharedVolumes));
        Await.until("Ready", () -> phase(ns, "app") == Phase.Ready);
        Deployment backendBefore = deployment(ns, "app-backend");
        long writesBefore = cluster.dispatcher().writes(ns);

        // The mock API server does not apply the CRD schema, so a value it would refuse reaches the operator.
        k8s.resources(FailDaily.class).inNamespace(ns).withName("app").edit(fd -> {
            fd.getSpec().getBackend().setReplicas(-5);
            fd.getSpec().getBackend().setImage("");
            return fd;
        });

        Await.until("phase Invalid", () -> phase(ns, "app") == Phase.Invalid);
        var ready = condition(ns, "app", ConditionTypes.READY);
        assertThat(ready.getReason()).isEqualTo("InvalidSpec");
        assertThat(ready.getMessage()).contains("spec.backend.replicas").contains("spec.backend.image");
        Await.until("a Warning event names the problem", () -> events(ns).stream()
                .anyMatch(e -> "Invalid".equals(e.getReason()) && "Warning".equals(e.getType())
                        && e.getMessage().contains("spec.backend.replicas")));
        Await.sleep(500);
        Deployment backendAfter = deployment(ns, "app-backend");
        assertThat(backendAfter.getSpec()).isEqualTo(backendBefore.getSpec());
        assertThat(backendAfter.getMetadata().getResourceVersion())
                .isEqualTo(backendBefore.getMetadata().getResourceVersion());
        // Only the status patch and the Event: no child object written.
        assertThat(cluster.dispatcher().writes(ns) - writesBefore).as(cluster.dispatcher().lastWrites().toString())
                .isLessThanOrEqualTo(2);

        k8s.resources(FailDaily.class).inNamespace(ns).withName("app").edit(fd -> {
            fd.getSpec().getBackend().setReplicas(2);
            fd.getSpec().getBackend().setImage(null);
            return fd;
        });
        Await.until("valid again, Ready", () -> phase(ns, "app") == Phase.Ready);
        assertThat(deployment(ns, "app-backend").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void retainKeepsVolumesAndCredentialsSoARecreatedFailDailyGetsTheSamePassword() {
        String ns = namespace("retain");
        create(FailDailies.of(ns, "app"));
        Await.until("Ready", () -> phase(ns, "app") == Phase.Ready);
        Map<String, String> credentials = secret(ns, "app-credentials").getData();

        k8s.resources(FailDaily.class).inNamespace(ns).withName("app").delete();
        Await.until("the FailDaily is gone (finalizer done)", () -> get(ns, "app") == null);
        gc.collect();

        assertThat(deployment(ns, "app-backend")).isNull();
        assertThat(statefulSet(ns, "app-database")).isNull();
        assertThat(claims(ns)).containsExactlyInAnyOrder("app-uploads", "app-logs", "app-backups");
        assertThat(secret(ns, "app-credentials")).isNotNull();

        create(FailDailies.of(ns, "app"));
        Await.until("Ready again", () -> phase(ns, "app") == Phase.Ready);
        assertThat(secret(ns, "app-credentials").getData()).isEqualTo(credentials);
    }

    @Test
    void deleteRemovesVolumesAndCredentials() {
        String ns = namespace("delete");
        create(FailDailies.of(ns, "app", spec -> spec.setDeletionPolicy(DeletionPolicy.Delete)));
        Await.until("Ready", () -> phase(ns, "app") == Phase.Ready);
        assertThat(claims(ns)).hasSize(3);

        k8s.resources(FailDaily.class).inNamespace(ns).withName("app").delete();
        Await.until("the FailDaily is gone", () -> get(ns, "app") == null);
        gc.collect();

        assertThat(claims(ns)).isEmpty();
        assertThat(secret(ns, "app-credentials")).isNull();
        assertThat(deployment(ns, "app-frontend")).isNull();
    }

    @Test
    void anExternalDatabaseRunsNoDatabaseAndTheBackendStartsAtOnce() {
        String ns = namespace("external");
        create(FailDailies.of(ns, "app", spec -> {
            ExternalDatabaseSpec external = new ExternalDatabaseSpec();
            external.setHost("mysql.example.internal");
            external.setPasswordSecret("db-password");
            DatabaseSpec database = new DatabaseSpec();
            database.setExternal(external);
            spec.setDatabase(database);
        }));
        Await.until("Ready", () -> phase(ns, "app") == Phase.Ready);
        assertThat(statefulSet(ns, "app-database")).isNull();
        assertThat(service(ns, "app-database")).isNull();
        var env = deployment(ns, "app-backend").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("DB_HOST");
            assertThat(e.getValue()).isEqualTo("mysql.example.internal");
        });
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("DB_PASSWORD");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("db-password");
        });
        assertThat(condition(ns, "app", ConditionTypes.DATABASE_READY).getReason()).isEqualTo("ExternalDatabase");
        assertThat(k8s.network().v1().networkPolicies().inNamespace(ns).list().getItems()).hasSize(3);
    }

    @Test
    void aMissingSecretWithExistingDataIsNotRegeneratedAndSaysHowToRecover() {
        String ns = namespace("guard");
        create(FailDailies.of(ns, "app"));
        Await.until("Ready", () -> phase(ns, "app") == Phase.Ready);
        // What the StatefulSet controller does on a cluster: a claim from the volumeClaimTemplate.
        StatefulSet database = statefulSet(ns, "app-database");
        var template = database.getSpec().getVolumeClaimTemplates().get(0);
        k8s.persistentVolumeClaims().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("mysql-data-app-database-0").withNamespace(ns)
                .withLabels(template.getMetadata().getLabels()).endMetadata()
                .withSpec(template.getSpec()).build()).create();
        Secret lost = secret(ns, "app-credentials");
        String databaseVersion = statefulSet(ns, "app-database").getMetadata().getResourceVersion();

        k8s.secrets().inNamespace(ns).withName("app-credentials").delete();

        Await.until("CredentialsMissing", () -> get(ns, "app").getStatus().condition("CredentialsMissing").isPresent());
        var condition = condition(ns, "app", "CredentialsMissing");
        assertThat(condition.getStatus()).isEqualTo("True");
        assertThat(condition.getMessage()).contains("app-credentials", "mysql-data-app-database-0", "re-create");
        assertThat(phase(ns, "app")).isEqualTo(Phase.Degraded);
        Await.until("a CredentialsMissing warning", () -> events(ns).stream()
                .anyMatch(e -> "CredentialsMissing".equals(e.getReason()) && "Warning".equals(e.getType())));
        Await.sleep(1000);
        assertThat(secret(ns, "app-credentials")).as("no new passwords").isNull();
        assertThat(statefulSet(ns, "app-database").getMetadata().getResourceVersion()).isEqualTo(databaseVersion);

        // Recovery: the old Secret comes back.
        lost.getMetadata().setResourceVersion(null);
        lost.getMetadata().setUid(null);
        k8s.resource(lost).create();
        Await.until("Ready again", () -> phase(ns, "app") == Phase.Ready);
        assertThat(get(ns, "app").getStatus().condition("CredentialsMissing")).isEmpty();
        assertThat(secret(ns, "app-credentials").getData()).isEqualTo(lost.getData());
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** Reconciliations finished so far, from JOSDK's metrics. */
    private static double reconciliations() {
        return mock.reconciliations();
    }

    private static String namespace(String prefix) {
        return mock.namespace(prefix);
    }

    /** Uploads and logs on ReadWriteMany storage, so that the backend may run several pods. */
    private static void sharedVolumes(FailDailySpec spec) {
        for (VolumeSpec volume : List.of(spec.getBackend().getUploads(), spec.getLogs())) {
            volume.setAccessModes(List.of(VolumeSpec.AccessMode.ReadWriteMany));
        }
    }

    private static void create(FailDaily fd) {
        mock.create(fd);
    }

    private static FailDaily get(String ns, String name) {
        return mock.get(ns, name);
    }

    private static Phase phase(String ns, String name) {
        return mock.phase(ns, name);
    }

    private static io.fabric8.kubernetes.api.model.Condition condition(String ns, String name, String type) {
        return mock.condition(ns, name, type);
    }

    private static Deployment deployment(String ns, String name) {
        return k8s.apps().deployments().inNamespace(ns).withName(name).get();
    }

    private static StatefulSet statefulSet(String ns, String name) {
        return k8s.apps().statefulSets().inNamespace(ns).withName(name).get();
    }

    private static Service service(String ns, String name) {
        return k8s.services().inNamespace(ns).withName(name).get();
    }

    private static ConfigMap configMap(String ns, String name) {
        return k8s.configMaps().inNamespace(ns).withName(name).get();
    }

    private static Secret secret(String ns, String name) {
        return k8s.secrets().inNamespace(ns).withName(name).get();
    }

    private static List<String> claims(String ns) {
        return k8s.persistentVolumeClaims().inNamespace(ns).list().getItems().stream()
                .map(PersistentVolumeClaim::getMetadata).map(m -> m.getName()).toList();
    }

    private static List<Event> events(String ns) {
        return mock.events(ns);
    }
}
