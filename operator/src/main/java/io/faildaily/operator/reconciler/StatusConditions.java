package io.faildaily.operator.reconciler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Builds a condition list from the previous one: a condition whose status did not change keeps its
 * lastTransitionTime, as the API conventions ask, so an unchanged state patches nothing.
 */
final class StatusConditions {
    private final List<Condition> previous;
    private final Long generation;
    private final String now;
    private final List<Condition> next = new ArrayList<>();

    StatusConditions(List<Condition> previous, Long generation, Instant now) {
        this.previous = previous;
        this.generation = generation;
        this.now = now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    StatusConditions set(String type, boolean status, String reason, String message) {
        String value = status ? "True" : "False";
        String since = previous.stream()
                .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .findFirst()
                .orElse(now);
        next.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build());
        return this;
    }

    /** Carries every previous condition over unchanged, except the one of {@code type}. */
    StatusConditions keepAllBut(String type) {
        previous.stream().filter(c -> !type.equals(c.getType())).forEach(next::add);
        return this;
    }

    StatusConditions set(String type, StatusAggregator.Part part) {
        return set(type, part.ready(), part.reason(), part.message());
    }

    /** Sets one condition for each entry, in the map's order. */
    StatusConditions setAll(java.util.Map<String, StatusAggregator.Part> parts) {
        parts.forEach(this::set);
        return this;
    }

    /** Sets the condition only when there is something to say. */
    StatusConditions setIfPresent(String type, java.util.Optional<StatusAggregator.Part> part) {
        part.ifPresent(p -> set(type, p));
        return this;
    }

    List<Condition> build() {
        return new ArrayList<>(next);
    }
}
