package io.faildaily.operator.cli;

import java.util.Map;

import io.faildaily.operator.api.DefaultImages;

/**
 * The default images of the operator's environment, installed before any FailDaily is read: {@code run}
 * and {@code render} both start here, so that {@code render} shows what the operator would create.
 */
final class EnvironmentImages {
    private EnvironmentImages() {}

    /** A bad value is a {@link CliError} whose message names the variable. */
    static DefaultImages install(Map<String, String> environment) throws CliError {
        DefaultImages images;
        try {
            images = DefaultImages.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            throw new CliError(e.getMessage());
        }
        DefaultImages.install(images);
        return images;
    }
}
