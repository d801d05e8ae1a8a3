package io.faildaily.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void defaultsAreTheOriginals() {
        AppConfig c = AppConfig.from(Map.of());
        assertThat(c.port()).isEqualTo(3000);
        assertThat(c.environment()).isEqualTo("development");
        assertThat(c.dbHost()).isEqualTo("localhost");
        assertThat(c.dbPort()).isEqualTo(3306);
        assertThat(c.dbName()).isEqualTo("faildaily");
        assertThat(c.jwtExpiresIn()).isEqualTo(Duration.ofHours(24));
        assertThat(c.rateLimitWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.rateLimitMaxRequests()).isEqualTo(100);
        assertThat(c.uploadDir()).isEqualTo(Path.of("/app/uploads"));
        assertThat(c.logDir()).isEqualTo(Path.of("/app/logs"));
        assertThat(c.bcryptRounds()).isEqualTo(12);
        assertThat(c.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(65));
        assertThat(c.maxConnections()).isEqualTo(100);
        assertThat(c.corsOrigins()).contains("http://localhost:4200", "http://localhost");
        // outside production a missing secret is replaced by a random one
        assertThat(c.jwtSecretGenerated()).isTrue();
        assertThat(c.jwtSecret()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void readsTheOriginalVariables() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PORT", "8080", "NODE_ENV", "production",
                "DB_HOST", "db", "DB_PORT", "3307", "DB_USER", "u", "DB_PASSWORD", "p", "DB_NAME", "faildaily_prod"));
        env.putAll(Map.of("JWT_SECRET", "x".repeat(32), "JWT_EXPIRES_IN", "7d",
                "CORS_ORIGIN", "https://a.example, https://b.example", "RATE_LIMIT_WINDOW", "5"));
        AppConfig c = AppConfig.from(env);
        assertThat(c.production()).isTrue();
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:mysql://db:3307/faildaily_prod");
        assertThat(c.jwtExpiresIn()).isEqualTo(Duration.ofDays(7));
        assertThat(c.corsOrigins()).contains("https://a.example", "https://b.example");
        assertThat(c.rateLimitWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.jwtSecretGenerated()).isFalse();
    }

    @Test
    void productionNeedsAStrongSecret() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("NODE_ENV", "production")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("JWT_SECRET");
        assertThatThrownBy(() -> AppConfig.from(Map.of("NODE_ENV", "production", "JWT_SECRET", "short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("32");
        assertThat(AppConfig.from(Map.of("NODE_ENV", "development", "JWT_SECRET", "short")).jwtSecret()).isEqualTo("short");
    }

    @Test
    void malformedValuesNameTheVariable() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("PORT", "http"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> AppConfig.from(Map.of("DB_PORT", "70000"))).hasMessageContaining("DB_PORT");
        assertThatThrownBy(() -> AppConfig.from(Map.of("JWT_EXPIRES_IN", "soon"))).hasMessageContaining("JWT_EXPIRES_IN");
        assertThatThrownBy(() -> AppConfig.from(Map.of("BCRYPT_ROUNDS", "3"))).hasMessageContaining("BCRYPT_ROUNDS");
    }

    @Test
    void durationsLikeTheMsPackage() {
        assertThat(DurationParser.parse("X", "3600")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationParser.parse("X", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationParser.parse("X", "15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationParser.parse("X", "24h")).isEqualTo(Duration.ofHours(24));
        assertThat(DurationParser.parse("X", "2w")).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> DurationParser.parse("X", "0")).isInstanceOf(ConfigException.class);
    }
}
