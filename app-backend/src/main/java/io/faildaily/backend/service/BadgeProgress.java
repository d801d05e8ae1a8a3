package io.faildaily.backend.service;

import io.faildaily.backend.persistence.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Locale;

/**
 * The figures of the badge rules over a member's history (user_badge_progress, V9), moved by one statement when a
 * fail is posted or a login succeeds, so that no rule walks all of an author's fails. Fails arrive in time order,
 * so each day, month, run of days and gap is known from the previous day alone. UTC days. A deleted fail keeps
 * what it added (badges are never taken back either).
 */
public final class BadgeProgress {
    /** Words of a "resilience" fail (original: in the description), compared without accents or case. */
    private static final String[] RESILIENCE_WORDS = {"apres", "malgre", "encore"};

    /**
     * The assignments run left to right and each one reads the columns already assigned (MySQL and MariaDB):
     * everything that compares with the previous day comes before last_fail_day is moved.
     */
    private static final String FAIL_POSTED_SQL = "INSERT INTO user_badge_progress (user_id, last_fail_day, "
            + "fail_days, fail_months, fail_streak, longest_fail_streak, weekend_fails, holiday_fails, new_year_fails, "
            + "resilience_fails) VALUES (?, ?, 1, 1, 1, 1, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
            + "gaps_over_30_days = gaps_over_30_days + (last_fail_day IS NOT NULL "
            + "AND TO_DAYS(VALUES(last_fail_day)) - TO_DAYS(last_fail_day) > 30), "
            + "gaps_over_90_days = gaps_over_90_days + (last_fail_day IS NOT NULL "
            + "AND TO_DAYS(VALUES(last_fail_day)) - TO_DAYS(last_fail_day) > 90), "
            + "fail_months = fail_months + (last_fail_day IS NULL "
            + "OR DATE_FORMAT(last_fail_day, '%Y%m') < DATE_FORMAT(VALUES(last_fail_day), '%Y%m')), "
            + "fail_days = fail_days + (last_fail_day IS NULL OR last_fail_day < VALUES(last_fail_day)), "
            + "fail_streak = CASE WHEN last_fail_day IS NULL THEN 1 WHEN last_fail_day >= VALUES(last_fail_day) "
            + "THEN fail_streak WHEN TO_DAYS(VALUES(last_fail_day)) - TO_DAYS(last_fail_day) = 1 "
            + "THEN fail_streak + 1 ELSE 1 END, "
            + "longest_fail_streak = GREATEST(longest_fail_streak, fail_streak), "
            + "weekend_fails = weekend_fails + VALUES(weekend_fails), "
            + "holiday_fails = holiday_fails + VALUES(holiday_fails), "
            + "new_year_fails = new_year_fails + VALUES(new_year_fails), "
            + "resilience_fails = resilience_fails + VALUES(resilience_fails), "
            + "last_fail_day = GREATEST(COALESCE(last_fail_day, VALUES(last_fail_day)), VALUES(last_fail_day))";

    private static final String LOGGED_IN_SQL = "INSERT INTO user_badge_progress (user_id, last_login_day, "
            + "login_days, login_streak, longest_login_streak) VALUES (?, ?, 1, 1, 1) ON DUPLICATE KEY UPDATE "
            + "login_days = login_days + (last_login_day IS NULL OR last_login_day < VALUES(last_login_day)), "
            + "login_streak = CASE WHEN last_login_day IS NULL THEN 1 WHEN last_login_day >= VALUES(last_login_day) "
            + "THEN login_streak WHEN TO_DAYS(VALUES(last_login_day)) - TO_DAYS(last_login_day) = 1 "
            + "THEN login_streak + 1 ELSE 1 END, "
            + "longest_login_streak = GREATEST(longest_login_streak, login_streak), "
            + "last_login_day = GREATEST(COALESCE(last_login_day, VALUES(last_login_day)), VALUES(last_login_day))";

    private BadgeProgress() {}

    /** In the transaction that inserts the fail: one statement on the author's row. */
    public static void failPosted(Connection c, String userId, LocalDate day, String description, String category)
            throws SQLException {
        Jdbc.update(c, FAIL_POSTED_SQL, userId, day, weekend(day) ? 1 : 0, holiday(day) ? 1 : 0,
                newYear(day) ? 1 : 0, resilient(description, category) ? 1 : 0);
    }

    public static void loggedIn(Connection c, String userId, LocalDate day) throws SQLException {
        Jdbc.update(c, LOGGED_IN_SQL, userId, day);
    }

    static boolean weekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** 20 December to 10 January, 14 July, 31 October (the original's holidays). */
    static boolean holiday(LocalDate day) {
        int d = day.getDayOfMonth();
        return switch (day.getMonth()) {
            case DECEMBER -> d >= 20;
            case JANUARY -> d <= 10;
            case JULY -> d == 14;
            case OCTOBER -> d == 31;
            default -> false;
        };
    }

    static boolean newYear(LocalDate day) {
        return day.getMonth() == Month.JANUARY && day.getDayOfMonth() == 1;
    }

    /** As the database's collation compares (V9 counts existing fails with LIKE): no accents, no case. */
    static boolean resilient(String description, String category) {
        if ("professional".equalsIgnoreCase(category)) {
            return true;
        }
        if (description == null) {
            return false;
        }
        String plain = Normalizer.normalize(description, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        for (String word : RESILIENCE_WORDS) {
            if (plain.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
