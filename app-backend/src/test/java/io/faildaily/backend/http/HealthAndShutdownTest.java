package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.TestBackend;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Health and readiness, including the database going away and coming back, and the graceful stop that lets
 * an in-flight request finish. Uses a MariaDB of its own, since it stops it.
 */
class HealthAndShutdownTest {

    @Test
    void readinessFollowsTheDatabase() {
        try (MariaDbServer db = MariaDbServer.start(); TestBackend backend = TestBackend.start(db)) {
            Response health = backend.api.get("/api/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("OK");
            assertThat(health.json().path("environment").asText()).isEqualTo("test");
            // The release's version, as Maven builds it (surefire passes it on), not a string in the code.
            String release = System.getProperty("faildaily.projectVersion");
            assertThat(release).as("faildaily.projectVersion, set by the build").isNotBlank().doesNotContain("${");
            assertThat(health.json().path("version").asText()).isEqualTo(release);
            assertThat(backend.api.get("/api/info", null).json().path("version").asText()).isEqualTo(release);
            assertThat(backend.api.get("/", null).json().path("version").asText()).isEqualTo(release);
            assertThat(health.json().path("timestamp").asText()).isNotBlank();
            assertThat(health.json().path("database").asText()).isEqualTo("connected");
            assertThat(backend.api.get("/health", null).status()).isEqualTo(200);
            assertThat(backend.api.get("/api/health/ready", null).status()).isEqualTo(200);

            db.stop();
            Response down = backend.api.get("/api/health/ready", null);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().path("database").asText()).isEqualTo("disconnected");
            // liveness stays up: restarting the backend would not bring the database back
            Response alive = backend.api.get("/api/health", null);
            assertThat(alive.status()).isEqualTo(200);
            assertThat(alive.json().path("database").asText()).isEqualTo("disconnected");
            // an API call while the database is down is a clean JSON 5xx, not a hang or a stack trace
            Response login = backend.api.post("/api/auth/login", null,
                    java.util.Map.of("email", "a@b.c", "password", "secret123"));
            assertThat(login.status()).isEqualTo(500);
            assertThat(login.code()).isEqualTo("INTERNAL_ERROR");
            assertThat(login.body()).doesNotContain("Exception");

            db.restart();
            long deadline = System.currentTimeMillis() + 15_000;
            int status = 0;
            while (System.currentTimeMillis() < deadline && (status = backend.api.get("/api/health/ready", null).status()) != 200) {
                sleep(200);
            }
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void stopWaitsForTheRequestInFlight() throws Exception {
        try (MariaDbServer db = MariaDbServer.start()) {
            TestBackend backend = TestBackend.start(db);
            // A client event whose body arrives slowly: the request is in flight for ~1 s.
            InputStream slowBody = new InputStream() {
                private final byte[] data = "{\"message\":\"slow\"}".getBytes();
                private int i;

                @Override
                public int read() {
                    if (i >= data.length) {
                        return -1;
                    }
                    sleep(60);
                    return data[i++];
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    // one byte per call, so the client really trickles the body over ~1 s
                    int c = read();
                    if (c < 0) {
                        return -1;
                    }
                    b[off] = (byte) c;
                    return 1;
                }
            };
            HttpRequest request = backend.api.builder("/api/logs/comprehensive", null)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slowBody)).build();
            CompletableFuture<HttpResponse<String>> inFlight = java.net.http.HttpClient.newHttpClient()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofString());
            long deadline = System.currentTimeMillis() + 5_000;
            while (backend.app().inFlightRequests() == 0 && System.currentTimeMillis() < deadline) {
                sleep(10);
            }
            assertThat(backend.app().inFlightRequests()).isEqualTo(1);
            long start = System.nanoTime();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(backend::close); // what SIGTERM runs
            // while it drains, readiness says so (new connections are still served)
            Response ready = backend.api.get("/api/health/ready", null);
            for (int i = 0; i < 20 && ready.status() == 200; i++) { // close() may not have begun yet
                sleep(50);
                ready = backend.api.get("/api/health/ready", null);
            }
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("status").asText()).isEqualTo("DRAINING");
            stopping.get(30, TimeUnit.SECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body() + " after " + tookMs + " ms").isEqualTo(200);
            assertThat(response.body()).contains("\"success\":true");
            assertThat(tookMs).isGreaterThan(200); // it did wait for the slow request
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
