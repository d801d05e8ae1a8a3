package io.faildaily.backend.service;

import static io.faildaily.backend.service.ApiException.badRequest;
import static io.faildaily.backend.service.ApiException.forbidden;
import static io.faildaily.backend.service.ApiException.notFound;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.ActiveUserCache;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.auth.Role;
import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.Times;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The staff's user management (E11-E17 and what the original's admin page calls but the original never served):
 * the dashboard's figures, the user list with its filters, points, roles, suspending, and parental consent.
 * Every change to an account drops its entry from the active-user cache, so it applies to the next request.
 */
public final class UserAdminService {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    static final Set<String> ACCOUNT_STATUSES = Set.of("pending", "active", "suspended", "deleted");
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
    private static final long STARTED_MS = System.currentTimeMillis();

    private final Jdbc jdbc;
    private final PointsLedger points;
    private final ActiveUserCache activeUsers;
    private final ObjectMapper json;
    private final Clock clock;

    public UserAdminService(Jdbc jdbc, PointsLedger points, ActiveUserCache activeUsers, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.points = points;
        this.activeUsers = activeUsers;
        this.json = json;
        this.clock = clock;
    }

    /**
     * ADMIN_EMAILS at start: those existing accounts become administrators (a super_admin stays one). Taking an
     * address off the list demotes nobody: roles are then changed by an administrator.
     */
    public int promoteAdministrators(List<String> emails) {
        int promoted = 0;
        for (String email : emails) {
            promoted += jdbc.read(c -> Jdbc.update(c, "UPDATE users SET role = 'admin', updated_at = ? WHERE email = ? "
                    + "AND LOWER(role) NOT IN ('admin', 'super_admin')", Times.now(clock), email));
        }
        return promoted;
    }

