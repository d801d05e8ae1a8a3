package io.faildaily.backend.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** After each request: one JSON line in the request log and one sample in the http_server_requests timer. */
public final class RequestObserver {
    private final LineLog log;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestObserver(LineLog log, MeterRegistry metrics, ObjectMapper json) {
        this.log = log;
        this.metrics = metrics;
        this.json = json;
    }

    public record Request(String method, String path, String route, int status, double millis, String ip,
                          String userAgent, String userId) {}

    public void record(Request r) {
        // One timer per method, route template and status (a bounded set): looked up here rather than built and
        // registered again on every request, which sorted its tags and hashed its id each time.
        timers.computeIfAbsent(r.method() + ' ' + r.route() + ' ' + r.status(), k -> Timer.builder("http_server_requests")
                        .description("HTTP requests served, by route template")
                        .tag("method", r.method())
                        .tag("route", r.route())
                        .tag("status", Integer.toString(r.status()))
                        .publishPercentileHistogram(false)
                        .register(metrics))
                .record((long) (r.millis() * 1_000_000), TimeUnit.NANOSECONDS);
        ObjectNode line = json.createObjectNode()
                .put("timestamp", Instant.now().toString())
                .put("level", r.status() >= 500 ? "error" : r.status() >= 400 ? "warn" : "info")
                .put("type", "http")
                .put("method", r.method())
                .put("path", r.path())
                .put("route", r.route())
                .put("status", r.status())
                .put("durationMs", Math.round(r.millis() * 100) / 100.0)
                .put("ip", r.ip())
                .put("userAgent", r.userAgent())
                .put("userId", r.userId());
        log.append(line.toString());
    }
}
