package io.faildaily.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.service.ReactionService;
import io.faildaily.backend.service.Views.ReactionChange;
import io.faildaily.backend.service.Views.ReactionList;
import io.faildaily.backend.service.ActivityLog.Level;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** /api/fails/{id}/reactions[/{type}]: the list accepts an optional token, changes need one. */
public final class ReactionRoutes {
    private final ReactionService reactions;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public ReactionRoutes(ReactionService reactions, Authenticator authenticator, ObjectMapper json) {
        this.reactions = reactions;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/fails/{id}/reactions", ctx -> {
            AuthUser user = authenticator.optional(ctx);
            ReactionList list = reactions.list(ctx.pathParam("id"), user == null ? null : user.id());
            ctx.json(Reply.success().with("data", list));
        });
        routes.post("/api/fails/{id}/reactions", ctx -> {
            AuthUser user = authenticator.require(ctx);
            var type = ReactionService.parseType(RequestBody.of(ctx, json).string("reactionType"));
            ReactionChange change = reactions.toggle(ctx.pathParam("id"), user.id(), type);
            String action = switch (change.action()) {
                case "added" -> "reaction_add";
                case "updated" -> "reaction_update";
                default -> "reaction_remove";
            };
            Audit.note(ctx, Level.INFO, action, "Réaction", Map.of("failId", ctx.pathParam("id"),
                    "reactionType", type.wireName()));
            String message = switch (change.action()) {
                case "added" -> "Réaction ajoutée";
                case "updated" -> "Réaction modifiée";
                default -> "Réaction supprimée";
            };
            ctx.json(Reply.success(message).with("data", change));
        });
        routes.delete("/api/fails/{id}/reactions", ctx -> {
            AuthUser user = authenticator.require(ctx);
            ReactionChange change = reactions.remove(ctx.pathParam("id"), user.id(), null);
            Audit.note(ctx, Level.INFO, "reaction_remove", "Réaction supprimée", Map.of("failId", ctx.pathParam("id")));
            ctx.json(Reply.success("Réaction supprimée avec succès").with("data", change));
        });
        routes.delete("/api/fails/{id}/reactions/{type}", ctx -> {
            AuthUser user = authenticator.require(ctx);
            var type = ReactionService.parseType(ctx.pathParam("type"));
            ReactionChange change = reactions.remove(ctx.pathParam("id"), user.id(), type);
            Audit.note(ctx, Level.INFO, "reaction_remove", "Réaction supprimée", Map.of("failId", ctx.pathParam("id"),
                    "reactionType", type.wireName()));
            ctx.json(Reply.success("Réaction supprimée avec succès").with("data", change));
        });
    }
}
