package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Backend and frontend pods prefer different nodes, from the first replica on. */
class NodeSpreadTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"backend", "frontend"})
    void replicasSpreadOverNodesWhereTheyCan(String tier) {
        Deployment deployment = workload(tier).apply(FailDailies.of("shop", "fd"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).singleElement()
                .satisfies(spread -> {
                    assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(spread.getWhenUnsatisfiable()).as("a preference, never a requirement")
                            .isEqualTo("ScheduleAnyway");
                    assertThat(spread.getMaxSkew()).isEqualTo(1);
                    assertThat(spread.getLabelSelector().getMatchLabels())
                            .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"backend", "frontend"})
    void scalingUpDoesNotChangeThePodTemplate(String tier) {
        FailDaily three = FailDailies.of("shop", "fd", spec -> {
            spec.getBackend().setReplicas(3);
            spec.getFrontend().setReplicas(3);
        });
        Deployment one = workload(tier).apply(FailDailies.of("shop", "fd"));
        assertThat(workload(tier).apply(three).getSpec().getTemplate()).isEqualTo(one.getSpec().getTemplate());
    }

    private static Function<FailDaily, Deployment> workload(String tier) {
        return "backend".equals(tier) ? BackendModel::deployment : FrontendModel::deployment;
    }
}
