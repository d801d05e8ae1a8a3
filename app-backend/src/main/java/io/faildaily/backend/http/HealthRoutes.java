package io.faildaily.backend.http;

import io.faildaily.backend.config.AppConfig;
import io.faildaily.backend.config.BuildInfo;
import io.faildaily.backend.persistence.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;

/**
 * Liveness (`/health`, `/api/health`: 200 while the process serves, with the database state for humans)
 * and readiness (`/api/health/ready`: 503 while the database is unreachable or the server is draining for a
 * stop, so no traffic is routed here).
 */
public final class HealthRoutes {
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);

    private final AppConfig config;
    private final Database database;
    private final InFlightRequests inFlight;

    public HealthRoutes(AppConfig config, Database database, InFlightRequests inFlight) {
        this.config = config;
        this.database = database;
        this.inFlight = inFlight;
    }

    public void register(RoutesConfig routes) {
        routes.get("/health", this::health);
        routes.get("/api/health", this::health);
        routes.get("/api/health/ready", this::ready);
        routes.get("/api/info", ctx -> ctx.json(Reply.success().with("name", "FailDaily API")
                .with("version", BuildInfo.VERSION).with("environment", config.environment())));
        routes.get("/", ctx -> ctx.json(Reply.success().with("message", "FailDaily API Server")
                .with("version", BuildInfo.VERSION).with("status", "Running")));
    }

    private void health(Context ctx) {
        boolean up = database.isReachable(PROBE_TIMEOUT);
        ctx.json(body("OK", up));
    }

    private void ready(Context ctx) {
        boolean up = database.isReachable(PROBE_TIMEOUT);
        if (inFlight.draining()) { // stopping: finish what is in flight, take no new traffic
            ctx.status(503).json(body("DRAINING", up));
            return;
        }
        ctx.status(up ? 200 : 503).json(body(up ? "READY" : "NOT_READY", up));
    }

    private Reply body(String status, boolean databaseUp) {
        return Reply.empty().with("status", status)
                .with("timestamp", Instant.now().toString())
                .with("environment", config.environment())
                .with("version", BuildInfo.VERSION)
                .with("database", databaseUp ? "connected" : "disconnected");
    }
}
