package io.faildaily.operator.testing;

import java.util.Map;

import io.faildaily.operator.api.DefaultImages;

/**
 * Default images installed for one test and the previous ones put back after it: the spec getters read a
 * setting of the whole process, as the operator installs it once at start-up.
 */
public final class InstalledDefaultImages implements AutoCloseable {
    private final DefaultImages previous = DefaultImages.current();

    private InstalledDefaultImages(DefaultImages images) {
        DefaultImages.install(images);
    }

    /** The defaults of an operator started with {@code environment}. */
    public static InstalledDefaultImages fromEnvironment(Map<String, String> environment) {
        return new InstalledDefaultImages(DefaultImages.fromEnvironment(environment));
    }

    @Override
    public void close() {
        DefaultImages.install(previous);
    }
}