    /** E11. {@code todayActivity}: fails, comments and reactions made in the last 24 hours (the original counted log lines). */
    public Map<String, Object> dashboard() {
        return jdbc.read(c -> {
            LocalDateTime since = Times.now(clock).minusHours(24);
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("totalUsers", Jdbc.count(c, "SELECT COUNT(*) FROM users"));
            stats.put("totalFails", Jdbc.count(c, "SELECT COUNT(*) FROM fails"));
            stats.put("totalReactions", Jdbc.count(c, "SELECT COUNT(*) FROM reactions"));
            stats.put("todayActivity", Jdbc.count(c, "SELECT (SELECT COUNT(*) FROM fails WHERE created_at >= ?) "
                    + "+ (SELECT COUNT(*) FROM comments WHERE created_at >= ?) "
                    + "+ (SELECT COUNT(*) FROM reactions WHERE created_at >= ?)", since, since, since));
            stats.put("systemStatus", "healthy"); // the figures above came from the database
            Runtime rt = Runtime.getRuntime();
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("uptimeSec", (System.currentTimeMillis() - STARTED_MS) / 1000);
            server.put("javaVersion", Runtime.version().toString());
            server.put("platform", System.getProperty("os.name").toLowerCase(Locale.ROOT));
            server.put("loadAvg", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            server.put("memory", Map.of("heapUsed", rt.totalMemory() - rt.freeMemory(), "heapTotal", rt.totalMemory(),
                    "heapMax", rt.maxMemory()));
            server.put("cpuCount", rt.availableProcessors());
            stats.put("server", server);
            return stats;
        });
    }

    /** The filters of E12; a value outside its set is ignored, as the original did. */
    public record UserFilter(String status, String role, String consent, String registration, String query,
                             String createdFrom, String createdTo) {}

    public record UserPage(List<Map<String, Object>> users, int offset, int limit, boolean hasMore) {}

    /**
     * E12, newest account first. Without filters a page walks idx_users_created (V8); a filter reads as many
     * accounts as it takes to fill the page.
     */
    public UserPage users(UserFilter f, Integer requestedLimit, Integer requestedOffset) {
        int limit = requestedLimit == null || requestedLimit < 1 ? DEFAULT_LIMIT : Math.min(requestedLimit, MAX_LIMIT);
        int offset = requestedOffset == null || requestedOffset < 0 ? 0 : requestedOffset;
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.status() != null && ACCOUNT_STATUSES.contains(f.status())) {
            where.append(" AND u.account_status = ?");
            params.add(f.status());
        }
        if (f.role() != null && Set.of("user", "moderator", "admin", "super_admin")
                .contains(f.role().toLowerCase(Locale.ROOT))) {
            where.append(" AND LOWER(u.role) = ?");
            params.add(f.role().toLowerCase(Locale.ROOT));
        }
        String consent = f.consent() == null ? "" : f.consent();
        String needs = "JSON_UNQUOTE(JSON_EXTRACT(p.age_verification, '$.needsParentalConsent'))";
        switch (consent) {
            case "needed" -> where.append(" AND ").append(needs).append(" = 'true'");
            case "approved", "revoked", "rejected", "pending" -> {
                where.append(" AND JSON_UNQUOTE(JSON_EXTRACT(p.age_verification, '$.parentalConsentStatus')) = ?");
                params.add(consent);
            }
            case "none" -> where.append(" AND (p.age_verification IS NULL OR ").append(needs).append(" IS NULL)");
            default -> { }
        }
        if ("0".equals(f.registration()) || "1".equals(f.registration())) {
            where.append(" AND COALESCE(p.registration_completed, 0) = ?");
            params.add(Integer.parseInt(f.registration()));
        }
        if (f.query() != null && !f.query().isBlank()) {
            String like = "%" + f.query().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" AND (u.email LIKE ? OR p.display_name LIKE ?)");
            params.add(like);
            params.add(like);
        }
        addTimeBound(where, params, f.createdFrom(), ">=");
        addTimeBound(where, params, f.createdTo(), "<=");
        params.add(limit + 1);
        params.add(offset);
        String sql = "SELECT u.id, u.email, u.role, u.account_status, u.created_at, p.display_name, p.avatar_url, "
                + "p.registration_completed, p.age_verification, COALESCE(up.points_total, 0) "
                + "FROM users u FORCE INDEX (idx_users_created) LEFT JOIN profiles p ON p.user_id = u.id "
                + "LEFT JOIN user_points up ON up.user_id = u.id" + where
                + " ORDER BY u.created_at DESC, u.id DESC LIMIT ? OFFSET ?";
        List<Map<String, Object>> rows = jdbc.read(c -> Jdbc.query(c, sql, UserAdminService::userRow, params.toArray()));
        boolean more = rows.size() > limit;
        return new UserPage(more ? rows.subList(0, limit) : rows, offset, limit, more);
    }

    /** E13. */
    public Map<String, Object> pointsOf(String userId) {
        return jdbc.read(c -> Jdbc.queryOne(c, "SELECT points_total, updated_at, created_at FROM user_points "
                + "WHERE user_id = ?", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("points_total", rs.getLong(1));
                    m.put("updated_at", Times.iso(rs.getObject(2, LocalDateTime.class)));
                    m.put("created_at", Times.iso(rs.getObject(3, LocalDateTime.class)));
                    return m;
                }, userId)).orElseGet(() -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("points_total", 0);
                    m.put("updated_at", null);
                    m.put("created_at", null);
                    return m;
                });
    }

    /** E14: a staff adjustment, recorded as an event with source {@code admin}. */
    public void adjustPoints(String userId, Object delta, String reason) {
        long amount = delta instanceof Number n ? n.longValue() : 0;
        if (Math.abs(amount) > 1_000_000) {
            throw badRequest("INVALID_POINTS", "Ajustement hors limites (±1 000 000)");
        }
        jdbc.inTransaction(c -> {
            requireUser(c, userId);
            points.add(c, userId, (int) amount, "admin", null, null,
                    reason == null || reason.isBlank() ? "manual_adjust" : reason);
            return null;
        });
    }

    /**
     * A new role. Administrators give and take member, moderator and admin; only a super_admin gives or takes
     * super_admin, and nobody changes their own role (the last administrator cannot lock everyone out).
     */
    public String setRole(AuthUser caller, String userId, String requested) {
        String role = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        if (!Set.of("user", "moderator", "admin", "super_admin").contains(role)) {
            throw badRequest("INVALID_ROLE", "Rôle invalide (user, moderator, admin, super_admin)");
        }
        if (caller.id().equals(userId)) {
            throw forbidden("CANNOT_CHANGE_OWN_ROLE", "Vous ne pouvez pas changer votre propre rôle");
        }
        boolean superAdmin = Role.of(caller.role()) == Role.SUPER_ADMIN;
        jdbc.inTransaction(c -> {
            String current = requireUser(c, userId);
            if (!superAdmin && (Role.of(current) == Role.SUPER_ADMIN || "super_admin".equals(role))) {
                throw forbidden("SUPER_ADMIN_REQUIRED", "Seul un super administrateur peut changer ce rôle");
            }
            Jdbc.update(c, "UPDATE users SET role = ?, updated_at = ? WHERE id = ?", role, Times.now(clock), userId);
            return null;
        });
        activeUsers.forget(userId);
        return role;
    }

    /** Suspends ({@code suspended}) or reactivates ({@code active}) an account; not one's own, not a super_admin's. */
    public String setAccountStatus(AuthUser caller, String userId, String requested) {
        String status = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        if (!Set.of("active", "suspended").contains(status)) {
            throw badRequest("INVALID_STATUS", "Statut invalide (active, suspended)");
        }
        if (caller.id().equals(userId)) {
            throw forbidden("CANNOT_CHANGE_OWN_STATUS", "Vous ne pouvez pas suspendre votre propre compte");
        }
        jdbc.inTransaction(c -> {
            String current = requireUser(c, userId);
            if (Role.of(current) == Role.SUPER_ADMIN && Role.of(caller.role()) != Role.SUPER_ADMIN) {
                throw forbidden("SUPER_ADMIN_REQUIRED", "Seul un super administrateur peut suspendre ce compte");
            }
            Jdbc.update(c, "UPDATE users SET account_status = ?, updated_at = ? WHERE id = ?", status,
                    Times.now(clock), userId);
            return null;
        });
        activeUsers.forget(userId);
        return status;
    }

    /** The parental consent decisions (E15-E17). */
    public enum ConsentDecision {
        APPROVE("approved", "parentalApprovedAt"), REJECT("rejected", "parentalRejectedAt"),
        REVOKE("revoked", "parentalRevokedAt");

        final String status;
        final String timeKey;

        ConsentDecision(String status, String timeKey) {
            this.status = status;
            this.timeKey = timeKey;
        }
    }

    /**
     * E15-E17, the original's transitions: approve makes the account active and its registration complete;
     * reject and revoke put it back to pending. Other keys of the age_verification object are kept.
     */
    /** E15–E17; false when there was nothing to do (an approval of an active, completed account). */
    public boolean decideConsent(String userId, ConsentDecision decision) {
        if (userId == null || userId.length() < 10) {
            throw badRequest("INVALID_ID", "Identifiant utilisateur invalide");
        }
        boolean changed = jdbc.inTransaction(c -> {
            requireUser(c, userId);
            record State(String status, int completed, String verification) {}
            State s = Jdbc.queryOne(c, "SELECT u.account_status, COALESCE(p.registration_completed, 0), "
                    + "p.age_verification FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = ? FOR UPDATE",
                    rs -> new State(rs.getString(1), rs.getInt(2), rs.getString(3)), userId).orElseThrow();
            if (decision == ConsentDecision.APPROVE && "active".equals(s.status()) && s.completed() == 1) {
                return false; // already approved: nothing to do, as the original
            }
            Map<String, Object> verification = new LinkedHashMap<>();
            if (s.verification() != null) {
                try {
                    verification.putAll(json.readValue(s.verification(), OBJECT));
                } catch (Exception e) {
                    // not an object: replaced by the decision's keys
                }
            }
            boolean approve = decision == ConsentDecision.APPROVE;
            verification.put("needsParentalConsent", !approve);
            verification.put("parentalConsentStatus", decision.status);
            LocalDateTime now = Times.now(clock);
            verification.put(decision.timeKey, Times.iso(now));
            Jdbc.update(c, "UPDATE users SET account_status = ?, updated_at = ? WHERE id = ?",
                    approve ? "active" : "pending", now, userId);
            Jdbc.update(c, "UPDATE profiles SET registration_completed = ?, age_verification = ?, updated_at = ? "
                    + "WHERE user_id = ?", approve ? 1 : 0, toJson(verification), now, userId);
            return true;
        });
        activeUsers.forget(userId);
        return changed;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user's role, or 404. */
    private static String requireUser(Connection c, String userId) throws SQLException {
        Optional<String> role = Ids.isValid(userId) ? Jdbc.queryOne(c, "SELECT role FROM users WHERE id = ? FOR UPDATE",
                rs -> rs.getString(1), userId) : Optional.empty();
        return role.orElseThrow(() -> notFound("USER_NOT_FOUND", "Utilisateur non trouvé"));
    }

    private static void addTimeBound(StringBuilder where, List<Object> params, String value, String op) {
        if (value == null || value.isBlank()) {
            return;
        }
        String v = value.trim();
        try {
            LocalDateTime at = v.length() <= 10 ? java.time.LocalDate.parse(v).atStartOfDay()
                    : LocalDateTime.ofInstant(java.time.Instant.parse(v), java.time.ZoneOffset.UTC);
            if (op.equals("<=") && v.length() <= 10) {
                at = at.plusDays(1).minusNanos(1_000_000); // a date as an upper bound: the whole day
            }
            where.append(" AND u.created_at ").append(op).append(" ?");
            params.add(at);
        } catch (java.time.format.DateTimeParseException e) {
            // Ignored, as every filter value E12 does not know.
        }
    }

    private static Map<String, Object> userRow(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getString(1));
        m.put("email", rs.getString(2));
        m.put("role", rs.getString(3));
        m.put("account_status", rs.getString(4));
        m.put("created_at", Times.iso(rs.getObject(5, LocalDateTime.class)));
        m.put("display_name", rs.getString(6));
        m.put("avatar_url", rs.getString(7));
        int completed = rs.getInt(8);
        m.put("registration_completed", rs.wasNull() ? null : completed);
        m.put("age_verification", rs.getString(9));
        m.put("points", rs.getLong(10));
        return m;
    }
}
