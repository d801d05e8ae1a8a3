package io.faildaily.backend.http;

import static io.faildaily.backend.service.ApiException.badRequest;
import static io.faildaily.backend.service.ApiException.forbidden;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.auth.Role;
import io.faildaily.backend.service.ActivityLog;
import io.faildaily.backend.service.ActivityLog.Level;
import io.faildaily.backend.service.LogViews;
import io.faildaily.backend.service.LogViews.Filter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The log views (specification §13): the system log for administrators whose role is exactly {@code admin} (as the
 * original: a super_admin gets 403), at /api/logs/system and /api/admin/logs/system; the summaries, the list and
 * the list by type for administrators and super_admins, at /api/admin/logs/…
 */
public final class LogRoutes {
    static final int MAX_LIMIT = 1000;

    private final LogViews views;
    private final ActivityLog log;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public LogRoutes(LogViews views, ActivityLog log, Authenticator authenticator, ObjectMapper json) {
        this.views = views;
        this.log = log;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        for (String base : List.of("/api/logs", "/api/admin/logs")) {
            routes.get(base + "/system", this::system);
            routes.post(base + "/system", this::addSystem);
        }
        routes.get("/api/admin/logs/summary", ctx -> {
            authenticator.requireRole(ctx, Role.ADMIN);
            int days = days(ctx);
            ctx.json(Reply.success().with("periodDays", days).withAll(views.summary(days)));
        });
        Map<String, Map.Entry<String, IntFunction<Object>>> perDays = Map.of(
                "by-day", Map.entry("days", views::byDay),
                "by-user", Map.entry("users", views::byUser),
                "actions", Map.entry("actions", views::actions));
        perDays.forEach((path, view) -> routes.get("/api/admin/logs/" + path, ctx -> {
            authenticator.requireRole(ctx, Role.ADMIN);
            int days = days(ctx);
            ctx.json(Reply.success().with("periodDays", days).with(view.getKey(), view.getValue().apply(days)));
        }));
        routes.get("/api/admin/logs/list", ctx -> {
            authenticator.requireRole(ctx, Role.ADMIN);
            int limit = bounded(QueryParams.integer(ctx, "limit"), 200, 1, MAX_LIMIT);
            int offset = bounded(QueryParams.integer(ctx, "offset"), 0, 0, Integer.MAX_VALUE);
            Filter filter = new Filter(level(ctx.queryParam("level")), blankToNull(ctx.queryParam("action")),
                    blankToNull(ctx.queryParam("userId")), time(ctx, "start", false), time(ctx, "end", true));
            List<Map<String, Object>> logs = views.list(limit, offset, filter);
            ctx.json(Reply.success().with("logs", logs).with("pagination",
                    Map.of("limit", limit, "offset", offset, "count", logs.size())));
        });
        routes.get("/api/admin/logs/by-type", ctx -> {
            authenticator.requireRole(ctx, Role.ADMIN);
            String type = blankToNull(ctx.queryParam("type"));
            int limit = bounded(QueryParams.integer(ctx, "limit"), 20, 1, MAX_LIMIT);
            int hours = bounded(QueryParams.integer(ctx, "periodHours"), 24, 1, 168);
            List<Map<String, Object>> logs = views.byType(type == null ? "all" : type, limit, hours);
            ctx.json(Reply.success().with("logs", logs).with("count", logs.size()));
        });
    }

    private void system(Context ctx) {
        requireExactAdmin(ctx);
        int limit = bounded(QueryParams.integer(ctx, "limit"), 100, 1, MAX_LIMIT);
        String level = ctx.queryParam("level");
        Filter filter = new Filter("all".equals(level) ? null : level(level), blankToNull(ctx.queryParam("action")),
                blankToNull(ctx.queryParam("userId")), null, null);
        List<Map<String, Object>> logs = views.system(limit, filter);
        ctx.json(Reply.success().with("logs", logs).with("count", logs.size()));
    }

    private void addSystem(Context ctx) {
        AuthUser user = requireExactAdmin(ctx);
        RequestBody body = RequestBody.of(ctx, json);
        String levelName = body.string("level");
        Level level = levelName == null ? Level.INFO : Level.parse(levelName).orElseThrow(() ->
                badRequest("INVALID_LEVEL", "Niveau de log invalide (info, warning, error, debug)"));
        String action = body.string("action");
        Object details = body.has("details") ? body.asMap(json).get("details") : null;
        if (details != null && !(details instanceof Map)) {
            throw badRequest("INVALID_FIELD_TYPE", "details doit être un objet");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> detailMap = details == null ? Map.of() : (Map<String, Object>) details;
        if (action != null && action.length() > 100) {
            throw badRequest("INVALID_LOG", "action: 100 caractères au plus");
        }
        String id = log.recordNow(level, action == null || action.isBlank() ? "manual_log" : action,
                body.string("message"), detailMap, Actors.of(ctx, user));
        ctx.json(Reply.success("Log ajouté").with("logId", id));
    }

    /** The original's logs routes compared the role string itself: only {@code admin} passes. */
    private AuthUser requireExactAdmin(Context ctx) {
        AuthUser user = authenticator.require(ctx);
        if (!"admin".equals(user.role())) {
            throw forbidden("ADMIN_REQUIRED", "Accès administrateur requis");
        }
        return user;
    }

    private static int days(Context ctx) {
        return bounded(QueryParams.integer(ctx, "days"), 7, 1, 3650);
    }

    /** A missing or malformed number is the default, one out of range the nearest bound. */
    static int bounded(Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        return Math.max(min, Math.min(max, value));
    }

    private static String level(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Level.parse(value.trim()).map(Level::wireName)
                .orElseThrow(() -> badRequest("INVALID_LEVEL", "Niveau de log invalide (info, warning, error, debug)"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** An ISO instant, an ISO local date-time (UTC) or a date (its start, or its end for {@code end}). */
    private static LocalDateTime time(Context ctx, String name, boolean end) {
        String v = blankToNull(ctx.queryParam(name));
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return end ? d.plusDays(1).atStartOfDay().minusNanos(1_000_000) : d.atStartOfDay();
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return LocalDateTime.parse(v.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw badRequest("INVALID_DATE", name + " : date invalide (ISO 8601)");
        }
    }
}
