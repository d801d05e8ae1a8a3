package io.faildaily.backend.service;

/** What a member just did (or had done to their content): each moves the figures of some badge rules only. */
public enum BadgeTrigger {
    FAIL_POSTED,
    COMMENT_WRITTEN,
    /** A comment was added to one of the member's fails. */
    COMMENT_RECEIVED,
    REACTION_GIVEN,
    /** Someone (the author included) reacted to one of the member's fails. */
    REACTION_RECEIVED,
    LOGGED_IN,
    PROFILE_CHANGED,
    POINTS_CHANGED,
    /** POST /api/badges/check-unlock: every rule. */
    FULL_CHECK
}
