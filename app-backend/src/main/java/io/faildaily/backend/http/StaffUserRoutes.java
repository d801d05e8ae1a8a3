package io.faildaily.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.auth.Role;
import io.faildaily.backend.service.UserAdminService;
import io.faildaily.backend.service.UserAdminService.ConsentDecision;
import io.faildaily.backend.service.UserAdminService.UserFilter;
import io.faildaily.backend.service.UserAdminService.UserPage;
import io.faildaily.backend.service.ActivityLog.Level;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The staff's user routes: dashboard, user list, points (moderators and above, as the original); parental consent,
 * roles and suspension (administrators). Roles and suspension are what the original's admin page called
 * ({@code PUT /api/admin/users/:id/role}, {@code .../ban}) and the original never served.
 */
public final class StaffUserRoutes {
    private final UserAdminService admin;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public StaffUserRoutes(UserAdminService admin, Authenticator authenticator, ObjectMapper json) {
        this.admin = admin;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/admin/dashboard/stats", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("stats", admin.dashboard()));
        });
        routes.get("/api/admin/users", this::users);
        routes.get("/api/admin/users/with-roles", this::users);
        routes.get("/api/admin/users/{userId}/points", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            ctx.json(Reply.success().with("points", admin.pointsOf(ctx.pathParam("userId"))));
        });
        routes.post("/api/admin/users/{userId}/points", ctx -> {
            authenticator.requireRole(ctx, Role.MODERATOR);
            RequestBody body = RequestBody.of(ctx, json);
            admin.adjustPoints(ctx.pathParam("userId"), body.raw("delta"), body.string("reason"));
            ctx.json(Reply.success("Points mis à jour"));
        });
        for (ConsentDecision d : ConsentDecision.values()) {
            routes.put("/api/admin/users/{id}/parental-" + d.name().toLowerCase(), ctx -> {
                authenticator.requireRole(ctx, Role.ADMIN);
                boolean changed = admin.decideConsent(ctx.pathParam("id"), d);
                if (changed) {
                    Audit.note(ctx, d == ConsentDecision.APPROVE ? Level.INFO : Level.WARNING,
                            "parental_" + d.name().toLowerCase(), "Consentement parental",
                            Map.of("targetUserId", ctx.pathParam("id")));
                }
                ctx.json(Reply.success("Consentement parental mis à jour").with("userId", ctx.pathParam("id")));
            });
        }
        routes.put("/api/admin/users/{id}/role", ctx -> {
            AuthUser caller = authenticator.requireRole(ctx, Role.ADMIN);
            String role = admin.setRole(caller, ctx.pathParam("id"), RequestBody.of(ctx, json).string("role"));
            ctx.json(Reply.success("Rôle mis à jour").with("userId", ctx.pathParam("id")).with("role", role));
        });
        routes.put("/api/admin/users/{id}/status", ctx -> {
            AuthUser caller = authenticator.requireRole(ctx, Role.ADMIN);
            String status = admin.setAccountStatus(caller, ctx.pathParam("id"), RequestBody.of(ctx, json).string("status"));
            ctx.json(Reply.success("Statut du compte mis à jour").with("userId", ctx.pathParam("id"))
                    .with("status", status));
        });
        routes.put("/api/admin/users/{id}/ban", ctx -> {
            AuthUser caller = authenticator.requireRole(ctx, Role.ADMIN);
            String status = admin.setAccountStatus(caller, ctx.pathParam("id"), "suspended");
            ctx.json(Reply.success("Compte suspendu").with("userId", ctx.pathParam("id")).with("status", status));
        });
    }

    private void users(Context ctx) {
        authenticator.requireRole(ctx, Role.MODERATOR);
        UserPage page = admin.users(new UserFilter(ctx.queryParam("status"), ctx.queryParam("role"),
                ctx.queryParam("consent"), ctx.queryParam("reg"), ctx.queryParam("q"), ctx.queryParam("createdFrom"),
                ctx.queryParam("createdTo")), QueryParams.integer(ctx, "limit"), QueryParams.integer(ctx, "offset"));
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("offset", page.offset());
        pagination.put("limit", page.limit());
        pagination.put("hasMore", page.hasMore());
        pagination.put("nextOffset", page.hasMore() ? page.offset() + page.limit() : null);
        ctx.json(Reply.success().with("users", page.users()).with("pagination", pagination));
    }
}
