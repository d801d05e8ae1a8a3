package io.faildaily.backend.http;

import io.javalin.http.Context;
import java.util.Set;

/** CORS as the original (cors package): listed origins only, credentials allowed, the usual methods/headers. */
public final class CrossOrigin {
    private final Set<String> origins;

    public CrossOrigin(Iterable<String> origins) {
        this.origins = Set.copyOf(toList(origins));
    }

    private static java.util.List<String> toList(Iterable<String> it) {
        var l = new java.util.ArrayList<String>();
        it.forEach(l::add);
        return l;
    }

    /** Adds the headers for an allowed origin; other origins get none, and the browser blocks them. */
    public void apply(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (origin != null && origins.contains(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Allow-Credentials", "true");
        }
    }

    /** Answers a preflight request. */
    public void preflight(Context ctx) {
        apply(ctx);
        ctx.header("Access-Control-Allow-Methods", "GET,POST,PUT,DELETE,OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Content-Type,Authorization,Origin,X-Requested-With,Accept");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }
}
