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
        if (utc == null) {
            return null;
        }
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            return ISO.format(utc);
        }
        // By hand: every listed fail prints two times, and the formatter's general machinery was a few percent
        // of a feed request.
        char[] out = new char[24];
        digits(out, 0, utc.getYear(), 4);
        out[4] = '-';
        digits(out, 5, utc.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, utc.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, utc.getHour(), 2);
        out[13] = ':';
        digits(out, 14, utc.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, utc.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, utc.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
