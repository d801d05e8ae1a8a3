package io.faildaily.backend.http;

import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.service.ActivityLog.Actor;
import io.javalin.http.Context;

/** The actor of a log entry: the caller (if any), the client's address as the rate limiter sees it, its agent. */
final class Actors {
    private Actors() {}

    static Actor of(Context ctx, AuthUser user) {
        return of(ctx, user == null ? null : user.id());
    }

    static Actor of(Context ctx, String userId) {
        return new Actor(userId, RateLimiter.client(ctx), ctx.header("User-Agent"));
    }
}
