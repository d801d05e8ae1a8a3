package io.faildaily.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.auth.Role;
import io.faildaily.backend.service.ModerationService;
import io.faildaily.backend.service.ModerationSettings;
import io.faildaily.backend.service.ActivityLog.Level;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reporting a comment (members) and the staff's moderation routes (moderators and above): the settings, the
 * queue of reported fails and comments, the lists by status, and the decisions. Staff lists answer raw rows with
 * the original's snake_case names: its admin pages read them.
 */
public final class ModerationRoutes {
    private final ModerationService moderation;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public ModerationRoutes(ModerationService moderation, Authenticator authenticator, ObjectMapper json) {
        this.moderation = moderation;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/fails/{id}/comments/{commentId}/report", ctx -> {
            AuthUser user = authenticator.require(ctx);
            String reason = RequestBody.of(ctx, json).string("reason");
            var report = moderation.reportComment(ctx.pathParam("commentId"), user.id(), reason);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("commentId", ctx.pathParam("commentId"));
            details.put("reason", reason);
            details.put("reports", report.reports());
            Audit.note(ctx, Level.WARNING, "comment_report", "Commentaire signalé", details);
            ctx.json(Reply.success("Commentaire signalé").with("reports", report.reports()));
        });

        routes.get("/api/admin/moderation/config", ctx -> {
            staff(ctx);
            ctx.json(Reply.success().with("config", moderation.config()));
        });
        routes.put("/api/admin/moderation/config", ctx -> {
            staff(ctx);
            RequestBody body = RequestBody.of(ctx, json);
            Map<String, Object> changes = new LinkedHashMap<>();
            for (String key : new String[] {ModerationSettings.FAIL_THRESHOLD, ModerationSettings.COMMENT_THRESHOLD,
                    ModerationSettings.REFRESH}) {
                if (body.has(key)) {
                    changes.put(key, body.raw(key));
                }
            }
            ctx.json(Reply.success().with("config", moderation.updateConfig(changes)));
        });
        routes.get("/api/admin/fails/reported", ctx -> {
            staff(ctx);
            Integer threshold = QueryParams.integer(ctx, "threshold");
            ctx.json(Reply.success().with("items", moderation.reportedFails(threshold,
                    QueryParams.integer(ctx, "limit"), QueryParams.integer(ctx, "offset")))
                    .with("threshold", threshold == null || threshold < 1 ? 1 : threshold));
        });
        routes.get("/api/admin/comments/reported", ctx -> {
            staff(ctx);
            Integer threshold = QueryParams.integer(ctx, "threshold");
            ctx.json(Reply.success().with("items", moderation.reportedComments(threshold,
                    QueryParams.integer(ctx, "limit"), QueryParams.integer(ctx, "offset")))
                    .with("threshold", threshold == null || threshold < 1 ? 1 : threshold));
        });
        routes.get("/api/admin/fails/by-status", ctx -> {
            staff(ctx);
            var items = moderation.failsByStatus(ctx.queryParam("status"));
            ctx.json(Reply.success().with("items", items).with("status", ctx.queryParam("status").trim().toLowerCase()));
        });
        routes.get("/api/admin/comments/by-status", ctx -> {
            staff(ctx);
            var items = moderation.commentsByStatus(ctx.queryParam("status"));
            ctx.json(Reply.success().with("items", items).with("status", ctx.queryParam("status").trim().toLowerCase()));
        });
        routes.put("/api/admin/fails/{id}/moderation", ctx -> {
            staff(ctx);
            String status = moderation.setFailStatus(ctx.pathParam("id"), RequestBody.of(ctx, json).string("status"));
            decision(ctx, "failId", "status", status);
            ctx.json(Reply.success("Statut de modération mis à jour"));
        });
        routes.put("/api/admin/comments/{id}/moderation", ctx -> {
            staff(ctx);
            String status = moderation.setCommentStatus(ctx.pathParam("id"), RequestBody.of(ctx, json).string("status"));
            decision(ctx, "commentId", "status", status);
            ctx.json(Reply.success("Statut de modération mis à jour").with("commentId", ctx.pathParam("id"))
                    .with("status", status));
        });
        routes.post("/api/admin/fails/{id}/moderate", ctx -> {
            staff(ctx);
            String action = moderation.moderateFail(ctx.pathParam("id"), RequestBody.of(ctx, json).string("action"));
            decision(ctx, "failId", "action", action);
            ctx.json(Reply.success("Décision de modération appliquée").with("failId", ctx.pathParam("id"))
                    .with("action", action));
        });
        routes.post("/api/admin/comments/{id}/moderate", ctx -> {
            staff(ctx);
            String action = moderation.moderateComment(ctx.pathParam("id"), RequestBody.of(ctx, json).string("action"));
            decision(ctx, "commentId", "action", action);
            ctx.json(Reply.success("Décision de modération appliquée").with("commentId", ctx.pathParam("id"))
                    .with("action", action));
        });
    }

    /** Every decision is logged (the original logged only those of POST …/fails/:id/moderate). */
    private static void decision(Context ctx, String itemKey, String kind, String value) {
        Audit.note(ctx, Level.INFO, "moderation_decision", "Décision de modération",
                Map.of(itemKey, ctx.pathParam("id"), kind, value));
    }

    private void staff(Context ctx) {
        authenticator.requireRole(ctx, Role.MODERATOR);
    }
}
