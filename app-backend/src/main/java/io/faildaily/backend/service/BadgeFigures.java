package io.faildaily.backend.service;

import io.faildaily.backend.persistence.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The figures the badge rules compare, for one member, each read at most once per check and only when a rule
 * that needs it is checked. Every read is a primary-key row or a count bounded by the badge values: a count is
 * only made while a badge of its type is missing, that is while it is below the type's highest value.
 */
public final class BadgeFigures {
    /** The original's beta: accounts created before 2025. */
    static final LocalDateTime BETA_END = LocalDateTime.of(2025, 1, 1, 0, 0);

    private final Connection c;
    private final String userId;
    private final LocalDate today;
    private Map<String, Long> profile;
    private Map<String, Long> progress;
    private final Map<BadgeMark, Long> marks = new EnumMap<>(BadgeMark.class);
    private final Map<String, Long> counts = new HashMap<>();

    BadgeFigures(Connection c, String userId, LocalDate today) {
        this.c = c;
        this.userId = userId;
        this.today = today;
    }

    long fails() throws SQLException {
        return profile().getOrDefault("fails_count", 0L);
    }

    /** Reactions of the four types on the member's fails, their own included. */
    long reactionsReceived() throws SQLException {
        return profile().getOrDefault("reactions_received", 0L);
    }

    long reactionsFromOthers() throws SQLException {
        return profile().getOrDefault("reactions_from_others", 0L);
    }

    long laughsReceived() throws SQLException {
        return profile().getOrDefault("laughs_received", 0L);
    }

    long reactionsGiven() throws SQLException {
        return count("reactions", "SELECT COUNT(*) FROM reactions WHERE user_id = ?");
    }

    long reactionsGiven(ReactionType type) throws SQLException {
        return count("reactions:" + type.wireName(), "SELECT COUNT(*) FROM reactions FORCE INDEX "
                + "(idx_reactions_user_type) WHERE user_id = ? AND reaction_type = '" + type.wireName() + "'");
    }

    long commentsWritten() throws SQLException {
        return count("comments", "SELECT COUNT(*) FROM comments WHERE user_id = ?");
    }

    long reactors() throws SQLException {
        return marks(BadgeMark.REACTOR);
    }

    long otherReactors() throws SQLException {
        long all = reactors();
        long self = count("self-reactor", "SELECT COUNT(*) FROM user_badge_marks WHERE user_id = ? "
                + "AND mark = CONCAT('" + BadgeMark.REACTOR.prefix() + "', user_id)");
        return all - self;
    }

    long marks(BadgeMark kind) throws SQLException {
        Long n = marks.get(kind);
        if (n == null) {
            n = Jdbc.count(c, "SELECT COUNT(*) FROM user_badge_marks WHERE user_id = ? AND mark LIKE ?", userId,
                    kind.prefix() + "%");
            marks.put(kind, n);
        }
        return n;
    }

    long progress(String column) throws SQLException {
        if (progress == null) {
            progress = row("SELECT fail_days, fail_months, longest_fail_streak, weekend_fails, holiday_fails, "
                    + "new_year_fails, gaps_over_30_days, gaps_over_90_days, resilience_fails, login_days, "
                    + "longest_login_streak FROM user_badge_progress WHERE user_id = ?");
        }
        return progress.getOrDefault(column, 0L);
    }

    /** Rank by courage points (1 = most) at most {@code value}; a member without points has no rank. */
    boolean rankAtMost(int value) throws SQLException {
        var total = Jdbc.queryOne(c, "SELECT points_total FROM user_points WHERE user_id = ?", rs -> rs.getLong(1),
                userId);
        if (total.isEmpty() || value < 1) {
            return false;
        }
        long higher = Jdbc.count(c, "SELECT COUNT(*) FROM (SELECT 1 FROM user_points FORCE INDEX "
                + "(idx_user_points_total) WHERE points_total > ? LIMIT ?) h", total.get(), value);
        return higher < value;
    }

    long joinedBeforeBeta() throws SQLException {
        return Jdbc.queryOne(c, "SELECT created_at FROM users WHERE id = ?",
                rs -> rs.getObject(1, LocalDateTime.class), userId)
                .map(created -> created.isBefore(BETA_END) ? 1L : 0L).orElse(0L);
    }

    /** The original counted activity rows dated 11 September; here: an action on that (UTC) day. */
    long activeOnAnniversary() {
        return today.getMonth() == Month.SEPTEMBER && today.getDayOfMonth() == 11 ? 1 : 0;
    }

    /**
     * The original's ten checks; a push token and a username do not exist here (nor could the original's
     * members set a username), so at most 8 of them are true and the badge (10) cannot be reached, as there.
     */
    long featuresUsed() throws SQLException {
        return Jdbc.queryOne(c, "SELECT "
                + "EXISTS (SELECT 1 FROM fails WHERE user_id = ?) + "
                + "EXISTS (SELECT 1 FROM comments WHERE user_id = ?) + "
                + "EXISTS (SELECT 1 FROM reactions WHERE user_id = ?) + "
                + "(p.avatar_url IS NOT NULL AND p.avatar_url <> '') + "
                + "(p.bio IS NOT NULL AND p.bio <> '') + "
                + "EXISTS (SELECT 1 FROM fails WHERE user_id = ? AND image_url IS NOT NULL AND image_url <> '') + "
                + "(p.reactions_received > 0) + "
                + "EXISTS (SELECT 1 FROM user_points WHERE user_id = ? AND points_total > 0) "
                + "FROM profiles p WHERE p.user_id = ?", rs -> rs.getLong(1),
                userId, userId, userId, userId, userId, userId).orElse(0L);
    }

    private Map<String, Long> profile() throws SQLException {
        if (profile == null) {
            profile = row("SELECT fails_count, reactions_received, reactions_from_others, laughs_received "
                    + "FROM profiles WHERE user_id = ?");
        }
        return profile;
    }

    private Map<String, Long> row(String sql) throws SQLException {
        return Jdbc.queryOne(c, sql, BadgeFigures::columns, userId).orElseGet(HashMap::new);
    }

    private static Map<String, Long> columns(ResultSet rs) throws SQLException {
        Map<String, Long> m = new HashMap<>();
        var meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            m.put(meta.getColumnLabel(i), rs.getLong(i));
        }
        return m;
    }

    private long count(String key, String sql) throws SQLException {
        Long n = counts.get(key);
        if (n == null) {
            n = Jdbc.count(c, sql, userId);
            counts.put(key, n);
        }
        return n;
    }
}
