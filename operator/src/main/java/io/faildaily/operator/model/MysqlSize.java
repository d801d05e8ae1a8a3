package io.faildaily.operator.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size as MySQL's option files write it: a whole number of bytes with an optional K, M or G suffix,
 * each a power of 1024 (as mysqld reads them: {@code 256M} is 268435456 bytes, not 256,000,000).
 */
public final class MysqlSize {
    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;
    private static final Pattern FORM = Pattern.compile("^([0-9]+)([KMG]?)$");

    private MysqlSize() {}

    /** The bytes of {@code size}; validation (Patterns.MYSQL_SIZE) refuses anything else first. */
    public static long bytes(String size) {
        Matcher m = FORM.matcher(size == null ? "" : size);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a MySQL size: " + size);
        }
        long unit = switch (m.group(2)) {
            case "K" -> KIB;
            case "M" -> MIB;
            case "G" -> GIB;
            default -> 1;
        };
        return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    }

    /** {@code bytes} in the largest unit that divides it: 1M, 244K, 1000. */
    public static String of(long bytes) {
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + "G";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + "M";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + "K";
        }
        return String.valueOf(bytes);
    }
}
