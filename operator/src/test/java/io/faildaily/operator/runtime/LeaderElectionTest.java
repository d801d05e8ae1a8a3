package io.faildaily.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.Kubelet;
import io.faildaily.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;

/** Two replicas with leader election: one holds the Lease and reconciles; when it stops, the other takes over. */
class LeaderElectionTest {
    @Test
    void oneLeaderReconcilesAndTheOtherTakesOverWhenItStops() {
        try (MockCluster cluster = new MockCluster(); Kubelet kubelet = new Kubelet(cluster.fixtureClient())) {
            cluster.createNamespace("ops");
            cluster.createNamespace("shop");
            OperatorSettings settings = new OperatorSettings(Set.of(), false, "ops", 2);
            FailDailyOperator first = new FailDailyOperator(cluster.client(), settings);
            first.start();
            Lease lease = Await.value("the first replica holds the lease", () ->
                    cluster.fixtureClient().leases().inNamespace("ops").withName(OperatorSettings.LEASE_NAME).get());
            String firstHolder = lease.getSpec().getHolderIdentity();
            try (FailDailyOperator second = new FailDailyOperator(cluster.client(), settings)) {
                Thread starting = new Thread(second::start, "second-replica");
                starting.setDaemon(true);
                starting.start();

                cluster.fixtureClient().resource(FailDailies.toCreate("shop", "one")).create();
                Await.until("Ready under the first leader", () -> phase("one", cluster) == Phase.Ready);

                first.close();
                Await.until("the second replica takes the lease", Duration.ofSeconds(45), () -> {
                    Lease now = cluster.fixtureClient().leases().inNamespace("ops").withName(OperatorSettings.LEASE_NAME).get();
                    return now != null && !firstHolder.equals(now.getSpec().getHolderIdentity());
                });
                cluster.fixtureClient().resource(FailDailies.toCreate("shop", "two")).create();
                Await.until("the new leader reconciles", Duration.ofSeconds(45), () -> phase("two", cluster) == Phase.Ready);
                assertThat(phase("one", cluster)).isEqualTo(Phase.Ready);
            }
        }
    }

    private static Phase phase(String name, MockCluster cluster) {
        FailDaily fd = cluster.fixtureClient().resources(FailDaily.class).inNamespace("shop").withName(name).get();
        return fd == null || fd.getStatus() == null ? null : fd.getStatus().getPhase();
    }
}
