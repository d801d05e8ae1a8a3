package io.faildaily.backend.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The moderation settings (app_config key {@code moderation}): how many distinct users' reports hide a fail or a
 * comment, and how often the staff's moderation page refreshes. Defaults are the original's seeds (3, 3, 20 s);
 * the original fell back to 1 report when the row was missing, which would let any one member hide anything.
 */
public record ModerationSettings(int failReportThreshold, int commentReportThreshold, int panelAutoRefreshSec,
                                 Map<String, Object> stored) {
    public static final String FAIL_THRESHOLD = "failReportThreshold";
    public static final String COMMENT_THRESHOLD = "commentReportThreshold";
    public static final String REFRESH = "panelAutoRefreshSec";
    public static final Map<String, Object> DEFAULTS = Map.of(FAIL_THRESHOLD, 3, COMMENT_THRESHOLD, 3, REFRESH, 20);
    static final int MIN_REFRESH = 5;

    static ModerationSettings from(Map<String, Object> merged) {
        return new ModerationSettings(threshold(merged.get(FAIL_THRESHOLD)), threshold(merged.get(COMMENT_THRESHOLD)),
                refresh(merged.get(REFRESH)), merged);
    }

    /**
     * E19: the given fields over the current ones. A threshold that is not a positive number becomes 1 (the
     * original stored negative numbers as sent); the refresh is at least 5 s, 20 when not a number.
     */
    ModerationSettings with(Map<String, Object> changes) {
        Map<String, Object> next = new LinkedHashMap<>(stored);
        if (changes.containsKey(FAIL_THRESHOLD)) {
            next.put(FAIL_THRESHOLD, threshold(changes.get(FAIL_THRESHOLD)));
        }
        if (changes.containsKey(COMMENT_THRESHOLD)) {
            next.put(COMMENT_THRESHOLD, threshold(changes.get(COMMENT_THRESHOLD)));
        }
        if (changes.containsKey(REFRESH)) {
            next.put(REFRESH, refresh(changes.get(REFRESH)));
        }
        return from(next);
    }

    /** What E18/E19 answer: the stored object with the three values as they apply. */
    Map<String, Object> asConfig() {
        Map<String, Object> config = new LinkedHashMap<>(stored);
        config.put(FAIL_THRESHOLD, failReportThreshold);
        config.put(COMMENT_THRESHOLD, commentReportThreshold);
        config.put(REFRESH, panelAutoRefreshSec);
        return config;
    }

    private static int threshold(Object value) {
        return value instanceof Number n && n.longValue() >= 1 ? (int) Math.min(n.longValue(), Integer.MAX_VALUE) : 1;
    }

    private static int refresh(Object value) {
        return value instanceof Number n ? (int) Math.max(MIN_REFRESH, Math.min(n.longValue(), 86_400)) : 20;
    }
}
