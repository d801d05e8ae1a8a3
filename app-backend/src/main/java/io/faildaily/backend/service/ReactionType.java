package io.faildaily.backend.service;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four reactions of the original and what each gives the fail's author in courage points by default (the
 * settings' {@code reaction_points} say what it gives now).
 * The counter column is chosen here from a closed set, never from request text.
 */
public enum ReactionType {
    COURAGE("courage", "courage_count", 5),
    EMPATHY("empathy", "empathy_count", 2),
    LAUGH("laugh", "laugh_count", 3),
    SUPPORT("support", "support_count", 3);

    private final String wireName;
    private final String counterColumn;
    private final int authorPoints;

    ReactionType(String wireName, String counterColumn, int authorPoints) {
        this.wireName = wireName;
        this.counterColumn = counterColumn;
        this.authorPoints = authorPoints;
    }

    public String wireName() {
        return wireName;
    }

    public String counterColumn() {
        return counterColumn;
    }

    public int authorPoints() {
        return authorPoints;
    }

    public static Optional<ReactionType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(value)).findFirst();
    }
}
