package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.OperatorOnMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PodDisruptionBudgets follow the replica count on the mock API server: created when a tier runs more than
 * one pod, deleted when it is back to one. The deletion is the point: JOSDK 5.2.3 leaves the object of a
 * dependent whose activation condition turns false in place, so the budgets use reconcile preconditions
 * (dependent/Preconditions.java), and this test fails with an activation condition instead.
 */
class DisruptionBudgetsTest {
    private static OperatorOnMock mock;

    @BeforeAll
    static void start() {
        mock = OperatorOnMock.start();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static VolumeSpec shared() {
        VolumeSpec volume = new VolumeSpec();
        volume.setAccessModes(java.util.List.of(VolumeSpec.AccessMode.ReadWriteMany));
        return volume;
    }

    @Test
    void aBudgetExistsWhileATierRunsMoreThanOnePod() {
        String ns = mock.namespace("pdb");
        mock.create(FailDailies.of(ns, "app", spec -> {
            // Several backend pods share uploads and logs: ReadWriteMany, or the spec is refused.
            spec.getBackend().setUploads(shared());
            spec.setLogs(shared());
            spec.getBackend().setReplicas(2);
            spec.getFrontend().setReplicas(2);
        }));
        Await.until("Ready", () -> mock.phase(ns, "app") == Phase.Ready);
        PodDisruptionBudget backend = budget(ns, "app-backend");
        assertThat(backend).as("the backend's budget").isNotNull();
        assertThat(backend.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(backend.getSpec().getSelector().getMatchLabels())
                .isEqualTo(mock.k8s().apps().deployments().inNamespace(ns).withName("app-backend").get()
                        .getSpec().getSelector().getMatchLabels());
        assertThat(backend.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("FailDaily"));
        assertThat(budget(ns, "app-frontend")).as("the frontend's budget").isNotNull();

        scale(ns, spec -> spec.getBackend().setReplicas(1));
        Await.until("the backend's budget is deleted at one replica", () -> budget(ns, "app-backend") == null);
        assertThat(budget(ns, "app-frontend")).as("the frontend still runs two").isNotNull();

        scale(ns, spec -> spec.getFrontend().setReplicas(1));
        Await.until("the frontend's budget is deleted at one replica", () -> budget(ns, "app-frontend") == null);

        scale(ns, spec -> spec.getBackend().setReplicas(3));
        Await.value("the backend's budget is back at three replicas", () -> budget(ns, "app-backend"));
        Await.until("Ready", () -> mock.phase(ns, "app") == Phase.Ready);
        assertThat(budget(ns, "app-frontend")).isNull();
    }

    @Test
    void aSingleReplicaFailDailyHasNoBudgetAtAll() {
        String ns = mock.namespace("single");
        mock.create(FailDailies.of(ns, "app"));
        Await.until("Ready", () -> mock.phase(ns, "app") == Phase.Ready);
        assertThat(mock.k8s().policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems()).isEmpty();
    }

    /** The user's edit, read again on a 409 (a status write of the operator in between). */
    private static void scale(String ns, java.util.function.Consumer<FailDailySpec> change) {
        mock.editSpec(ns, "app", change);
    }

    private static PodDisruptionBudget budget(String ns, String name) {
        return mock.k8s().policy().v1().podDisruptionBudget().inNamespace(ns).withName(name).get();
    }
}
