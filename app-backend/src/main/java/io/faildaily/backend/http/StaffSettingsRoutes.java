package io.faildaily.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.Role;
import io.faildaily.backend.service.StaffSettings;
import io.javalin.config.RoutesConfig;

/**
 * /api/admin/points|reactions|email|push/config, /api/admin/config (moderators and above, as the original: moderators
 * may change the points) and /api/admin/restore-configs (administrators).
 */
public final class StaffSettingsRoutes {
    private final StaffSettings staffSettings;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public StaffSettingsRoutes(StaffSettings staffSettings, Authenticator authenticator, ObjectMapper json) {
        this.staffSettings = staffSettings;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/admin/points/config", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("config", staffSettings.pointsConfig()));
        });
        routes.put("/api/admin/points/config", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("config", staffSettings.updatePoints(RequestBody.of(ctx, json).asMap(json))));
        });
        routes.get("/api/admin/reactions/config", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("config", staffSettings.reactionsConfig()));
        });
        routes.put("/api/admin/reactions/config", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("config", staffSettings.updateReactions(RequestBody.of(ctx, json).asMap(json))));
        });
        routes.get("/api/admin/config", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("config", staffSettings.all()));
        });
        routes.put("/api/admin/config", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("config", staffSettings.updateAll(RequestBody.of(ctx, json).asMap(json))));
        });
        routes.get("/api/admin/email/config", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("email", staffSettings.section("email")));
        });
        routes.put("/api/admin/email/config", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("email", staffSettings.updateEmail(RequestBody.of(ctx, json).raw("enabled"))));
        });
        routes.get("/api/admin/push/config", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("push", staffSettings.section("push")));
        });
        routes.put("/api/admin/push/config", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            RequestBody body = RequestBody.of(ctx, json);
            ctx.json(Reply.success().with("push", staffSettings.updatePush(body.raw("enabled"), body.raw("provider"))));
        });
        routes.post("/api/admin/restore-configs", ctx -> {
            authenticator.requireRole(ctx, Role.ADMIN);
            ctx.json(Reply.success("Configuration restaurée").with("restoredKeys", staffSettings.restore()));
        });
    }
}
