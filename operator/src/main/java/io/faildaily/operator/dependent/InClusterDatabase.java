package io.faildaily.operator.dependent;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.operator.api.FailDaily;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.NoEventSourceForClassException;

/** Reads the database StatefulSet from its informer's cache. */
public final class InClusterDatabase {
    private InClusterDatabase() {}

    /**
     * The StatefulSet, if the informer has it. Its informer starts with its activation condition, possibly
     * after this first read in the very first reconciliation: until then there is nothing to see.
     */
    public static Optional<StatefulSet> statefulSet(Context<FailDaily> context) {
        try {
            return context.getSecondaryResource(StatefulSet.class, DatabaseStatefulSetDependent.NAME);
        } catch (NoEventSourceForClassException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
