package io.faildaily.backend.http;

import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.service.ActivityLog;
import io.faildaily.backend.service.ActivityLog.Level;
import io.javalin.http.Context;
import java.util.Map;

/**
 * What a route asks to be written to the log store when it succeeds (the original's log actions, specification
 * §13). The route notes it on the request; the request logger writes it once the answer is known, with the caller
 * and the client's address (BackendApp), so no route knows how the log is written.
 */
public record Audit(Level level, String action, String message, Map<String, ?> details, String userId) {
    static final String ATTRIBUTE = "faildaily.audit";

    /** An entry for the authenticated caller (or none). */
    public static void note(Context ctx, Level level, String action, String message, Map<String, ?> details) {
        ctx.attribute(ATTRIBUTE, new Audit(level, action, message, details, null));
    }

    /** An entry for {@code userId}, on routes without a token (register, login). */
    public static void noteFor(Context ctx, String userId, Level level, String action, String message,
                               Map<String, ?> details) {
        ctx.attribute(ATTRIBUTE, new Audit(level, action, message, details, userId));
    }

    /** After the answer: the noted entry, if the request succeeded, queued with its actor. */
    public static void writeTo(ActivityLog log, Context ctx) {
        Audit audit = ctx.attribute(ATTRIBUTE);
        if (audit == null || ctx.statusCode() >= 400) {
            return;
        }
        AuthUser caller = Authenticator.of(ctx);
        String actor = audit.userId() != null ? audit.userId() : caller == null ? null : caller.id();
        log.record(audit.level(), audit.action(), audit.message(), audit.details(), Actors.of(ctx, actor));
    }
}
