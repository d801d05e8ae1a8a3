package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.faildaily.operator.api.BackendSpec;
import io.faildaily.operator.api.ConditionTypes;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.runtime.OperatorSettings;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.Kubelet;
import io.faildaily.operator.testing.MockApiDispatcher;
import io.faildaily.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;

/**
 * A claim whose StorageClass cannot expand volumes: kube-apiserver refuses the resize with 403 and a
 * message saying so (the mock would accept it: this test's dispatcher answers as the server does, for the
 * claim only). The person sees that message in the status, and the operator retries with backoff instead
 * of asking every second.
 */
class VolumeResizeRefusedTest {
    static final String REFUSAL = "persistentvolumeclaims \\\"app-uploads\\\" is forbidden: only dynamically "
            + "provisioned pvc can be resized and the storageclass that provisions the pvc must support resize";

    @Test
    void aClaimThatCannotGrowIsReportedWithTheServersMessageAndRetriedWithBackoff() {
        ResizeRefusingDispatcher dispatcher = new ResizeRefusingDispatcher();
        try (MockCluster cluster = new MockCluster(dispatcher);
             Kubelet kubelet = new Kubelet(cluster.fixtureClient());
             FailDailyOperator operator = new FailDailyOperator(cluster.client(), new OperatorSettings(Set.of(), false, null, 2))) {
            operator.start();
            cluster.createNamespace("resize");
            cluster.fixtureClient().resource(FailDailies.toCreate("resize", "app")).create();
            Await.until("Ready", () -> phase(cluster) == Phase.Ready);

            cluster.fixtureClient().resources(FailDaily.class).inNamespace("resize").withName("app").edit(fd -> {
                BackendSpec backend = new BackendSpec();
                backend.setUploads(new VolumeSpec("8Gi"));
                fd.getSpec().setBackend(backend);
                return fd;
            });
            Await.until("the refusal in the status", () -> ready(cluster).getMessage().contains(
                    "only dynamically provisioned pvc can be resized"));
            assertThat(ready(cluster).getStatus()).isEqualTo("False");
            assertThat(ready(cluster).getMessage()).contains("403");

            int before = dispatcher.attempts.get();
            Await.sleep(8_000);
            int during = dispatcher.attempts.get() - before;
            // Backoff from 1 s doubling: about 3 attempts in 8 s; once a second would be 8.
            assertThat(during).as("resize attempts in 8 s").isBetween(1, 5);
        }
    }

    private static Phase phase(MockCluster cluster) {
        FailDaily fd = cluster.fixtureClient().resources(FailDaily.class).inNamespace("resize").withName("app").get();
        return fd == null || fd.getStatus() == null ? null : fd.getStatus().getPhase();
    }

    private static Condition ready(MockCluster cluster) {
        return cluster.fixtureClient().resources(FailDaily.class).inNamespace("resize").withName("app").get()
                .getStatus().condition(ConditionTypes.READY).orElseThrow();
    }

    /** Refuses the operator's writes of the uploads claim once it exists, as a server does a resize. */
    static final class ResizeRefusingDispatcher extends MockApiDispatcher {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            boolean operator = request.getHeader(FIXTURE_HEADER) == null;
            if (operator && Set.of("PUT", "PATCH").contains(request.getMethod())
                    && request.getPath().startsWith("/api/v1/namespaces/resize/persistentvolumeclaims/app-uploads")) {
                attempts.incrementAndGet();
                return new MockResponse().setResponseCode(403).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                        + "\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,\"message\":\"" + REFUSAL
                        + "\",\"details\":{\"name\":\"app-uploads\",\"kind\":\"persistentvolumeclaims\"}}");
            }
            return super.dispatch(request);
        }
    }
}
