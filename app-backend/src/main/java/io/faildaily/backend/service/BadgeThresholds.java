package io.faildaily.backend.service;

import java.util.Map;

/**
 * The per-fail thresholds of two badge rules (app_config key {@code badge_thresholds}, not seeded): how many laughs
 * make a fail "funny" and how many comments make it a "popular discussion". Defaults are the original's fallbacks.
 */
public record BadgeThresholds(int laughsPerFail, int commentsPerFail) {
    public static final String KEY = "badge_thresholds";
    public static final Map<String, Object> DEFAULTS = Map.of(
            "funny_fails", Map.of("laughsPerFail", 5),
            "trends_created", Map.of("reactionsPerFail", 20),
            "popular_discussions", Map.of("commentsPerFail", 25));
    static final BadgeThresholds FALLBACK = new BadgeThresholds(5, 25);

    static BadgeThresholds from(Map<String, Object> merged) {
        return new BadgeThresholds(positive(merged.get("funny_fails"), "laughsPerFail", FALLBACK.laughsPerFail()),
                positive(merged.get("popular_discussions"), "commentsPerFail", FALLBACK.commentsPerFail()));
    }

    private static int positive(Object section, String field, int fallback) {
        if (section instanceof Map<?, ?> m && m.get(field) instanceof Number n && n.intValue() >= 1) {
            return n.intValue();
        }
        return fallback;
    }
}
