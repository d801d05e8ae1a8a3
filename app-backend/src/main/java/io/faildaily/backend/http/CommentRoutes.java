package io.faildaily.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.service.CommentService;
import io.faildaily.backend.service.ActivityLog.Level;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** /api/fails/{id}/comments[/{commentId}]: the list accepts an optional token, changes need one. */
public final class CommentRoutes {
    private final CommentService comments;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public CommentRoutes(CommentService comments, Authenticator authenticator, ObjectMapper json) {
        this.comments = comments;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/fails/{id}/comments", ctx -> {
            authenticator.optional(ctx);
            ctx.json(Reply.success().with("data", comments.list(ctx.pathParam("id"),
                    QueryParams.integer(ctx, "page"), QueryParams.integer(ctx, "limit"))));
        });
        routes.post("/api/fails/{id}/comments", ctx -> {
            AuthUser user = authenticator.require(ctx);
            RequestBody body = RequestBody.of(ctx, json);
            var comment = comments.add(ctx.pathParam("id"), user.id(), body.string("content"),
                    body.bool("isEncouragement"));
            Audit.note(ctx, Level.INFO, "comment_add", "Commentaire ajouté", Map.of("failId", ctx.pathParam("id"),
                    "commentId", comment.id()));
            ctx.status(201).json(Reply.success("Commentaire ajouté avec succès").with("data", comment));
        });
        routes.put("/api/fails/{id}/comments/{commentId}", ctx -> {
            AuthUser user = authenticator.require(ctx);
            var comment = comments.update(ctx.pathParam("id"), ctx.pathParam("commentId"), user.id(),
                    RequestBody.of(ctx, json).string("content"));
            Audit.note(ctx, Level.INFO, "comment_update", "Commentaire modifié", Map.of("failId", ctx.pathParam("id"),
                    "commentId", ctx.pathParam("commentId")));
            ctx.json(Reply.success("Commentaire mis à jour avec succès").with("data", comment));
        });
        routes.delete("/api/fails/{id}/comments/{commentId}", ctx -> {
            AuthUser user = authenticator.require(ctx);
            int deleted = comments.delete(ctx.pathParam("id"), ctx.pathParam("commentId"), user.id());
            Audit.note(ctx, Level.WARNING, "comment_delete", "Commentaire supprimé", Map.of("failId",
                    ctx.pathParam("id"), "commentId", ctx.pathParam("commentId")));
            ctx.json(Reply.success("Commentaire supprimé avec succès").with("data", Map.of("deletedCount", deleted)));
        });
    }
}
