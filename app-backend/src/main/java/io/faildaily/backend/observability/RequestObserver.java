package io.faildaily.backend.observability;

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
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestObserver(LineLog log, MeterRegistry metrics) {
        this.log = log;
        this.metrics = metrics;
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
        JsonLine line = new JsonLine()
                .string("timestamp", Instant.now().toString())
                .string("level", r.status() >= 500 ? "error" : r.status() >= 400 ? "warn" : "info")
                .string("type", "http")
                .string("method", r.method())
                .string("path", r.path())
                .string("route", r.route())
                .number("status", r.status())
                .number("durationMs", Math.round(r.millis() * 100) / 100.0)
                .string("ip", r.ip())
                .string("userAgent", r.userAgent())
                .string("userId", r.userId());
        log.append(line.toString());
    }
}
