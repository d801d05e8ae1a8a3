package io.faildaily.backend.persistence;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * All stored times are UTC wall-clock values at millisecond precision (DATETIME(3)); the API prints them
 * the way JavaScript's toISOString() did: 2026-01-31T12:34:56.789Z.
 */
public final class Times {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private Times() {}

    public static LocalDateTime now(Clock clock) {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The literal form of a DATETIME(3) value, for binding as a string parameter. */
    public static String sql(LocalDateTime utc) {
        return SQL.format(utc);
    }

    public static String iso(LocalDateTime utc) {
        return utc == null ? null : ISO.format(utc);
    }
}
