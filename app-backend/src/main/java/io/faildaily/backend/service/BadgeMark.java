package io.faildaily.backend.service;

/** The kinds of distinct things a badge rule counts, kept in user_badge_marks as "<prefix><value>" (V9). */
public enum BadgeMark {
    CATEGORY("category:"),
    COUNTRY("country:"),
    /** A member who reacted to one of the author's fails (the author included). */
    REACTOR("reactor:"),
    /** One of the author's fails with at least badge_thresholds.funny_fails.laughsPerFail laughs. */
    FUNNY("funny:"),
    /** One of the author's fails with at least badge_thresholds.popular_discussions.commentsPerFail comments. */
    DISCUSSION("discussion:");

    private final String prefix;

    BadgeMark(String prefix) {
        this.prefix = prefix;
    }

    public String of(String value) {
        return prefix + value;
    }

    String prefix() {
        return prefix;
    }
}
