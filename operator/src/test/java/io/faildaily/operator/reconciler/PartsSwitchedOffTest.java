package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.BackupSpec;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.api.ExternalDatabaseSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.FrontendSpec;
import io.faildaily.operator.api.IngressSpec;
import io.faildaily.operator.api.NetworkPoliciesSpec;
import io.faildaily.operator.model.Names;
import io.faildaily.operator.model.Part;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.OperatorOnMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An optional part switched off in the spec is deleted, on the mock API server with the multi-node stand-in
 * (whose StatefulSet controller makes the database's claim): the Ingress, the NetworkPolicies, the default web
 * page's ConfigMap, the backup CronJob, and the whole in-cluster database when the spec moves to an external
 * one. What holds data stays: the claims and the credentials Secret are never deleted by a spec change
 * (deletionPolicy only acts when the FailDaily itself is deleted). JOSDK 5.2.3 leaves the object of a dependent
 * whose activation condition turns false in place, so every case here failed while these parts were
 * activation conditions (dependent/Preconditions.java).
 */
class PartsSwitchedOffTest {
    private static final String APP = "app";
    private static OperatorOnMock mock;
    private static KubernetesClient k8s;

    @BeforeAll
    static void start() {
        mock = OperatorOnMock.onNodes(1);
        k8s = mock.k8s();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void removingTheIngressDeletesIt() {
        String ns = readyWith("ingress", spec -> {
            FrontendSpec frontend = spec.getFrontend();
            IngressSpec ingress = new IngressSpec();
            ingress.setHost("faildaily.example.com");
            frontend.setIngress(ingress);
            spec.setFrontend(frontend);
        });
        assertThat(k8s.network().v1().ingresses().inNamespace(ns).list().getItems()).hasSize(1);

        edit(ns, spec -> {
            FrontendSpec frontend = spec.getFrontend();
            frontend.setIngress(null);
            spec.setFrontend(frontend);
        });
        Await.until("the Ingress deleted", () -> k8s.network().v1().ingresses().inNamespace(ns).list().getItems().isEmpty());
        assertKeptEverythingThatHoldsData(ns);
    }

    @Test
    void switchingNetworkPoliciesOffDeletesAllFour() {
        String ns = readyWith("policies", spec -> { });
        assertThat(k8s.network().v1().networkPolicies().inNamespace(ns).list().getItems()).hasSize(4);

        edit(ns, spec -> {
            NetworkPoliciesSpec policies = new NetworkPoliciesSpec();
            policies.setEnabled(false);
            spec.setNetworkPolicies(policies);
        });
        Await.until("every NetworkPolicy deleted",
                () -> k8s.network().v1().networkPolicies().inNamespace(ns).list().getItems().isEmpty());
        assertKeptEverythingThatHoldsData(ns);
    }

    @Test
    void aFrontendImageOfItsOwnDeletesTheDefaultWebPage() {
        String ns = readyWith("web", spec -> { });
        String web = Names.of(APP, Part.WEB);
        assertThat(k8s.configMaps().inNamespace(ns).withName(web).get()).as("the default page").isNotNull();

        edit(ns, spec -> {
            FrontendSpec frontend = spec.getFrontend();
            frontend.setImage("nginxinc/nginx-unprivileged:1.28.1-alpine");
            spec.setFrontend(frontend);
        });
        Await.until("the default page's ConfigMap deleted", () -> k8s.configMaps().inNamespace(ns).withName(web).get() == null);
        awaitReady(ns);
        assertKeptEverythingThatHoldsData(ns);
    }

    @Test
    void switchingBackupsOffDeletesTheCronJobAndKeepsTheBackups() {
        String ns = readyWith("backup", spec -> { });
        assertThat(k8s.batch().v1().cronjobs().inNamespace(ns).list().getItems()).as("the backup and the drill")
                .extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("app-backup", "app-verify");

        edit(ns, spec -> {
            BackupSpec backup = spec.getBackup();
            backup.setEnabled(false);
            spec.setBackup(backup);
        });
        Await.until("both CronJobs deleted", () -> k8s.batch().v1().cronjobs().inNamespace(ns).list().getItems().isEmpty());
        assertThat(k8s.configMaps().inNamespace(ns).withName(Names.of(APP, Part.BACKUP_SCRIPTS)).get())
                .as("the scripts stay: an on-demand backup or a restore still uses them").isNotNull();
        assertKeptEverythingThatHoldsData(ns);
    }

    @Test
    void anExternalDatabaseDeletesTheInClusterOneButNotItsData() {
        String ns = readyWith("external", spec -> { });
        List<Supplier<HasMetadata>> database = List.of(
                () -> k8s.apps().statefulSets().inNamespace(ns).withName(Names.of(APP, Part.DATABASE)).get(),
                () -> k8s.services().inNamespace(ns).withName(Names.of(APP, Part.DATABASE)).get(),
                () -> k8s.configMaps().inNamespace(ns).withName(Names.of(APP, Part.DATABASE_CONFIG)).get(),
                () -> k8s.network().v1().networkPolicies().inNamespace(ns).withName(Names.of(APP, Part.DATABASE)).get(),
                () -> k8s.configMaps().inNamespace(ns).withName(Names.of(APP, Part.BACKUP_SCRIPTS)).get(),
                () -> k8s.batch().v1().cronjobs().inNamespace(ns).withName(Names.of(APP, Part.BACKUP)).get());
        assertThat(database).allSatisfy(object -> assertThat(object.get()).isNotNull());
        assertThat(dataClaim(ns)).as("made by the StatefulSet controller").isNotNull();

        edit(ns, spec -> {
            DatabaseSpec db = spec.getDatabase();
            ExternalDatabaseSpec external = new ExternalDatabaseSpec();
            external.setHost("mysql.databases.svc.cluster.local");
            external.setPasswordSecret("faildaily-db-password");
            db.setExternal(external);
            spec.setDatabase(db);
        });
        for (Supplier<HasMetadata> object : database) {
            Await.until("the in-cluster database's objects deleted", () -> object.get() == null);
        }
        awaitReady(ns);
        assertThat(dataClaim(ns)).as("the database's data: moving to an external database deletes no data").isNotNull();
        assertKeptEverythingThatHoldsData(ns);
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static String readyWith(String prefix, Consumer<FailDailySpec> spec) {
        String ns = mock.namespace(prefix);
        mock.create(FailDailies.of(ns, APP, spec));
        awaitReady(ns);
        return ns;
    }

    /** The claims of uploads, logs and backups, and the credentials Secret, are still there. */
    private static void assertKeptEverythingThatHoldsData(String ns) {
        assertThat(k8s.persistentVolumeClaims().inNamespace(ns).list().getItems()).extracting(c -> c.getMetadata().getName())
                .contains(Names.of(APP, Part.UPLOADS), Names.of(APP, Part.LOGS), Names.of(APP, Part.BACKUPS));
        assertThat(k8s.secrets().inNamespace(ns).withName(Names.of(APP, Part.CREDENTIALS)).get()).isNotNull();
    }

    private static HasMetadata dataClaim(String ns) {
        return k8s.persistentVolumeClaims().inNamespace(ns).withName(Names.databaseClaim(mock.get(ns, APP))).get();
    }

    private static void awaitReady(String ns) {
        mock.awaitReady(ns, APP);
    }

    private static void edit(String ns, Consumer<FailDailySpec> change) {
        mock.editSpec(ns, APP, change);
    }
}
