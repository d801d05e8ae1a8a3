package io.faildaily.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Moving an image reference to a mirror: the path as Docker spells it out, tag or digest kept. */
class ImageRegistryTest {
    private final ImageRegistry mirror = ImageRegistry.of("registry.internal:5000/mirror");

    @Test
    void dockerHubShortNamesAreWrittenOutInFull() {
        assertThat(mirror.locate("mysql:8.0.43")).isEqualTo("registry.internal:5000/mirror/library/mysql:8.0.43");
        assertThat(mirror.locate("nginxinc/nginx-unprivileged:1.28.0-alpine"))
                .isEqualTo("registry.internal:5000/mirror/nginxinc/nginx-unprivileged:1.28.0-alpine");
        assertThat(mirror.locate("docker.io/library/mysql:8.0.43")).isEqualTo(mirror.locate("mysql:8.0.43"));
        assertThat(mirror.locate("docker.io/mysql:8.0.43")).isEqualTo(mirror.locate("mysql:8.0.43"));
        assertThat(mirror.locate("index.docker.io/nginxinc/nginx-unprivileged:1.28.0-alpine"))
                .isEqualTo(mirror.locate("nginxinc/nginx-unprivileged:1.28.0-alpine"));
    }

    @Test
    void anotherRegistryIsReplacedAndItsPathKept() {
        assertThat(mirror.locate("ghcr.io/faildaily/faildaily-backend:0.1.0"))
                .isEqualTo("registry.internal:5000/mirror/faildaily/faildaily-backend:0.1.0");
        assertThat(mirror.locate("localhost/team/app:1")).isEqualTo("registry.internal:5000/mirror/team/app:1");
        assertThat(mirror.locate("registry:5000/team/app:1")).isEqualTo("registry.internal:5000/mirror/team/app:1");
    }

    @Test
    void digestsAndUntaggedNamesAreKept() {
        String digest = "sha256:" + "a".repeat(64);
        assertThat(mirror.locate("mysql@" + digest)).isEqualTo("registry.internal:5000/mirror/library/mysql@" + digest);
        assertThat(mirror.locate("mysql")).isEqualTo("registry.internal:5000/mirror/library/mysql");
    }

    @Test
    void aRegistryIsAHostWithAnOptionalPortAndPath() {
        assertThat(ImageRegistry.of("harbor.example.com/").location()).as("a trailing slash is forgiven")
                .isEqualTo("harbor.example.com");
        assertThat(ImageRegistry.of("localhost:5000").locate("mysql:8.0.43")).isEqualTo("localhost:5000/library/mysql:8.0.43");
        for (String bad : new String[] {"", "https://registry.internal", "registry.internal/Mirror", "a b",
                "registry.internal/mirror:tag", "registry.internal//mirror", "-registry", "registry.internal:port"}) {
            assertThatThrownBy(() -> ImageRegistry.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a registry");
        }
        assertThatThrownBy(() -> ImageRegistry.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
