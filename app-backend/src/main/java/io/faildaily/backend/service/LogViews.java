package io.faildaily.backend.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.PageByIds;
import io.faildaily.backend.persistence.Times;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The staff's log views (specification §13, E37 and E39–E44) over the log store written by {@link ActivityLog}.
 * Lists walk one index newest first and read the page's entries by id (offset + limit index entries); the
 * summaries read the per-day tallies of the window, never the entries.
 */
public final class LogViews {
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
    private static final String ROWS_SQL = "SELECT l.id, l.level, l.message, l.action, l.details, l.user_id, "
            + "l.ip_address, l.user_agent, l.created_at, p.display_name, u.email FROM system_logs l "
            + "LEFT JOIN users u ON u.id = l.user_id LEFT JOIN profiles p ON p.user_id = l.user_id WHERE l.id IN";

    /** The filters of a list; null = not filtered. */
    public record Filter(String level, String action, String userId, LocalDateTime start, LocalDateTime end) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public LogViews(Jdbc jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A field of an answered entry: its name and how it is read from the stored entry. */
    private record Field(String name, Function<Row, Object> value) {}

    private List<Field> fields(Object... nameAndValue) {
        List<Field> out = new ArrayList<>();
        for (int i = 0; i < nameAndValue.length; i += 2) {
            @SuppressWarnings("unchecked")
            var value = (Function<Row, Object>) nameAndValue[i + 1];
            out.add(new Field((String) nameAndValue[i], value));
        }
        return out;
    }

    /** E37 (the original's system log rows, details parsed). */
    private final List<Field> systemFields = fields("id", f(Row::id),
            "level", f(Row::level), "message", f(Row::message), "details", f(r -> parsed(r.details())),
            "user_id", f(Row::userId), "action", f(Row::action), "ip_address", f(Row::ip),
            "user_agent", f(Row::userAgent), "created_at", f(Row::createdAt));
    /** E43 (details as stored text, the actor's name and e-mail). */
    private final List<Field> listFields = fields("id", f(Row::id), "level", f(Row::level),
            "message", f(Row::message), "action", f(Row::action), "details", f(Row::details), "user_id", f(Row::userId),
            "timestamp", f(Row::createdAt), "created_at", f(Row::createdAt), "display_name", f(Row::displayName),
            "email", f(Row::email));
    /** E44 (the original's activity rows; it had no address or agent there). */
    private final List<Field> typeFields = fields("id", f(Row::id),
            "activity_type", f(r -> activityType(r.level(), r.action())), "description", f(Row::message),
            "user_id", f(Row::userId), "user_name", f(Row::displayName), "user_email", f(Row::email),
            "ip_address", f(r -> null), "user_agent", f(r -> null), "created_at", f(Row::createdAt),
            "level", f(Row::level), "action", f(Row::action), "details", f(r -> parsed(r.details())));

    private static Function<Row, Object> f(Function<Row, Object> value) {
        return value;
    }

    private static Map<String, Object> shape(Row row, List<Field> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field field : fields) {
            m.put(field.name(), field.value().apply(row));
        }
        return m;
    }

    /** E37: the newest entries. */
    public List<Map<String, Object>> system(int limit, Filter filter) {
        return page(filter, limit, 0).stream().map(r -> shape(r, systemFields)).toList();
    }

    /** E43: a page of entries. */
    public List<Map<String, Object>> list(int limit, int offset, Filter filter) {
        return page(filter, limit, offset).stream().map(r -> shape(r, listFields)).toList();
    }

    /**
     * E44: the newest min(limit × 5, 1,000) entries of the last {@code periodHours}, classified by the original's
     * rules, those of {@code type} ("all": every one), at most {@code limit}.
     */
    public List<Map<String, Object>> byType(String type, int limit, int periodHours) {
        LocalDateTime since = Times.now(clock).minusHours(periodHours);
        return page(new Filter(null, null, null, since, null), Math.min(limit * 5, 1000), 0).stream()
                .filter(r -> "all".equals(type) || activityType(r.level(), r.action()).equals(type))
                .limit(limit).map(r -> shape(r, typeFields)).toList();
    }

    /** The original's classification, first rule wins. */
    static String activityType(String level, String action) {
        String a = action == null ? "" : action;
        if ("error".equals(level)) {
            return "error";
        }
        if (a.startsWith("user_register") || a.startsWith("user_login") || a.startsWith("user_logout")
                || a.startsWith("user_password")) {
            return "auth";
        }
        if (a.startsWith("fail_") || a.startsWith("comment_") || a.startsWith("reaction_")) {
            return "user_action";
        }
        if (a.startsWith("moderation") || a.startsWith("admin") || a.contains("config")) {
            return "admin";
        }
        if (a.contains("security") || a.contains("token") || a.contains("permission")) {
            return "security";
        }
        return "general";
    }

