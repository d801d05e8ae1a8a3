package io.faildaily.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.service.FailService;
import io.faildaily.backend.service.FailService.FailInput;
import io.faildaily.backend.service.Views.FeedPage;
import io.faildaily.backend.service.Views.ReportResult;
import io.faildaily.backend.service.Views.UserFailPage;
import io.faildaily.backend.service.ActivityLog.Level;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * /api/fails, /api/fails/public, /api/fails/anonymes (the home feed), /api/fails/{id}[/report] and a user's fails
 * (/api/users/{id}/fails). Token required.
 */
public final class FailRoutes {
    private final FailService fails;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public FailRoutes(FailService fails, Authenticator authenticator, ObjectMapper json) {
        this.fails = fails;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/fails", this::feed);
        routes.get("/api/fails/public", this::feed);
        routes.get("/api/fails/anonymes", this::feed);
        routes.post("/api/fails", this::create);
        routes.get("/api/users/{id}/fails", ctx -> {
            AuthUser user = authenticator.require(ctx);
            String author = "me".equals(ctx.pathParam("id")) ? user.id() : ctx.pathParam("id");
            UserFailPage page = fails.ofUser(author, user.id(), QueryParams.integer(ctx, "limit"),
                    QueryParams.integer(ctx, "page"), QueryParams.integer(ctx, "offset"));
            ctx.json(Reply.success().with("fails", page.fails()).with("pagination", page.pagination()));
        });
        routes.get("/api/fails/{id}", ctx -> {
            AuthUser user = authenticator.require(ctx);
            ctx.json(Reply.success().with("fail", fails.get(ctx.pathParam("id"), user.id())));
        });
        routes.put("/api/fails/{id}", ctx -> {
            AuthUser user = authenticator.require(ctx);
            var fail = fails.update(ctx.pathParam("id"), user.id(), input(RequestBody.of(ctx, json)));
            Audit.note(ctx, Level.INFO, "fail_update", "Fail modifié", Map.of("failId", ctx.pathParam("id")));
            ctx.json(Reply.success("Fail mis à jour avec succès").with("fail", fail));
        });
        routes.delete("/api/fails/{id}", ctx -> {
            AuthUser user = authenticator.require(ctx);
            fails.delete(ctx.pathParam("id"), user.id());
            Audit.note(ctx, Level.WARNING, "fail_delete", "Fail supprimé", Map.of("failId", ctx.pathParam("id")));
            ctx.json(Reply.success("Fail supprimé avec succès"));
        });
        routes.post("/api/fails/{id}/report", ctx -> {
            AuthUser user = authenticator.require(ctx);
            String reason = RequestBody.of(ctx, json).string("reason");
            ReportResult r = fails.report(ctx.pathParam("id"), user.id(), reason);
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("failId", ctx.pathParam("id"));
            details.put("reason", reason);
            details.put("reports", r.reports());
            details.put("threshold", r.threshold());
            details.put("autoHidden", r.autoHidden());
            Audit.note(ctx, Level.WARNING, "fail_report", "Fail signalé", details);
            ctx.json(Reply.success("Fail signalé").with("reports", r.reports()).with("autoHidden", r.autoHidden())
                    .with("threshold", r.threshold()));
        });
    }

    private void feed(Context ctx) {
        AuthUser user = authenticator.require(ctx);
        FeedPage page = fails.feed(user.id(), QueryParams.integer(ctx, "limit"), QueryParams.integer(ctx, "page"),
                QueryParams.integer(ctx, "offset"));
        ctx.json(Reply.success().with("fails", page.fails()).with("pagination", page.pagination()));
    }

    private void create(Context ctx) {
        AuthUser user = authenticator.require(ctx);
        RequestBody body = RequestBody.of(ctx, json);
        var fail = fails.create(user.id(), input(body), country(ctx));
        Audit.note(ctx, Level.INFO, "fail_create", "Fail créé", Map.of("failId", fail.id()));
        ctx.status(201).json(Reply.success("Fail créé avec succès").with("fail", fail));
    }

    private static FailInput input(RequestBody b) {
        return new FailInput(b.string("title"), b.has("title"), b.string("description"), b.has("description"),
                b.string("category"), b.has("category"), b.bool("is_anonyme"), b.string("imageUrl"),
                b.has("imageUrl"));
    }

    /** The country a proxy or CDN put in a header, as the original recorded it; two letters or nothing. */
    private static String country(Context ctx) {
        for (String h : new String[] {"cf-ipcountry", "x-country-code", "x-app-country"}) {
            String v = ctx.header(h);
            if (v != null && v.trim().matches("^[A-Za-z]{2}$")) {
                return v.trim().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }
}
