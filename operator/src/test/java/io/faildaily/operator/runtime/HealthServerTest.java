package io.faildaily.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.Kubelet;
import io.faildaily.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;

/** The operator's HTTP endpoints, as the kubelet and Prometheus see them. */
class HealthServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthReadinessAndMetrics() throws Exception {
        try (MockCluster cluster = new MockCluster(); Kubelet kubelet = new Kubelet(cluster.fixtureClient());
             FailDailyOperator operator = new FailDailyOperator(cluster.client(), new OperatorSettings(Set.of(), false, null, 2));
             HealthServer health = operator.healthServer(0)) {
            health.start();
            String base = "http://127.0.0.1:" + health.port();
            assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(base + "/readyz").statusCode()).as("not started: not ready").isEqualTo(503);

            operator.start();
            Await.until("ready once the informers are synced", () -> get(base + "/readyz").statusCode() == 200);
            cluster.createNamespace("shop");
            cluster.fixtureClient().resource(FailDailies.toCreate("shop", "one")).create();
            cluster.fixtureClient().resource(FailDailies.toCreate("shop", "two")).create();
            Await.until("both Ready in the metrics", () -> body(base + "/metrics")
                    .contains("faildaily_instances{phase=\"Ready\"} 2.0"));

            String metrics = body(base + "/metrics");
            assertThat(metrics).contains("faildaily_instances{phase=\"Invalid\"} 0.0");
            assertThat(metrics).contains("faildaily_reconcile_duration_seconds_count");
            assertThat(metrics).as("JOSDK's own metrics").contains("operator_sdk_reconciliations_success");
            assertThat(get(base + "/metrics").headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(get(base + "/nothing-here").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String body(String url) {
        return get(url).body();
    }
}
