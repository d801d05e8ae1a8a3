package io.faildaily.operator.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The operator's HTTP endpoints for the kubelet and Prometheus: /healthz (the process answers),
 * /readyz (every informer synced and healthy) and /metrics (Prometheus text).
 *
 * <p>The port is bound when the server is made, before the operator exists: a port in use is then
 * reported at once, before anything connects to the cluster. Readiness and metrics come with
 * {@link #serve}; until then /readyz answers 503.
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;
    private volatile BooleanSupplier ready = () -> false;
    private volatile Supplier<String> metrics = () -> "";

    /** Binds the port (a {@link java.net.BindException} when it is in use); not started yet. */
    public HealthServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "health-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/healthz", exchange -> answer(exchange, 200, "text/plain", "ok\n"));
        server.createContext("/readyz", exchange -> {
            boolean isReady = this.ready.getAsBoolean();
            answer(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready\n" : "not ready\n");
        });
        server.createContext("/metrics", exchange ->
                answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", this.metrics.get()));
        server.createContext("/", exchange -> answer(exchange, 404, "text/plain", "not found\n"));
    }

    /** What /readyz and /metrics report from now on. */
    public HealthServer serve(BooleanSupplier ready, Supplier<String> metrics) {
        this.ready = ready;
        this.metrics = metrics;
        return this;
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
