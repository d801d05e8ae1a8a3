package io.faildaily.backend.service;

import static io.faildaily.backend.service.ApiException.badRequest;

import io.faildaily.backend.persistence.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The staff's configuration routes (E28-E36) over {@link AppSettings}: the points, the reactions' points, the
 * moderation thresholds, and the e-mail and push switches, with the original's shapes. A number a setting cannot
 * take (negative, fractional, over {@link PointsSettings#MAX}) is refused with 400 INVALID_SETTING rather than
 * stored; a value that is not a number keeps the current one, as the original did.
 */
public final class StaffSettings {
    static final String EMAIL = "email";
    static final String PUSH = "push";

    private final Jdbc jdbc;
    private final AppSettings settings;

    public StaffSettings(Jdbc jdbc, AppSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** E28. */
    public Map<String, Object> pointsConfig() {
        return jdbc.read(this::pointsConfig);
    }

    private Map<String, Object> pointsConfig(Connection c) throws SQLException {
        PointsSettings p = settings.points(c);
        Map<String, Object> config = new LinkedHashMap<>(p.storedPoints());
        config.put("failCreate", p.failCreate());
        config.put("commentCreate", p.commentCreate());
        config.put("reactionRemovePenalty", p.reactionRemovePenalty());
        for (ReactionType t : ReactionType.values()) {
            config.put(reactionField(t), p.forReaction(t));
        }
        config.put("dailyBonus", p.dailyBonus());
        return config;
    }

    /** E29: rewrites {@code points} as its four fields and {@code reaction_points} as its four. */
    public Map<String, Object> updatePoints(Map<String, Object> body) {
        return jdbc.inTransaction(c -> {
            PointsSettings current = settings.points(c);
            Map<String, Object> points = new LinkedHashMap<>();
            points.put("failCreate", amount(body, "failCreate", current.failCreate()));
            points.put("commentCreate", amount(body, "commentCreate", current.commentCreate()));
            points.put("reactionRemovePenalty", body.get("reactionRemovePenalty") instanceof Boolean b ? b
                    : current.reactionRemovePenalty());
            int bonusNow = current.storedPoints().containsKey("dailyBonus") ? current.dailyBonus() : 5;
            points.put("dailyBonus", amount(body, "dailyBonus", bonusNow));
            Map<String, Object> reactions = new LinkedHashMap<>();
            for (ReactionType t : ReactionType.values()) {
                reactions.put(t.wireName(), amount(body, reactionField(t), current.forReaction(t)));
            }
            settings.write(c, PointsSettings.POINTS, points);
            settings.write(c, PointsSettings.REACTION_POINTS, reactions);
            return pointsConfig(c);
        });
    }

    /** E30. */
    public Map<String, Object> reactionsConfig() {
        PointsSettings p = settings.points();
        Map<String, Object> config = new LinkedHashMap<>();
        for (ReactionType t : ReactionType.values()) {
            config.put(t.wireName(), p.forReaction(t));
        }
        return config;
    }

    /** E31. */
    public Map<String, Object> updateReactions(Map<String, Object> body) {
        jdbc.inTransaction(c -> {
            PointsSettings current = settings.points(c);
            Map<String, Object> reactions = new LinkedHashMap<>();
            for (ReactionType t : ReactionType.values()) {
                reactions.put(t.wireName(), amount(body, t.wireName(), current.forReaction(t)));
            }
            settings.write(c, PointsSettings.REACTION_POINTS, reactions);
            return null;
        });
        return reactionsConfig();
    }

    /** E32: the five sections, each over its defaults. */
    public Map<String, Object> all() {
        return jdbc.read(this::all);
    }

    private Map<String, Object> all(Connection c) throws SQLException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(PointsSettings.POINTS, settings.read(c, PointsSettings.POINTS, PointsSettings.POINT_DEFAULTS));
        config.put(PointsSettings.REACTION_POINTS, settings.read(c, PointsSettings.REACTION_POINTS,
                PointsSettings.reactionDefaults()));
        config.put(AppSettings.MODERATION, settings.moderation(c).asConfig());
        config.put(EMAIL, settings.read(c, EMAIL, Map.of("enabled", false)));
        config.put(PUSH, settings.read(c, PUSH, Map.of("enabled", false, "provider", "fcm")));
        return config;
    }

    /** E33: each section given is merged into its current value; all five are written. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> updateAll(Map<String, Object> body) {
        return jdbc.inTransaction(c -> {
            Map<String, Object> current = all(c);
            if (body.get(PointsSettings.POINTS) instanceof Map<?, ?> given) {
                Map<String, Object> points = new LinkedHashMap<>((Map<String, Object>) current.get(PointsSettings.POINTS));
                for (String field : List.of("failCreate", "commentCreate")) {
                    if (given.containsKey(field)) {
                        points.put(field, amount((Map<String, Object>) given, field, 0));
                    }
                }
                if (given.containsKey("reactionRemovePenalty")) {
                    points.put("reactionRemovePenalty", truthy(given.get("reactionRemovePenalty")));
                }
                current.put(PointsSettings.POINTS, points);
            }
            if (body.get(PointsSettings.REACTION_POINTS) instanceof Map<?, ?> given) {
                Map<String, Object> reactions = new LinkedHashMap<>(
                        (Map<String, Object>) current.get(PointsSettings.REACTION_POINTS));
                for (ReactionType t : ReactionType.values()) {
                    if (given.containsKey(t.wireName())) {
                        reactions.put(t.wireName(), amount((Map<String, Object>) given, t.wireName(), 0));
                    }
                }
                current.put(PointsSettings.REACTION_POINTS, reactions);
            }
            if (body.get(AppSettings.MODERATION) instanceof Map<?, ?> given) {
                current.put(AppSettings.MODERATION, settings.moderation(c).with((Map<String, Object>) given).asConfig());
            }
            if (body.get(EMAIL) instanceof Map<?, ?> given && given.get("enabled") instanceof Boolean b) {
                Map<String, Object> email = new LinkedHashMap<>((Map<String, Object>) current.get(EMAIL));
                email.put("enabled", b);
                current.put(EMAIL, email);
            }
            if (body.get(PUSH) instanceof Map<?, ?> given) {
                Map<String, Object> push = new LinkedHashMap<>((Map<String, Object>) current.get(PUSH));
                if (given.get("enabled") instanceof Boolean b) {
                    push.put("enabled", b);
                }
                if (given.get("provider") instanceof String p && !p.isBlank()) {
                    push.put("provider", p);
                }
                current.put(PUSH, push);
            }
            for (Map.Entry<String, Object> section : current.entrySet()) {
                settings.write(c, section.getKey(), (Map<String, Object>) section.getValue());
            }
            return all(c);
        });
    }

    /** E34a / E35a. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String key) {
        return (Map<String, Object>) all().get(key);
    }

    /** E34b: stores exactly {enabled}. */
    public Map<String, Object> updateEmail(Object enabled) {
        Map<String, Object> email = Map.of("enabled", Boolean.TRUE.equals(enabled));
        jdbc.inTransaction(c -> {
            settings.write(c, EMAIL, email);
            return null;
        });
        return section(EMAIL);
    }

    /** E35b: stores exactly {enabled, provider}. */
    public Map<String, Object> updatePush(Object enabled, Object provider) {
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("enabled", Boolean.TRUE.equals(enabled));
        push.put("provider", provider instanceof String p && !p.isBlank() ? p : "fcm");
        jdbc.inTransaction(c -> {
            settings.write(c, PUSH, push);
            return null;
        });
        return section(PUSH);
    }

    /** E36: the original's restore values (not its seeds: the comment threshold 2, a daily bonus of 5). */
    public List<String> restore() {
        jdbc.inTransaction(c -> {
            settings.write(c, PointsSettings.POINTS, Map.of("failCreate", 10, "commentCreate", 2,
                    "reactionRemovePenalty", true, "dailyBonus", 5));
            settings.write(c, PointsSettings.REACTION_POINTS, PointsSettings.reactionDefaults());
            settings.write(c, AppSettings.MODERATION, Map.of(ModerationSettings.FAIL_THRESHOLD, 3,
                    ModerationSettings.COMMENT_THRESHOLD, 2, ModerationSettings.REFRESH, 20));
            return null;
        });
        return List.of(PointsSettings.POINTS, PointsSettings.REACTION_POINTS, AppSettings.MODERATION);
    }

    private static String reactionField(ReactionType t) {
        return "reaction" + Character.toUpperCase(t.wireName().charAt(0)) + t.wireName().substring(1);
    }

    /** A points amount from the body: not a number keeps {@code current}; a number out of range is refused. */
    private static int amount(Map<String, Object> body, String field, int current) {
        Object v = body.get(field);
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return current;
        }
        if (n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0 || n.longValue() > PointsSettings.MAX) {
            throw badRequest("INVALID_SETTING", "'" + field + "' doit être un nombre entier de 0 à " + PointsSettings.MAX);
        }
        return n.intValue();
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : v instanceof Number n ? n.doubleValue() != 0
                : v instanceof String s && !s.isEmpty();
    }
}
