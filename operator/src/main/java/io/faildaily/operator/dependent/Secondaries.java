package io.faildaily.operator.dependent;

import java.util.Optional;

import io.faildaily.operator.api.FailDaily;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.NoEventSourceForClassException;

/** Reads child objects from the informers' caches. */
public final class Secondaries {
    private Secondaries() {}

    /**
     * The child of the given type that the named dependent manages, if its informer has it. The informer
     * of a dependent with an activation condition starts only when the condition first holds, possibly
     * after a read in the same reconciliation: until then there is nothing to see.
     */
    public static <R> Optional<R> of(Context<FailDaily> context, Class<R> type, String dependentName) {
        try {
            return context.getSecondaryResource(type, dependentName);
        } catch (NoEventSourceForClassException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
