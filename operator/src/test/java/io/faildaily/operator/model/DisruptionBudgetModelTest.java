package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** A budget for each tier that runs more than one pod, none for a single pod (it would block every drain). */
class DisruptionBudgetModelTest {
    @Test
    void noBudgetForSinglePodsTheDatabaseIncluded() {
        assertThat(budgets(FailDailies.of("shop", "fd"))).isEmpty();
        assertThat(budgets(replicas(0, 0))).isEmpty();
    }

    @Test
    void aBudgetForEachTierWithMoreThanOneReplica() {
        assertThat(budgets(replicas(2, 1))).extracting(b -> b.getMetadata().getName()).containsExactly("fd-backend");
        assertThat(budgets(replicas(1, 3))).extracting(b -> b.getMetadata().getName()).containsExactly("fd-frontend");
        assertThat(budgets(replicas(2, 2))).extracting(b -> b.getMetadata().getName())
                .containsExactly("fd-backend", "fd-frontend");
    }

    @Test
    void atMostOnePodOfATierIsEvictedAtATimeWhateverItsReplicas() {
        FailDaily fd = replicas(5, 2);
        for (PodDisruptionBudget budget : budgets(fd)) {
            assertThat(budget.getApiVersion()).isEqualTo("policy/v1");
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            assertThat(budget.getSpec().getMinAvailable()).isNull();
            assertThat(budget.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
            assertThat(budget.getMetadata().getNamespace()).isEqualTo("shop");
            assertThat(budget.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "faildaily-operator");
        }
        assertThat(DisruptionBudgetModel.backend(fd).getSpec().getSelector().getMatchLabels())
                .isEqualTo(BackendModel.deployment(fd).getSpec().getSelector().getMatchLabels());
        assertThat(DisruptionBudgetModel.frontend(fd).getSpec().getSelector().getMatchLabels())
                .isEqualTo(FrontendModel.deployment(fd).getSpec().getSelector().getMatchLabels());
    }

    @Test
    void eachBudgetSelectsThePodsOfItsOwnTierAndInstanceOnly() {
        FailDaily a = replicas(2, 2);
        FailDaily b = FailDailies.of("shop", "other", spec -> {
            spec.getBackend().setReplicas(2);
            spec.getFrontend().setReplicas(2);
        });
        List<Map<String, String>> pods = List.of(podLabels(BackendModel.deployment(a)), podLabels(FrontendModel.deployment(a)),
                podLabels(BackendModel.deployment(b)), podLabels(FrontendModel.deployment(b)),
                DatabaseModel.statefulSet(a).getSpec().getTemplate().getMetadata().getLabels());
        for (PodDisruptionBudget budget : budgets(a)) {
            Map<String, String> selector = budget.getSpec().getSelector().getMatchLabels();
            assertThat(pods.stream().filter(labels -> labels.entrySet().containsAll(selector.entrySet())))
                    .as(budget.getMetadata().getName()).hasSize(1);
        }
    }

    @Test
    void theBudgetFollowsTheSpecNotARestoreHoldingTheBackendAtZero() {
        FailDaily restoring = replicas(2, 1);
        io.faildaily.operator.api.RestoreSpec restore = new io.faildaily.operator.api.RestoreSpec();
        restore.setFrom("faildaily_backup_20261124_030000.sql.gz");
        restoring.getSpec().setRestore(restore);
        assertThat(BackendModel.deployment(restoring).getSpec().getReplicas()).isZero();
        assertThat(budgets(restoring)).extracting(b -> b.getMetadata().getName()).containsExactly("fd-backend");
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    private static List<PodDisruptionBudget> budgets(FailDaily fd) {
        List<HasMetadata> objects = Topology.of(fd, RandomStrings.secure());
        return objects.stream().filter(PodDisruptionBudget.class::isInstance).map(PodDisruptionBudget.class::cast).toList();
    }

    private static FailDaily replicas(int backend, int frontend) {
        return FailDailies.of("shop", "fd", spec -> {
            spec.getBackend().setReplicas(backend);
            spec.getFrontend().setReplicas(frontend);
        });
    }
}
