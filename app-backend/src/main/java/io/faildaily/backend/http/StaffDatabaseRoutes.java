package io.faildaily.backend.http;

import io.faildaily.backend.auth.Role;
import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.service.ApiException;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's database page (administrators): the row counts are served; its destructive tools (emptying
 * tables, the complete reset, deleting every account) are not reimplemented and answer 501 with the way this
 * installation is meant to be reset or repaired: a backup, and a restore through the operator.
 */
public final class StaffDatabaseRoutes {
    /** This backend's tables, counted by E45 (the names are constants: nothing from the request reaches the SQL). */
    static final List<String> TABLES = List.of("users", "profiles", "fails", "reactions", "comments", "fail_reports",
            "comment_reports", "user_points", "user_point_events", "user_badges", "badge_definitions",
            "password_reset_tokens", "app_config");
    static final String REFUSAL = "Outil destructif non disponible : ce backend ne vide pas de tables. Pour repartir "
            + "d'un état connu, restaurez une sauvegarde (spec.restore du FailDaily) ; une sauvegarde est prise "
            + "avant chaque restauration.";

    private final Jdbc jdbc;
    private final Authenticator authenticator;

    public StaffDatabaseRoutes(Jdbc jdbc, Authenticator authenticator) {
        this.jdbc = jdbc;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/admin/db/counts", ctx -> {
            authenticator.requireRole(ctx, Role.ADMIN);
            Map<String, Object> counts = jdbc.read(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String table : TABLES) {
                    m.put(table, Jdbc.count(c, "SELECT COUNT(*) FROM " + table));
                }
                return m;
            });
            ctx.json(Reply.success().with("counts", counts));
        });
        for (String path : List.of("/api/admin/tables/{tableName}/truncate", "/api/admin/tables/bulk-truncate",
                "/api/admin/reset/complete", "/api/admin/users/delete-all")) {
            routes.post(path, ctx -> {
                authenticator.requireRole(ctx, Role.ADMIN);
                throw new ApiException(501, "DESTRUCTIVE_TOOL_DISABLED", REFUSAL);
            });
        }
    }
}
