package io.faildaily.backend.service;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.Times;
import io.faildaily.backend.service.Views.BadgeDefinition;
import io.faildaily.backend.service.Views.Requirements;
import io.faildaily.backend.service.Views.UserBadge;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The badge catalogue (the original's 65, V9) and the unlocking of the badges whose rule ({@link BadgeRule}) is met.
 * An action checks only the rules it can move, and only for badges the member does not have yet.
 */
public final class BadgeService {
    private static final Logger LOG = LoggerFactory.getLogger(BadgeService.class);
    private static final String CATALOGUE_SQL = "SELECT id, name, description, icon, category, rarity, "
            + "requirement_type, requirement_value, created_at FROM badge_definitions WHERE retired_at IS NULL "
            + "ORDER BY CASE rarity WHEN 'common' THEN 1 WHEN 'rare' THEN 2 WHEN 'epic' THEN 3 "
            + "WHEN 'legendary' THEN 4 ELSE 5 END, category, requirement_value, id";

    /** What an action was about, for the rules that count distinct things (categories, reactors, fails). */
    public record Context(String failId, String category, String countryCode, String reactorId) {
        public static final Context NONE = new Context(null, null, null, null);

        public static Context failPosted(String failId, String category, String countryCode) {
            return new Context(failId, category, countryCode, null);
        }

        public static Context onFail(String failId) {
            return new Context(failId, null, null, null);
        }

        public static Context reactionOn(String failId, String reactorId) {
            return new Context(failId, null, null, reactorId);
        }
    }

    private final Jdbc jdbc;
    private final AppSettings settings;
    private final Clock clock;
    /** The catalogue changes only with a migration: read once. */
    private volatile List<BadgeDefinition> catalogue;

    public BadgeService(Jdbc jdbc, AppSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    public List<BadgeDefinition> catalogue() {
        List<BadgeDefinition> all = catalogue;
        if (all == null) {
            all = List.copyOf(jdbc.read(c -> Jdbc.query(c, CATALOGUE_SQL,
                    rs -> new BadgeDefinition(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                            rs.getString("icon"), rs.getString("category"), rs.getString("rarity"),
                            new Requirements(rs.getString("requirement_type"), rs.getInt("requirement_value")),
                            Times.iso(rs.getObject("created_at", LocalDateTime.class))))));
            catalogue = all;
        }
        return all;
    }

    /** A definition as the original's check-unlock answers it: the table's row, snake_case. */
    public static Map<String, Object> definitionRow(BadgeDefinition b) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", b.id());
        row.put("name", b.name());
        row.put("description", b.description());
        row.put("icon", b.icon());
        row.put("category", b.category());
        row.put("rarity", b.rarity());
        row.put("requirement_type", b.requirements().type());
        row.put("requirement_value", b.requirements().value());
        row.put("created_at", b.createdAt());
        return row;
    }

    public List<UserBadge> badgesOf(String userId) {
        return jdbc.read(c -> Jdbc.query(c, "SELECT b.id, b.name, b.description, b.icon, b.category, b.rarity, "
                + "b.requirement_type, ub.unlocked_at FROM user_badges ub "
                + "JOIN badge_definitions b ON b.id = ub.badge_id WHERE ub.user_id = ? "
                + "ORDER BY ub.unlocked_at DESC, b.id",
                rs -> {
                    String at = Times.iso(rs.getObject("unlocked_at", LocalDateTime.class));
                    return new UserBadge(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                            rs.getString("icon"), rs.getString("category"), rs.getString("rarity"),
                            rs.getString("requirement_type"), at, at);
                }, userId));
    }

    /**
     * Unlocks what {@code trigger} earned {@code userId}. Runs after the action's transaction: a badge a few
     * milliseconds late is harmless, a longer lock on a hot fail row is not. Never fails the request.
     */
    public void unlockEarned(String userId, BadgeTrigger trigger, Context context) {
        try {
            jdbc.read(c -> unlock(c, userId, trigger, context));
        } catch (RuntimeException e) {
            LOG.warn("Badge check for {} failed: {}", userId, e.getMessage());
        }
    }

    /** POST /api/badges/check-unlock: every rule; answers the badges this call unlocked. */
    public List<BadgeDefinition> checkAll(String userId) {
        return jdbc.read(c -> unlock(c, userId, BadgeTrigger.FULL_CHECK, Context.NONE));
    }

    private List<BadgeDefinition> unlock(Connection c, String userId, BadgeTrigger trigger, Context context)
            throws SQLException {
        List<BadgeDefinition> candidates = new ArrayList<>();
        for (BadgeDefinition badge : catalogue()) {
            BadgeRule.of(badge.requirements().type())
                    .filter(rule -> !rule.unreachable() && rule.movedBy(trigger))
                    .ifPresent(rule -> candidates.add(badge));
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> owned = new HashSet<>(Jdbc.query(c, "SELECT badge_id FROM user_badges WHERE user_id = ?",
                rs -> rs.getString(1), userId));
        List<BadgeDefinition> missing = candidates.stream().filter(b -> !owned.contains(b.id())).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        Set<BadgeRule> rules = new HashSet<>();
        missing.forEach(b -> rules.add(BadgeRule.of(b.requirements().type()).orElseThrow()));
        recordMarks(c, userId, rules, context);
        BadgeFigures figures = new BadgeFigures(c, userId, LocalDate.now(clock));
        List<BadgeDefinition> unlocked = new ArrayList<>();
        for (BadgeDefinition badge : missing) {
            BadgeRule rule = BadgeRule.of(badge.requirements().type()).orElseThrow();
            if (rule.met(figures, badge.requirements().value())) {
                var now = Times.now(clock);
                // INSERT IGNORE: two concurrent checks may both see the badge missing; the unique key decides.
                if (Jdbc.update(c, "INSERT IGNORE INTO user_badges (id, user_id, badge_id, unlocked_at, created_at) "
                        + "VALUES (?, ?, ?, ?, ?)", Ids.newId(), userId, badge.id(), now, now) == 1) {
                    unlocked.add(badge);
                }
            }
        }
        return unlocked;
    }

    /** The distinct things this action adds, recorded only while a rule that counts them is still missing. */
    private void recordMarks(Connection c, String userId, Set<BadgeRule> rules, Context context) throws SQLException {
        if (context.category() != null && rules.contains(BadgeRule.CATEGORIES_USED)) {
            mark(c, userId, BadgeMark.CATEGORY.of(context.category()));
        }
        if (context.countryCode() != null && rules.contains(BadgeRule.COUNTRIES_COUNT)) {
            mark(c, userId, BadgeMark.COUNTRY.of(context.countryCode()));
        }
        if (context.reactorId() != null
                && (rules.contains(BadgeRule.UNIQUE_INTERACTIONS) || rules.contains(BadgeRule.INSPIRED_USERS))) {
            mark(c, userId, BadgeMark.REACTOR.of(context.reactorId()));
        }
        if (context.failId() != null && context.reactorId() != null && rules.contains(BadgeRule.FUNNY_FAILS)
                && failCounter(c, "laugh_count", context.failId()) >= settings.badgeThresholds(c).laughsPerFail()) {
            mark(c, userId, BadgeMark.FUNNY.of(context.failId()));
        }
        if (context.failId() != null && context.reactorId() == null && rules.contains(BadgeRule.POPULAR_DISCUSSIONS)
                && failCounter(c, "comments_count", context.failId()) >= settings.badgeThresholds(c).commentsPerFail()) {
            mark(c, userId, BadgeMark.DISCUSSION.of(context.failId()));
        }
    }

    private static long failCounter(Connection c, String column, String failId) throws SQLException {
        // The column is one of two constants of this class.
        return Jdbc.count(c, "SELECT " + column + " FROM fails WHERE id = ?", failId);
    }

    private static void mark(Connection c, String userId, String mark) throws SQLException {
        Jdbc.update(c, "INSERT IGNORE INTO user_badge_marks (user_id, mark) VALUES (?, ?)", userId, mark);
    }
}
