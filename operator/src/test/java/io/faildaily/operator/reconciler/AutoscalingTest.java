package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.AutoscalingSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.model.Checksums;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.MockCluster;
import io.faildaily.operator.testing.OperatorOnMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * spec.<part>.autoscaling on the mock API server: a HorizontalPodAutoscaler per part, and no fight with it: the
 * replicas it sets on the Deployment (written here as its controller would) survive the next reconcile, with no
 * write by the operator; removing autoscaling deletes the autoscaler and the spec's replicas apply again.
 */
class AutoscalingTest {
    private static final String APP = "app";
    private static OperatorOnMock mock;
    private static MockCluster cluster;
    private static KubernetesClient k8s;

    @BeforeAll
    static void start() {
        mock = OperatorOnMock.start();
        cluster = mock.cluster();
        k8s = mock.k8s();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void theAutoscalersReplicasSurviveTheNextReconcileAndRemovingItHandsThemBack() {
        String ns = mock.namespace("hpa");
        mock.create(FailDailies.of(ns, APP, spec -> {
            spec.getFrontend().setAutoscaling(autoscaling(2, 5));
            spec.getBackend().setAutoscaling(autoscaling(1, 3));
            spec.getBackend().setUploads(shared());
            spec.setLogs(shared());
        }));
        mock.awaitReady(ns, APP);
        HorizontalPodAutoscaler frontendHpa = Await.value("the frontend's autoscaler", () -> hpa(ns, "app-frontend"));
        assertThat(frontendHpa.getSpec().getScaleTargetRef().getName()).isEqualTo("app-frontend");
        assertThat(frontendHpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(frontendHpa.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(frontendHpa.getSpec().getMetrics()).singleElement()
                .satisfies(m -> assertThat(m.getResource().getTarget().getAverageUtilization()).isEqualTo(80));
        Await.value("the backend's autoscaler", () -> hpa(ns, "app-backend"));
        assertThat(deployment(ns, "app-frontend").getSpec().getReplicas()).as("minReplicas to start with").isEqualTo(2);

        // The autoscaler's controller scales the Deployment.
        k8s.apps().deployments().inNamespace(ns).withName("app-frontend").edit(d -> {
            d.getSpec().setReplicas(4);
            return d;
        });
        Await.sleep(1000);
        long writesBefore = cluster.dispatcher().writes(ns);
        double reconciliationsBefore = reconciliations();
        k8s.resources(FailDaily.class).inNamespace(ns).withName(APP)
                .edit(fd -> { fd.getMetadata().getAnnotations().put("touched", "yes"); return fd; });
        Await.until("the touch was reconciled", () -> reconciliations() > reconciliationsBefore);
        Await.sleep(1500);
        assertThat(deployment(ns, "app-frontend").getSpec().getReplicas()).as("the autoscaler's count stays").isEqualTo(4);
        assertThat(cluster.dispatcher().writes(ns) - writesBefore).as("operator writes: " + cluster.dispatcher().lastWrites())
                .isZero();

        // A spec change that updates the Deployment (a PUT of the whole object on the mock) keeps the count too.
        String checksum = checksum(ns);
        mock.editSpec(ns, APP, spec -> spec.getFrontend().getNginx().setClientMaxBodySize("20M"));
        Await.until("the new configuration written", () -> !checksum.equals(checksum(ns)));
        assertThat(deployment(ns, "app-frontend").getSpec().getReplicas()).isEqualTo(4);

        mock.editSpec(ns, APP, spec -> {
            spec.getFrontend().setAutoscaling(null);
            spec.getFrontend().setReplicas(1);
        });
        Await.until("the frontend's autoscaler deleted", () -> hpa(ns, "app-frontend") == null);
        Await.until("the spec's replicas again", () -> deployment(ns, "app-frontend").getSpec().getReplicas() == 1);
        assertThat(hpa(ns, "app-backend")).as("the backend's stays").isNotNull();
        assertThat(mock.phase(ns, APP)).isNotEqualTo(Phase.Invalid);
    }

    private static String checksum(String ns) {
        return deployment(ns, "app-frontend").getSpec().getTemplate().getMetadata().getAnnotations()
                .get(Checksums.CONFIG_ANNOTATION);
    }

    private static AutoscalingSpec autoscaling(int min, int max) {
        AutoscalingSpec autoscaling = new AutoscalingSpec();
        autoscaling.setMinReplicas(min);
        autoscaling.setMaxReplicas(max);
        return autoscaling;
    }

    private static VolumeSpec shared() {
        VolumeSpec volume = new VolumeSpec();
        volume.setAccessModes(List.of(VolumeSpec.AccessMode.ReadWriteMany));
        return volume;
    }

    private static HorizontalPodAutoscaler hpa(String ns, String name) {
        return k8s.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName(name).get();
    }

    private static Deployment deployment(String ns, String name) {
        return k8s.apps().deployments().inNamespace(ns).withName(name).get();
    }

    private static double reconciliations() {
        return mock.reconciliations();
    }
}
