package io.faildaily.backend.config;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the backend, read once from the environment.
 * The names are those of the original Node.js backend so the same Secrets and ConfigMaps work for both.
 */
public record AppConfig(
        String environment,
        String host,
        int port,
        String dbHost,
        int dbPort,
        String dbUser,
        String dbPassword,
        String dbName,
        int dbPoolSize,
        Duration dbStartupTimeout,
        String jwtSecret,
        boolean jwtSecretGenerated,
        Duration jwtExpiresIn,
        List<String> corsOrigins,
        Duration rateLimitWindow,
        int rateLimitMaxRequests,
        Path uploadDir,
        Path logDir,
        int bcryptRounds,
        Duration keepAliveTimeout,
        int maxConnections,
        Duration authCacheTtl,
        MailConfig mail,
        List<String> adminEmails,
        int logRetentionDays) {

    /** The original answered these origins besides CORS_ORIGIN (Angular and Ionic dev servers, plain localhost). */
    public static final List<String> BUILT_IN_ORIGINS =
            List.of("http://localhost:4200", "http://localhost:8100", "http://localhost:8101", "http://localhost");
    public static final int MIN_PRODUCTION_SECRET_LENGTH = 32;
    public static final int DEFAULT_BCRYPT_ROUNDS = 12;

    public boolean production() {
        return "production".equals(environment);
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + dbHost + ":" + dbPort + "/" + dbName;
    }

    public static AppConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static AppConfig from(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        String environment = r.string("NODE_ENV", "development");
        boolean production = "production".equals(environment);

        String secret = r.string("JWT_SECRET", null);
        boolean generated = false;
        if (secret == null || secret.isBlank()) {
            if (production) {
                throw new ConfigException("JWT_SECRET is required when NODE_ENV=production");
            }
            // Outside production a missing secret must not block a developer: tokens just do not survive a restart.
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            secret = Base64.getEncoder().encodeToString(random);
            generated = true;
        } else if (production && secret.length() < MIN_PRODUCTION_SECRET_LENGTH) {
            throw new ConfigException("JWT_SECRET must be at least " + MIN_PRODUCTION_SECRET_LENGTH
                    + " characters when NODE_ENV=production (it has " + secret.length() + ")");
        }

        List<String> origins = new ArrayList<>(BUILT_IN_ORIGINS);
        for (String o : r.string("CORS_ORIGIN", "").split(",")) {
            String trimmed = o.trim();
            if (!trimmed.isEmpty() && !origins.contains(trimmed)) {
                origins.add(trimmed);
            }
        }

        return new AppConfig(
                environment,
                r.string("HOST", "0.0.0.0"),
                r.integer("PORT", 3000, 0, 65535),
                r.string("DB_HOST", "localhost"),
                r.integer("DB_PORT", 3306, 1, 65535),
                r.string("DB_USER", "root"),
                r.string("DB_PASSWORD", ""),
                r.string("DB_NAME", "faildaily"),
                r.integer("DB_POOL_SIZE", 10, 1, 200),
                Duration.ofSeconds(r.integer("DB_STARTUP_TIMEOUT", 60, 0, 3600)),
                secret,
                generated,
                DurationParser.parse("JWT_EXPIRES_IN", r.string("JWT_EXPIRES_IN", "24h")),
                List.copyOf(origins),
                // The original reads RATE_LIMIT_WINDOW in minutes.
                Duration.ofMinutes(r.integer("RATE_LIMIT_WINDOW", 15, 1, 24 * 60)),
                r.integer("RATE_LIMIT_MAX_REQUESTS", 100, 0, Integer.MAX_VALUE),
                Path.of(r.string("UPLOAD_DIR", "/app/uploads")),
                Path.of(r.string("LOG_DIR", "/app/logs")),
                r.integer("BCRYPT_ROUNDS", DEFAULT_BCRYPT_ROUNDS, 4, 31),
                Duration.ofMillis(r.integer("KEEP_ALIVE_TIMEOUT", 65_000, 1_000, 3_600_000)),
                r.integer("MAX_CONNECTIONS", 100, 1, 100_000),
                Duration.ofSeconds(r.integer("AUTH_CACHE_SECONDS", 5, 0, 300)),
                new MailConfig(
                        r.string("SMTP_HOST", null),
                        r.integer("SMTP_PORT", 587, 1, 65535),
                        "true".equalsIgnoreCase(r.string("SMTP_SECURE", "false").trim()),
                        r.string("SMTP_USER", null),
                        r.string("SMTP_PASS", ""),
                        r.string("SMTP_FROM", MailConfig.DEFAULT_FROM),
                        MailConfig.webUrl(r.string("APP_WEB_URL", MailConfig.DEFAULT_WEB_URL))),
                adminEmails(r.string("ADMIN_EMAILS", "")),
                r.integer("LOG_RETENTION_DAYS", 30, 1, 3650));
    }

    /**
     * ADMIN_EMAILS: the accounts that are administrators, comma separated (how a new installation gets its first
     * administrator; the original had only a seeded account or an SQL update).
     */
    static List<String> adminEmails(String value) {
        List<String> emails = new ArrayList<>();
        for (String e : value.split(",")) {
            String email = e.trim().toLowerCase(java.util.Locale.ROOT);
            if (email.isEmpty()) {
                continue;
            }
            if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                throw new ConfigException("ADMIN_EMAILS: '" + e.trim() + "' is not an e-mail address");
            }
            if (!emails.contains(email)) {
                emails.add(email);
            }
        }
        return List.copyOf(emails);
    }

    /** Reads typed values and names the variable in every error. */
    private record EnvReader(Map<String, String> env) {
        String string(String name, String fallback) {
            String v = env.get(name);
            return v == null || v.isEmpty() ? fallback : v;
        }

        int integer(String name, int fallback, int min, int max) {
            String v = string(name, null);
            if (v == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(v.trim());
                if (parsed < min || parsed > max) {
                    throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + parsed);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " must be a whole number, got '" + v + "'");
            }
        }
    }
}
