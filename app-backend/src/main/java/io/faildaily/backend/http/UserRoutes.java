package io.faildaily.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.service.BadgeService;
import io.faildaily.backend.service.UserService;
import io.javalin.config.RoutesConfig;

/** /api/badges/* (check-unlock included), /api/users/{id}/stats, /api/users/me/badges, /api/users/{id}/courage-points. Token required. */
public final class UserRoutes {
    private final UserService users;
    private final BadgeService badges;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public UserRoutes(UserService users, BadgeService badges, Authenticator authenticator, ObjectMapper json) {
        this.users = users;
        this.badges = badges;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/badges", ctx -> {
            authenticator.require(ctx);
            ctx.json(Reply.success().with("badges", badges.catalogue()));
        });
        routes.get("/api/badges/available", ctx -> {
            authenticator.require(ctx);
            ctx.json(Reply.success().with("badges", badges.catalogue()));
        });
        routes.get("/api/badges/definitions", ctx -> {
            authenticator.require(ctx);
            var all = badges.catalogue();
            ctx.json(Reply.success().with("badges", all).with("total", all.size()));
        });
        // As the original: any member may ask for any account's check; it only unlocks what the rules say.
        routes.post("/api/badges/check-unlock/{userId}", ctx -> {
            authenticator.require(ctx);
            String id = ctx.pathParam("userId");
            users.requireExists(id);
            var unlocked = badges.checkAll(id);
            ctx.json(Reply.success(unlocked.size() + " nouveau(x) badge(s) débloqué(s)")
                    .with("newBadges", unlocked.stream().map(BadgeService::definitionRow).toList()));
        });
        routes.get("/api/users/me/badges", ctx -> {
            AuthUser user = authenticator.require(ctx);
            ctx.json(Reply.success().with("badges", badges.badgesOf(user.id())));
        });
        routes.get("/api/users/{id}/badges", ctx -> {
            AuthUser user = authenticator.require(ctx);
            String id = "me".equals(ctx.pathParam("id")) ? user.id() : ctx.pathParam("id");
            users.requireExists(id);
            ctx.json(Reply.success().with("badges", badges.badgesOf(id)));
        });
        routes.get("/api/users/{id}/stats", ctx -> {
            AuthUser user = authenticator.require(ctx);
            String id = "me".equals(ctx.pathParam("id")) ? user.id() : ctx.pathParam("id");
            ctx.json(Reply.success().with("stats", users.stats(id)));
        });
        routes.post("/api/users/{id}/courage-points", ctx -> {
            AuthUser user = authenticator.require(ctx);
            RequestBody body = RequestBody.of(ctx, json);
            String id = "me".equals(ctx.pathParam("id")) ? user.id() : ctx.pathParam("id");
            int added = users.addCouragePoints(id, user.id(), body.integer("points"), body.string("reason"),
                    body.string("failId"));
            ctx.json(Reply.success(added + " points ajoutés avec succès").with("points_added", added));
        });
    }
}
