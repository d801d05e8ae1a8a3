package io.faildaily.backend.service;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What actions earn (app_config keys {@code points} and {@code reaction_points}), read when the action happens:
 * a new fail, a comment (taken back when it is deleted), and each reaction to someone else's fail for its
 * author. {@code reactionRemovePenalty} and {@code dailyBonus} are kept and shown, and change nothing, as in the
 * original. A deletion takes back what the setting says at the time of the deletion, as the original did.
 */
public record PointsSettings(int failCreate, int commentCreate, boolean reactionRemovePenalty, int dailyBonus,
                             Map<ReactionType, Integer> reactions, Map<String, Object> storedPoints) {
    public static final String POINTS = "points";
    public static final String REACTION_POINTS = "reaction_points";
    public static final Map<String, Object> POINT_DEFAULTS = Map.of("failCreate", 10, "commentCreate", 2,
            "reactionRemovePenalty", true);
    /** Most points one setting may give: a typo must not hand out millions. */
    public static final int MAX = 10_000;

    public static Map<String, Object> reactionDefaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ReactionType t : ReactionType.values()) {
            m.put(t.wireName(), t.authorPoints());
        }
        return m;
    }

    static PointsSettings from(Map<String, Object> points, Map<String, Object> reactionPoints) {
        Map<ReactionType, Integer> reactions = new EnumMap<>(ReactionType.class);
        for (ReactionType t : ReactionType.values()) {
            reactions.put(t, amount(reactionPoints.get(t.wireName()), t.authorPoints()));
        }
        return new PointsSettings(amount(points.get("failCreate"), 10), amount(points.get("commentCreate"), 2),
                !Boolean.FALSE.equals(points.get("reactionRemovePenalty")), amount(points.get("dailyBonus"), 0),
                reactions, points);
    }

    public int forReaction(ReactionType type) {
        return reactions.get(type);
    }

    /** A stored amount; anything but a whole number from 0 to MAX means the default. */
    static int amount(Object value, int fallback) {
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 0
                && n.longValue() <= MAX ? n.intValue() : fallback;
    }
}
