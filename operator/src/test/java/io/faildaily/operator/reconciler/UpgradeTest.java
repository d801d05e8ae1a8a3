package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.BackendSpec;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.GarbageCollector;
import io.faildaily.operator.testing.OperatorOnMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Image upgrades roll the workloads; volumes grow in place; a MySQL downgrade and a shrink are refused. */
class UpgradeTest {
    private static OperatorOnMock mock;
    private static KubernetesClient k8s;

    @BeforeAll
    static void start() {
        mock = OperatorOnMock.start();
        k8s = mock.k8s();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void newImagesRollTheWorkloads() {
        String ns = ready("images", spec -> { });
        edit(ns, spec -> {
            BackendSpec backend = new BackendSpec();
            backend.setImage("ghcr.io/faildaily/faildaily-backend:0.2.0");
            spec.setBackend(backend);
            spec.getFrontend().setImage("registry.example/faildaily-web:2.0");
            spec.setFrontend(spec.getFrontend());
            DatabaseSpec database = new DatabaseSpec();
            database.setImage("mysql:8.0.44");
            spec.setDatabase(database);
        });
        Await.until("backend image rolled", () -> image(ns, "app-backend").equals("ghcr.io/faildaily/faildaily-backend:0.2.0"));
        Await.until("frontend image rolled", () -> image(ns, "app-frontend").equals("registry.example/faildaily-web:2.0"));
        Await.until("database image rolled", () -> statefulSet(ns).getSpec().getTemplate().getSpec().getContainers()
                .get(0).getImage().equals("mysql:8.0.44"));
        assertThat(statefulSet(ns).getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        Await.until("Ready", () -> phase(ns) == Phase.Ready);
    }

    @Test
    void aMysqlSeriesDowngradeIsRefusedAndTheDatabaseLeftAlone() {
        String ns = ready("downgrade", spec -> spec.setDatabase(database("mysql:8.4.3")));
        String version = statefulSet(ns).getMetadata().getResourceVersion();
        edit(ns, spec -> spec.setDatabase(database("mysql:8.0.43")));
        Await.until("Invalid", () -> phase(ns) == Phase.Invalid);
        assertThat(readyMessage(ns)).contains("spec.database.image", "downgraded from 8.4.3 to 8.0.43");
        assertThat(statefulSet(ns).getMetadata().getResourceVersion()).isEqualTo(version);
        edit(ns, spec -> spec.setDatabase(database("mysql:8.4.4")));
        Await.until("a patch upgrade is fine", () -> phase(ns) == Phase.Ready
                && statefulSet(ns).getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals("mysql:8.4.4"));
    }

    @Test
    void volumesGrowInPlaceAndNeverShrink() {
        String ns = ready("volumes", spec -> { });
        // The claim the StatefulSet controller would have made from the template.
        StatefulSet database = statefulSet(ns);
        var template = database.getSpec().getVolumeClaimTemplates().get(0);
        k8s.persistentVolumeClaims().inNamespace(ns).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("mysql-data-app-database-0").withNamespace(ns)
                .withLabels(template.getMetadata().getLabels()).endMetadata()
                .withSpec(template.getSpec()).build()).create();
        String uploadsUid = claim(ns, "app-uploads").getMetadata().getUid();
        bind(ns, "app-uploads");

        edit(ns, spec -> {
            BackendSpec backend = new BackendSpec();
            backend.setUploads(new VolumeSpec("8Gi"));
            spec.setBackend(backend);
            DatabaseSpec db = new DatabaseSpec();
            db.setStorage(new VolumeSpec("20Gi"));
            spec.setDatabase(db);
        });
        Await.until("uploads grew", () -> size(ns, "app-uploads").equals(new Quantity("8Gi")));
        Await.until("the database claim grew", () -> size(ns, "mysql-data-app-database-0").equals(new Quantity("20Gi")));
        assertThat(claim(ns, "app-uploads").getMetadata().getUid()).as("the same claim, not a new one").isEqualTo(uploadsUid);
        assertThat(claim(ns, "app-uploads").getSpec().getVolumeName())
                .as("what binding set is kept: a real server refuses an update that drops it").isEqualTo("pv-app-uploads");
        assertThat(claim(ns, "app-uploads").getSpec().getStorageClassName()).isEqualTo("standard");
        assertThat(statefulSet(ns).getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests()
                .get("storage")).as("the StatefulSet's template is immutable: left as it was").isEqualTo(new Quantity("10Gi"));

        edit(ns, spec -> {
            BackendSpec backend = new BackendSpec();
            backend.setUploads(new VolumeSpec("1Gi"));
            spec.setBackend(backend);
            DatabaseSpec db = new DatabaseSpec();
            db.setStorage(new VolumeSpec("20Gi"));
            spec.setDatabase(db);
        });
        Await.until("Invalid", () -> phase(ns) == Phase.Invalid);
        assertThat(readyMessage(ns)).contains("spec.backend.uploads.size", "volumes only grow", "8Gi", "1Gi");
        assertThat(size(ns, "app-uploads")).isEqualTo(new Quantity("8Gi"));
    }

    @Test
    void aClaimsAccessModesAndStorageClassAreNeverAskedToChange() {
        String ns = ready("claims", spec -> { });
        bind(ns, "app-uploads");
        edit(ns, spec -> {
            BackendSpec backend = new BackendSpec();
            VolumeSpec uploads = new VolumeSpec();
            uploads.setAccessModes(java.util.List.of(VolumeSpec.AccessMode.ReadWriteMany));
            uploads.setStorageClassName("fast");
            backend.setUploads(uploads);
            spec.setBackend(backend);
        });
        Await.until("Invalid", () -> phase(ns) == Phase.Invalid);
        assertThat(readyMessage(ns)).contains("spec.backend.uploads.accessModes", "[ReadWriteOnce]", "[ReadWriteMany]",
                "spec.backend.uploads.storageClassName", "standard", "fast");
        PersistentVolumeClaim uploads = claim(ns, "app-uploads");
        assertThat(uploads.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(uploads.getSpec().getStorageClassName()).isEqualTo("standard");
    }

    @Test
    void aDatabaseMadeBeforeTheDataSubdirectoryKeepsItsDataWhereItIs() {
        // New: MySQL's data directory is the volume's subdirectory, away from lost+found.
        String fresh = ready("layout-new", spec -> { });
        assertThat(dataMount(statefulSet(fresh)).getSubPath()).isEqualTo("mysql-data");

        // Running: a StatefulSet of an earlier release mounts the volume root, and is left so by later changes.
        String running = ready("layout-running", spec -> { });
        k8s.apps().statefulSets().inNamespace(running).withName("app-database").edit(s -> {
            dataMount(s).setSubPath(null);
            return s;
        });
        var before = statefulSet(running).getSpec();
        edit(running, spec -> spec.getBackend().setImage("ghcr.io/faildaily/faildaily-backend:0.2.0"));
        Await.until("the backend rolled", () -> image(running, "app-backend").equals("ghcr.io/faildaily/faildaily-backend:0.2.0"));
        assertThat(dataMount(statefulSet(running)).getSubPath()).as("the data directory is not moved").isNull();
        assertThat(statefulSet(running).getSpec()).isEqualTo(before);

        // Left behind: a FailDaily of an earlier release deleted with Retain, its data claim (no annotation) kept.
        String retained = ready("layout-retained", spec -> { });
        k8s.resources(FailDaily.class).inNamespace(retained).withName("app").delete();
        Await.until("the FailDaily is gone", () -> mock.get(retained, "app") == null);
        new GarbageCollector(k8s).collect();
        Await.until("its StatefulSet is gone", () -> statefulSet(retained) == null);
        k8s.persistentVolumeClaims().inNamespace(retained)
                .resource(DatabaseModel.dataClaim(FailDailies.of(retained, "app"))).create();
        mock.create(FailDailies.of(retained, "app"));
        Await.until("Ready", () -> phase(retained) == Phase.Ready);
        assertThat(dataMount(statefulSet(retained)).getSubPath()).as("its data is at the volume root").isNull();
    }

    private static VolumeMount dataMount(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/var/lib/mysql")).findFirst().orElseThrow();
    }

    /** What the claim's binding leaves on it on a real cluster: a volume and the default class. */
    private static void bind(String ns, String claim) {
        k8s.persistentVolumeClaims().inNamespace(ns).withName(claim).edit(pvc -> {
            pvc.getSpec().setVolumeName("pv-" + claim);
            pvc.getSpec().setStorageClassName("standard");
            return pvc;
        });
    }

    private static DatabaseSpec database(String image) {
        DatabaseSpec database = new DatabaseSpec();
        database.setImage(image);
        return database;
    }

    private static String ready(String prefix, Consumer<FailDailySpec> customise) {
        String ns = mock.namespace(prefix);
        mock.create(FailDailies.of(ns, "app", customise));
        Await.until("Ready", () -> phase(ns) == Phase.Ready);
        return ns;
    }

    private static void edit(String ns, Consumer<FailDailySpec> change) {
        mock.editSpec(ns, "app", change);
    }

    private static Phase phase(String ns) {
        return mock.phase(ns, "app");
    }

    private static String readyMessage(String ns) {
        return mock.condition(ns, "app", "Ready").getMessage();
    }

    private static String image(String ns, String deployment) {
        return k8s.apps().deployments().inNamespace(ns).withName(deployment).get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
    }

    private static StatefulSet statefulSet(String ns) {
        return k8s.apps().statefulSets().inNamespace(ns).withName("app-database").get();
    }

    private static PersistentVolumeClaim claim(String ns, String name) {
        return k8s.persistentVolumeClaims().inNamespace(ns).withName(name).get();
    }

    private static Quantity size(String ns, String name) {
        return claim(ns, name).getSpec().getResources().getRequests().get("storage");
    }
}
