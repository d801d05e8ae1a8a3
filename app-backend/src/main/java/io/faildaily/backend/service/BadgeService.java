package io.faildaily.backend.service;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.Times;
import io.faildaily.backend.service.Views.BadgeDefinition;
import io.faildaily.backend.service.Views.Requirements;
import io.faildaily.backend.service.Views.UserBadge;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The badge catalogue (seeded by a migration) and the unlocking of badges whose requirement is met. */
public final class BadgeService {
    private static final Logger LOG = LoggerFactory.getLogger(BadgeService.class);
    /** Requirement types each action can move. */
    public static final Set<String> AFTER_FAIL = Set.of("fail_count", "courage_points");
    public static final Set<String> AFTER_COMMENT = Set.of("comment_count", "courage_points");
    public static final Set<String> AFTER_REACTION_GIVEN = Set.of("reaction_given");
    public static final Set<String> AFTER_REACTION_RECEIVED = Set.of("courage_received", "courage_points");
    public static final Set<String> AFTER_POINTS = Set.of("courage_points");
    private static final String CATALOGUE_ORDER = " ORDER BY CASE rarity WHEN 'common' THEN 1 WHEN 'rare' THEN 2 "
            + "WHEN 'epic' THEN 3 WHEN 'legendary' THEN 4 ELSE 5 END, category, requirement_value, id";

    private final Jdbc jdbc;
    private final Clock clock;

    public BadgeService(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<BadgeDefinition> catalogue() {
        return jdbc.read(c -> Jdbc.query(c, "SELECT id, name, description, icon, category, rarity, requirement_type, "
                + "requirement_value, created_at FROM badge_definitions" + CATALOGUE_ORDER,
                rs -> new BadgeDefinition(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                        rs.getString("icon"), rs.getString("category"), rs.getString("rarity"),
                        new Requirements(rs.getString("requirement_type"), rs.getInt("requirement_value")),
                        Times.iso(rs.getObject("created_at", LocalDateTime.class)))));
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
     * Unlocks the badges of the given requirement types that {@code userId} now qualifies for (only the types an
     * action can change are checked, and only badges not yet unlocked cost a count). Runs after the action's transaction: a badge a few
     * milliseconds late is harmless, a longer lock on a hot fail row is not. Never fails the request.
     */
    public void unlockEarned(String userId, Set<String> requirementTypes) {
        try {
            jdbc.read(c -> {
                unlockEarned(c, userId, requirementTypes);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Badge check for {} failed: {}", userId, e.getMessage());
        }
    }

    private void unlockEarned(Connection c, String userId, Set<String> types) throws SQLException {
        List<String[]> missing = new ArrayList<>();
        for (String[] badge : Jdbc.query(c, "SELECT b.id, b.requirement_type, b.requirement_value "
                + "FROM badge_definitions b LEFT JOIN user_badges ub ON ub.badge_id = b.id AND ub.user_id = ? "
                + "WHERE ub.id IS NULL",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, userId)) {
            if (types.contains(badge[1])) {
                missing.add(badge);
            }
        }
        var metrics = new java.util.HashMap<String, Long>();
        for (String[] badge : missing) {
            String type = badge[1];
            Long value = metrics.get(type);
            if (value == null) {
                value = metric(c, userId, type);
                metrics.put(type, value);
            }
            if (value >= Long.parseLong(badge[2])) {
                var now = Times.now(clock);
                // INSERT IGNORE: two concurrent checks may both see the badge missing; the unique key decides.
                Jdbc.update(c, "INSERT IGNORE INTO user_badges (id, user_id, badge_id, unlocked_at, created_at) "
                        + "VALUES (?, ?, ?, ?, ?)", Ids.newId(), userId, badge[0], now, now);
            }
        }
    }

    private static long metric(Connection c, String userId, String requirementType) throws SQLException {
        return switch (requirementType) {
            case "fail_count" -> Jdbc.count(c, "SELECT fails_count FROM profiles WHERE user_id = ?", userId);
            case "reaction_given" -> Jdbc.count(c, "SELECT COUNT(*) FROM reactions WHERE user_id = ?", userId);
            case "comment_count" -> Jdbc.count(c, "SELECT COUNT(*) FROM comments WHERE user_id = ?", userId);
            case "courage_received" -> Jdbc.count(c, "SELECT courage_received FROM profiles WHERE user_id = ?", userId);
            case "courage_points" -> PointsLedger.total(c, userId);
            default -> -1; // an unknown requirement in the catalogue never unlocks
        };
    }
}
