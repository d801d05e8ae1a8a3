package io.faildaily.backend.http;

import io.faildaily.backend.service.ApiException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The original's express-rate-limit: at most RATE_LIMIT_MAX_REQUESTS per client per RATE_LIMIT_WINDOW
 * (fixed window), then 429 RATE_LIMIT_EXCEEDED. 0 switches it off.
 * The client is the last X-Forwarded-For hop when present (the address our own proxy saw), else the peer.
 */
public final class RateLimiter {
    private final int max;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int max, Duration window, Clock clock) {
        this.max = max;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    private static final class Window {
        final long start;
        final AtomicInteger used = new AtomicInteger();

        Window(long start) {
            this.start = start;
        }
    }

    public void check(Context ctx) {
        if (max <= 0) {
            return;
        }
        long now = clock.millis();
        Window w = windows.compute(client(ctx), (k, old) -> old == null || now - old.start >= windowMillis
                ? new Window(now) : old);
        int used = w.used.incrementAndGet();
        ctx.header("X-RateLimit-Limit", Integer.toString(max));
        ctx.header("X-RateLimit-Remaining", Integer.toString(Math.max(0, max - used)));
        if (used > max) {
            ctx.header("Retry-After", Long.toString(Math.max(1, (w.start + windowMillis - now) / 1000)));
            throw new ApiException(429, "RATE_LIMIT_EXCEEDED", "Trop de requêtes, veuillez réessayer plus tard");
        }
        if (windows.size() > 50_000) {
            windows.values().removeIf(x -> now - x.start >= windowMillis); // forget idle clients
        }
    }

    static String client(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].trim();
        }
        return ctx.ip();
    }
}
