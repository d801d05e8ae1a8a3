package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.MariaDbExtension;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.TestBackend;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CORS, rate limiting, request logs (stdout + LOG_DIR), Prometheus metrics, security headers. */
@ExtendWith(MariaDbExtension.class)
class CrossCuttingTest {

    @Test
    void corsAllowsConfiguredOriginsOnly(MariaDbServer db) {
        try (TestBackend b = TestBackend.start(db, Map.of("CORS_ORIGIN", "https://fail.example, https://other.example"))) {
            Response pre = b.api.send(b.api.builder("/api/fails", null).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://other.example").header("Access-Control-Request-Method", "POST"));
            assertThat(pre.status()).isEqualTo(204);
            assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo("https://other.example");
            assertThat(pre.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(pre.header("Access-Control-Allow-Methods")).contains("DELETE");
            Response dev = b.api.send(b.api.builder("/api/health", null).header("Origin", "http://localhost:4200"));
            assertThat(dev.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:4200");
            Response evil = b.api.send(b.api.builder("/api/health", null).header("Origin", "https://evil.example"));
            assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
            assertThat(evil.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void rateLimitAnswers429(MariaDbServer db) {
        try (TestBackend b = TestBackend.start(db, Map.of("RATE_LIMIT_MAX_REQUESTS", "5", "RATE_LIMIT_WINDOW", "15"))) {
            for (int i = 0; i < 5; i++) {
                assertThat(b.api.get("/api/registration/check-display-name?displayName=x", null).status()).isEqualTo(200);
            }
            Response limited = b.api.get("/api/registration/check-display-name?displayName=x", null);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.code()).isEqualTo("RATE_LIMIT_EXCEEDED");
            // probes are never limited
            assertThat(b.api.get("/api/health", null).status()).isEqualTo(200);
            // another client (as seen through the proxy) has its own budget
            Response other = b.api.send(b.api.builder("/api/registration/check-display-name?displayName=x", null)
                    .header("X-Forwarded-For", "203.0.113.9"));
            assertThat(other.status()).isEqualTo(200);
        }
    }

    @Test
    void requestLogsAndMetrics(MariaDbServer db) throws Exception {
        try (TestBackend b = TestBackend.start(db)) {
            assertThat(b.api.get("/api/registration/check-display-name?displayName=Metric", null).status()).isEqualTo(200);
            assertThat(b.api.get("/api/does-not-exist", null).status()).isEqualTo(404);
            Response metrics = b.api.get("/metrics", null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/registration/check-display-name\",status=\"200\"}")
                    .contains("hikaricp_connections")
                    .contains("jvm_memory_used_bytes");

            Path log = b.directory().resolve("logs/requests.log");
            long deadline = System.currentTimeMillis() + 5000;
            while ((!Files.exists(log) || Files.readAllLines(log).size() < 2) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            List<String> lines = Files.readAllLines(log);
            ObjectMapper json = new ObjectMapper();
            JsonNode first = json.readTree(lines.get(0));
            assertThat(first.path("type").asText()).isEqualTo("http");
            assertThat(first.path("method").asText()).isEqualTo("GET");
            assertThat(first.path("path").asText()).isEqualTo("/api/registration/check-display-name");
            assertThat(first.path("status").asInt()).isEqualTo(200);
            assertThat(first.has("durationMs")).isTrue();
            assertThat(json.readTree(lines.get(1)).path("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void idleKeepAliveConnectionsAreClosedAfterTheTimeout(MariaDbServer db) throws Exception {
        try (TestBackend b = TestBackend.start(db, Map.of("KEEP_ALIVE_TIMEOUT", "1000"));
             java.net.Socket s = new java.net.Socket("127.0.0.1", b.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            java.io.InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            assertThat(in.read(buf)).isPositive(); // the response; the connection stays open (keep-alive)
            long start = System.nanoTime();
            int n;
            while ((n = in.read(buf)) > 0) {
                // drain whatever is left of the response
            }
            long idleMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(n).isEqualTo(-1); // closed by the server...
            assertThat(idleMs).isBetween(500L, 10_000L); // ...after about KEEP_ALIVE_TIMEOUT (1 s), not the default 65 s
        }
    }

    @Test
    void connectionsBeyondTheLimitWaitForAFreeSlot(MariaDbServer db) throws Exception {
        try (TestBackend b = TestBackend.start(db, Map.of("MAX_CONNECTIONS", "2"));
             java.net.Socket first = new java.net.Socket("127.0.0.1", b.port());
             java.net.Socket second = new java.net.Socket("127.0.0.1", b.port());
             java.net.Socket third = new java.net.Socket("127.0.0.1", b.port())) {
            byte[] request = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes();
            // `first` and `second` hold both slots without sending anything; `third` is not accepted meanwhile
            assertThat(first.isConnected() && second.isConnected()).isTrue();
            third.setSoTimeout(700);
            third.getOutputStream().write(request);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> third.getInputStream().read()))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            second.close(); // a slot frees up: the waiting connection is served
            third.setSoTimeout(5000);
            assertThat(new String(third.getInputStream().readNBytes(12))).isEqualTo("HTTP/1.1 200");
        }
    }
}