    /** E39: totals by level and the top 50 actions of the last {@code days} days. */
    public Map<String, Object> summary(int days) {
        return jdbc.read(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("totals", Jdbc.queryOne(c, "SELECT " + LEVEL_SUMS + " FROM system_log_tallies WHERE day >= ?",
                    LogViews::levels, since(days)).orElseThrow());
            out.put("topActions", actions(c, days, 50));
            return out;
        });
    }

    /** E40: per day, newest first. */
    public List<Map<String, Object>> byDay(int days) {
        return jdbc.read(c -> Jdbc.query(c, "SELECT day, " + LEVEL_SUMS + " FROM system_log_tallies WHERE day >= ? "
                + "GROUP BY day ORDER BY day DESC", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("day", rs.getObject("day", LocalDate.class).atStartOfDay().toString() + ":00.000Z");
                    m.putAll(levels(rs));
                    return m;
                }, since(days)));
    }

    /** E41: the 200 most active actors (entries without one form one group). */
    public List<Map<String, Object>> byUser(int days) {
        return jdbc.read(c -> {
            List<Map<String, Object>> rows = Jdbc.query(c, "SELECT t.user_key, " + LEVEL_SUMS + " FROM system_log_tallies t "
                    + "WHERE t.day >= ? GROUP BY t.user_key ORDER BY total DESC, t.user_key LIMIT 200", rs -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        String key = rs.getString("user_key");
                        m.put("user_id", key.isEmpty() ? null : key);
                        m.put("display_name", null);
                        m.put("email", null);
                        m.putAll(levels(rs));
                        return m;
                    }, since(days));
            for (Map<String, Object> m : rows) {
                if (m.get("user_id") != null) {
                    Jdbc.queryOne(c, "SELECT p.display_name, u.email FROM users u LEFT JOIN profiles p "
                            + "ON p.user_id = u.id WHERE u.id = ?", rs -> {
                                m.put("display_name", rs.getString(1));
                                m.put("email", rs.getString(2));
                                return m;
                            }, m.get("user_id"));
                }
            }
            return rows;
        });
    }

    /** E42: the 200 most frequent actions. */
    public List<Map<String, Object>> actions(int days) {
        return jdbc.read(c -> actions(c, days, 200));
    }

    private List<Map<String, Object>> actions(Connection c, int days, int top) throws SQLException {
        return Jdbc.query(c, "SELECT action, SUM(entries) AS n FROM system_log_tallies WHERE day >= ? "
                + "GROUP BY action ORDER BY n DESC, action LIMIT " + top, rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("action", rs.getString(1));
                    m.put("count", rs.getLong(2));
                    return m;
                }, since(days));
    }

    private static final String LEVEL_SUMS = "COALESCE(SUM(entries), 0) AS total, "
            + "COALESCE(SUM(CASE WHEN level = 'error' THEN entries END), 0) AS errors, "
            + "COALESCE(SUM(CASE WHEN level = 'warning' THEN entries END), 0) AS warnings, "
            + "COALESCE(SUM(CASE WHEN level = 'info' THEN entries END), 0) AS infos, "
            + "COALESCE(SUM(CASE WHEN level = 'debug' THEN entries END), 0) AS debugs";

    private static Map<String, Object> levels(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : new String[] {"total", "errors", "warnings", "infos", "debugs"}) {
            m.put(k, rs.getLong(k));
        }
        return m;
    }

    /** The first UTC day of a window of {@code days} days that ends today. */
    private LocalDate since(int days) {
        return Times.now(clock).toLocalDate().minusDays(days - 1L);
    }

    private record Row(String id, String level, String message, String action, String details, String userId,
                       String ip, String userAgent, String createdAt, String displayName, String email) {}

    private List<Row> page(Filter f, int limit, int offset) {
        // The walk's index: the most selective filter given; the others are conditions on the same index entries.
        String index = f.userId() != null ? "idx_system_logs_user" : f.action() != null ? "idx_system_logs_action"
                : f.level() != null ? "idx_system_logs_level" : "idx_system_logs_time";
        StringBuilder sql = new StringBuilder("SELECT l.id FROM system_logs l FORCE INDEX (" + index + ") WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        condition(sql, params, "l.user_id = ?", f.userId());
        condition(sql, params, "l.action = ?", f.action());
        condition(sql, params, "l.level = ?", f.level());
        condition(sql, params, "l.created_at >= ?", f.start());
        condition(sql, params, "l.created_at <= ?", f.end());
        sql.append(" ORDER BY l.created_at DESC, l.id DESC LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return jdbc.read(c -> {
            List<String> ids = PageByIds.ids(c, sql.toString(), params.toArray());
            return PageByIds.rows(c, ids, ROWS_SQL, Row::id, rs -> new Row(rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                    rs.getString(8), Times.iso(rs.getObject(9, LocalDateTime.class)), rs.getString(10),
                    rs.getString(11)));
        });
    }

    /** Adds "AND {@code condition}" with its one parameter, when the filter is given. */
    private static void condition(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            params.add(value);
        }
    }

    private Object parsed(String details) {
        if (details == null) {
            return null;
        }
        try {
            return json.readValue(details, OBJECT);
        } catch (Exception e) {
            return null;
        }
    }

}
