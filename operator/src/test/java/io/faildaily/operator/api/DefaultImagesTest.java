package io.faildaily.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The operator's default images from its environment: precedence, the registry mirror, one-line errors. */
class DefaultImagesTest {
    static final String MIRROR = "registry.internal:5000/mirror";

    @Test
    void anEnvironmentWithoutTheVariablesGivesTheBuiltInImages() {
        DefaultImages images = DefaultImages.fromEnvironment(Map.of("PATH", "/usr/bin", "FAILDAILY_LOG_LEVEL", "DEBUG"));
        assertThat(images).isEqualTo(DefaultImages.BUILT_IN);
        assertThat(images.database()).isEqualTo(Defaults.DATABASE_IMAGE);
        assertThat(images.backend()).isEqualTo(Defaults.BACKEND_IMAGE);
        assertThat(images.frontend()).isEqualTo(Defaults.FRONTEND_IMAGE);
        assertThat(images.pullSecrets()).isEmpty();
    }

    @Test
    void theRegistryMovesEveryBuiltInImage() {
        DefaultImages images = DefaultImages.fromEnvironment(Map.of(DefaultImages.REGISTRY, MIRROR));
        assertThat(images.database()).isEqualTo(MIRROR + "/library/mysql:8.0.43");
        assertThat(images.backend()).isEqualTo(MIRROR + "/faildaily/faildaily-backend:0.1.0");
        assertThat(images.frontend()).isEqualTo(MIRROR + "/nginxinc/nginx-unprivileged:1.28.0-alpine");
    }

    @Test
    void aFullReferenceWinsOverTheRegistryAndIsTakenAsItIs() {
        DefaultImages images = DefaultImages.fromEnvironment(Map.of(DefaultImages.REGISTRY, MIRROR,
                DefaultImages.BACKEND, "harbor.corp/apps/faildaily-backend:0.1.0-patched",
                DefaultImages.DATABASE, "mysql:8.0.44"));
        assertThat(images.backend()).isEqualTo("harbor.corp/apps/faildaily-backend:0.1.0-patched");
        assertThat(images.database()).as("not moved to the registry").isEqualTo("mysql:8.0.44");
        assertThat(images.frontend()).isEqualTo(MIRROR + "/nginxinc/nginx-unprivileged:1.28.0-alpine");

        DefaultImages frontendOnly = DefaultImages.fromEnvironment(Map.of(DefaultImages.FRONTEND, "nginx:1.29"));
        assertThat(frontendOnly.frontend()).isEqualTo("nginx:1.29");
        assertThat(frontendOnly.database()).isEqualTo(Defaults.DATABASE_IMAGE);
        assertThat(frontendOnly.backend()).isEqualTo(Defaults.BACKEND_IMAGE);
    }

    @Test
    void pullSecretsAreCommaSeparatedNames() {
        assertThat(DefaultImages.fromEnvironment(Map.of(DefaultImages.PULL_SECRETS, " corp-pull , mirror.pull ")).pullSecrets())
                .containsExactly("corp-pull", "mirror.pull");
        assertThat(DefaultImages.fromEnvironment(Map.of(DefaultImages.PULL_SECRETS, "")).pullSecrets())
                .as("empty: none").isEmpty();
    }

    @Test
    void aBadValueIsOneLineNamingTheVariable() {
        assertRefused(Map.of(DefaultImages.BACKEND, "my backend:1"),
                "FAILDAILY_DEFAULT_BACKEND_IMAGE='my backend:1': not an image reference (it has white space)");
        assertRefused(Map.of(DefaultImages.DATABASE, ""),
                "FAILDAILY_DEFAULT_DATABASE_IMAGE='': empty; unset it for the built-in image mysql:8.0.43");
        assertRefused(Map.of(DefaultImages.FRONTEND, "nginx:1.29\n"),
                "FAILDAILY_DEFAULT_FRONTEND_IMAGE='nginx:1.29\\n': not an image reference");
        assertRefused(Map.of(DefaultImages.REGISTRY, "https://registry.internal"),
                "FAILDAILY_IMAGE_REGISTRY='https://registry.internal': not a registry");
        assertRefused(Map.of(DefaultImages.REGISTRY, ""), "FAILDAILY_IMAGE_REGISTRY='': empty");
        assertRefused(Map.of(DefaultImages.PULL_SECRETS, "a,,b"), "FAILDAILY_IMAGE_PULL_SECRETS='a,,b': an empty name");
        assertRefused(Map.of(DefaultImages.PULL_SECRETS, "Corp_Pull"),
                "FAILDAILY_IMAGE_PULL_SECRETS='Corp_Pull': 'Corp_Pull' is not a Secret name");
        assertRefused(Map.of(DefaultImages.PULL_SECRETS, "a,b,a"), "'a' is listed twice");
        assertRefused(Map.of(DefaultImages.PULL_SECRETS, "a".repeat(254)), "is not a Secret name");
    }

    @Test
    void aLongValueIsCutInTheMessage() {
        String image = "x".repeat(500) + " y";
        assertThatThrownBy(() -> DefaultImages.fromEnvironment(Map.of(DefaultImages.BACKEND, image)))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).contains("x".repeat(100) + "...'"));
    }

    private static void assertRefused(Map<String, String> environment, String message) {
        assertThatThrownBy(() -> DefaultImages.fromEnvironment(environment)).as("%s", environment)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
