package io.faildaily.backend.service;

import static io.faildaily.backend.service.BadgeTrigger.COMMENT_RECEIVED;
import static io.faildaily.backend.service.BadgeTrigger.COMMENT_WRITTEN;
import static io.faildaily.backend.service.BadgeTrigger.FAIL_POSTED;
import static io.faildaily.backend.service.BadgeTrigger.LOGGED_IN;
import static io.faildaily.backend.service.BadgeTrigger.POINTS_CHANGED;
import static io.faildaily.backend.service.BadgeTrigger.PROFILE_CHANGED;
import static io.faildaily.backend.service.BadgeTrigger.REACTION_GIVEN;
import static io.faildaily.backend.service.BadgeTrigger.REACTION_RECEIVED;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The unlock rule of each requirement type of the original's catalogue (specification §15): the figure it
 * compares with the badge's value ("at least", user_rank "at most") and the triggers that can move that figure,
 * so that an action checks only the rules it can change. Types the original never evaluates never unlock.
 */
public enum BadgeRule {
    FAIL_COUNT("fail_count", BadgeFigures::fails, FAIL_POSTED),
    REACTION_GIVEN_COUNT("reaction_given", BadgeFigures::reactionsGiven, REACTION_GIVEN),
    REACTIONS_RECEIVED("reactions_received", BadgeFigures::reactionsFromOthers, REACTION_RECEIVED),
    FIRST_REACTION("first_reaction", BadgeFigures::reactionsFromOthers, REACTION_RECEIVED),
    LAUGH_REACTIONS("laugh_reactions", BadgeFigures::laughsReceived, REACTION_RECEIVED),
    TOTAL_LAUGHS("total_laughs", BadgeFigures::laughsReceived, REACTION_RECEIVED),
    SUPPORT_GIVEN("support_given", f -> f.reactionsGiven(ReactionType.SUPPORT), REACTION_GIVEN),
    EMPATHY_GIVEN("empathy_given", f -> f.reactionsGiven(ReactionType.EMPATHY), REACTION_GIVEN),
    POSITIVE_REACTIONS("positive_reactions", BadgeFigures::reactionsReceived, REACTION_RECEIVED),
    HELP_COUNT("help_count", BadgeFigures::commentsWritten, COMMENT_WRITTEN),
    HELPFUL_COMMENTS("helpful_comments", BadgeFigures::commentsWritten, COMMENT_WRITTEN),
    UNIQUE_INTERACTIONS("unique_interactions", BadgeFigures::reactors, REACTION_RECEIVED),
    INSPIRED_USERS("inspired_users", BadgeFigures::otherReactors, REACTION_RECEIVED),
    CATEGORIES_USED("categories_used", f -> f.marks(BadgeMark.CATEGORY), FAIL_POSTED),
    COUNTRIES_COUNT("countries_count", f -> f.marks(BadgeMark.COUNTRY), FAIL_POSTED),
    ACTIVE_MONTHS("active_months", f -> f.progress("fail_months"), FAIL_POSTED),
    POSITIVE_DAYS("positive_days", f -> f.progress("fail_days"), FAIL_POSTED),
    LONG_STREAKS("long_streaks", f -> f.progress("longest_fail_streak"), FAIL_POSTED),
    WEEKEND_FAILS("weekend_fails", f -> f.progress("weekend_fails"), FAIL_POSTED),
    HOLIDAY_FAILS("holiday_fails", f -> f.progress("holiday_fails"), FAIL_POSTED),
    NEW_YEAR_FAIL("new_year_fail", f -> f.progress("new_year_fails"), FAIL_POSTED),
    BOUNCE_BACK_COUNT("bounce_back_count", f -> f.progress("gaps_over_30_days"), FAIL_POSTED),
    COMEBACK_COUNT("comeback_count", f -> f.progress("gaps_over_30_days"), FAIL_POSTED),
    MAJOR_COMEBACKS("major_comebacks", f -> f.progress("gaps_over_90_days"), FAIL_POSTED),
    RESILIENCE_COUNT("resilience_count", f -> f.progress("resilience_fails"), FAIL_POSTED),
    FUNNY_FAILS("funny_fails", f -> f.marks(BadgeMark.FUNNY), REACTION_RECEIVED),
    POPULAR_DISCUSSIONS("popular_discussions", f -> f.marks(BadgeMark.DISCUSSION), COMMENT_RECEIVED),
    USER_RANK("user_rank", null, FAIL_POSTED, REACTION_RECEIVED, POINTS_CHANGED),
    BETA_PARTICIPATION("beta_participation", BadgeFigures::joinedBeforeBeta, FAIL_POSTED, COMMENT_WRITTEN,
            REACTION_GIVEN, LOGGED_IN),
    ANNIVERSARY_PARTICIPATION("anniversary_participation", BadgeFigures::activeOnAnniversary, FAIL_POSTED,
            COMMENT_WRITTEN, REACTION_GIVEN, LOGGED_IN),
    FEATURES_USED("features_used", BadgeFigures::featuresUsed, PROFILE_CHANGED),
    LOGIN_DAYS("login_days", f -> f.progress("login_days"), LOGGED_IN),
    STREAK_DAYS("streak_days", f -> f.progress("longest_login_streak"), LOGGED_IN),
    ADVICE_GIVEN("advice_given", null),
    CHALLENGES_OVERCOME("challenges_overcome", null),
    MIDNIGHT_FAIL("midnight_fail", null),
    RESILIENCE_FAILS("resilience_fails", null),
    TRENDS_CREATED("trends_created", null);

    private static final Map<String, BadgeRule> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(BadgeRule::type, Function.identity()));

    private final String type;
    private final Figure figure;
    private final Set<BadgeTrigger> triggers;

    BadgeRule(String type, Figure figure, BadgeTrigger... triggers) {
        this.type = type;
        this.figure = figure;
        this.triggers = triggers.length == 0 ? EnumSet.noneOf(BadgeTrigger.class) : EnumSet.of(triggers[0], triggers);
    }

    public String type() {
        return type;
    }

    public static Optional<BadgeRule> of(String requirementType) {
        return Optional.ofNullable(BY_TYPE.get(requirementType));
    }

    /** Whether {@code trigger} can move this rule's figure (a full check moves every rule that has one). */
    public boolean movedBy(BadgeTrigger trigger) {
        return trigger == BadgeTrigger.FULL_CHECK || triggers.contains(trigger);
    }

    /** Whether the rule never unlocks (the original has no evaluator for it). */
    public boolean unreachable() {
        return figure == null && this != USER_RANK;
    }

    public boolean met(BadgeFigures figures, int value) throws SQLException {
        if (this == USER_RANK) {
            return figures.rankAtMost(value);
        }
        return figure != null && figure.of(figures) >= value;
    }

    @FunctionalInterface
    interface Figure {
        long of(BadgeFigures figures) throws SQLException;
    }
}
