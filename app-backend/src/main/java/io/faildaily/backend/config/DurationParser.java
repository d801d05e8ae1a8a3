package io.faildaily.backend.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration strings the original backend accepted in JWT_EXPIRES_IN
 * (the `ms` package style of jsonwebtoken: "3600" = seconds, "90s", "15m", "24h", "7d").
 */
public final class DurationParser {
    private static final Pattern FORMAT = Pattern.compile("^\\s*(\\d+)\\s*(ms|s|m|h|d|w)?\\s*$");

    private DurationParser() {}

    public static Duration parse(String name, String value) {
        Matcher m = FORMAT.matcher(value == null ? "" : value.toLowerCase());
        if (!m.matches()) {
            throw new ConfigException(name + " must look like 3600, 90s, 15m, 24h or 7d, got '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> throw new ConfigException(name + ": unknown unit " + unit);
        };
        if (d.isZero()) {
            throw new ConfigException(name + " must be longer than zero");
        }
        return d;
    }
}
