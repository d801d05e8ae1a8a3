package io.faildaily.operator.reconciler;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a CronJob schedule the way the CronJob controller parses it: five fields, or an @ macro.
 * The CRD's pattern only checks the shape; this also checks each value's range.
 */
final class CronSchedule {
    private static final List<String> MACROS =
            List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    private static final String[] FIELD_NAMES = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private CronSchedule() {}

    /** Empty when the schedule is valid, else what is wrong with it. */
    static Optional<String> problem(String schedule) {
        String trimmed = schedule.trim();
        if (trimmed.startsWith("@")) {
            return MACROS.contains(trimmed) ? Optional.empty() : Optional.of("unknown macro " + trimmed);
        }
        if (trimmed.startsWith("TZ=") || trimmed.startsWith("CRON_TZ=")) {
            return Optional.of("time zones belong in the CronJob's timeZone, not in the schedule");
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 5) {
            return Optional.of("a schedule has 5 fields (minute hour day-of-month month day-of-week), not " + fields.length);
        }
        for (int i = 0; i < 5; i++) {
            for (String item : fields[i].split(",", -1)) {
                if (!validItem(item, i)) {
                    return Optional.of("'" + fields[i] + "' is not a valid " + FIELD_NAMES[i] + " field");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean validItem(String item, int field) {
        String range = item;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            Integer step = number(item.substring(slash + 1), -1);
            if (step == null || step < 1) {
                return false;
            }
        }
        if (range.equals("*") || (range.equals("?") && (field == 2 || field == 4))) {
            return true;
        }
        String[] bounds = range.split("-", -1);
        if (bounds.length > 2) {
            return false;
        }
        Integer low = number(bounds[0], field);
        Integer high = bounds.length == 2 ? number(bounds[1], field) : low;
        int[] limits = RANGES[field];
        return low != null && high != null && low >= limits[0] && high <= limits[1] && low <= high;
    }

    private static Integer number(String text, int field) {
        if (text.matches("[0-9]{1,2}")) {
            return Integer.parseInt(text);
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (field == 3 && MONTHS.contains(upper)) {
            return MONTHS.indexOf(upper) + 1;
        }
        if (field == 4 && DAYS.contains(upper)) {
            return DAYS.indexOf(upper);
        }
        return null;
    }
}
