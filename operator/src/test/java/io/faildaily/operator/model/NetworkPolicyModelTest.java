package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** Only the frontend is public; the backend hears only the frontend; the database only backend and backups. */
class NetworkPolicyModelTest {
    private final FailDaily fd = FailDailies.of("shop", "fd");

    @Test
    void defaultDenyCoversEveryPodOfTheInstance() {
        NetworkPolicy deny = NetworkPolicyModel.defaultDeny(fd);
        assertThat(deny.getSpec().getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/instance", "fd").doesNotContainKey("app.kubernetes.io/component");
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    }

    @Test
    void frontendFromAnywhereOn8080() {
        NetworkPolicy policy = NetworkPolicyModel.frontend(fd);
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).isNullOrEmpty();
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(8080);
        });
    }

    @Test
    void backendOnlyFromThisInstancesFrontendOn3000() {
        NetworkPolicy policy = NetworkPolicyModel.backend(fd);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "backend");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/component", "frontend")
                    .containsEntry("app.kubernetes.io/instance", "fd"));
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(3000);
        });
    }

    @Test
    void databaseOnlyFromThisInstancesBackendAndBackupsOn3306() {
        NetworkPolicy policy = NetworkPolicyModel.database(fd);
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).extracting(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
                    .containsExactlyInAnyOrder("backend", "backup");
            assertThat(rule.getFrom()).allSatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/instance", "fd"));
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(3306);
        });
    }
}
