package io.faildaily.operator.testing;

import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;

/** FailDaily objects for tests. */
public final class FailDailies {
    private FailDailies() {}

    public static FailDaily of(String namespace, String name) {
        return of(namespace, name, spec -> { });
    }

    /** A new object to create on an API server: no uid or generation, which the server assigns. */
    public static FailDaily toCreate(String namespace, String name) {
        return toCreate(namespace, name, spec -> { });
    }

    public static FailDaily toCreate(String namespace, String name, Consumer<FailDailySpec> customise) {
        return asNew(of(namespace, name, customise));
    }

    /** Clears what the server assigns, so the object can be created. */
    public static FailDaily asNew(FailDaily fd) {
        fd.getMetadata().setUid(null);
        fd.getMetadata().setGeneration(null);
        return fd;
    }

    /** An object as the operator reads it from the server: with a uid and generation 1. */
    public static FailDaily of(String namespace, String name, Consumer<FailDailySpec> customise) {
        FailDaily fd = new FailDaily();
        fd.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withUid(name + "-uid")
                .withGeneration(1L).build());
        FailDailySpec spec = new FailDailySpec();
        customise.accept(spec);
        fd.setSpec(spec);
        return fd;
    }
}
