package io.faildaily.backend.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Bulk rows for list-cost tests and the benchmark, written by INSERT ... SELECT over a generated number range
 * (seconds for 100,000 fails, where the API would take minutes). Seeded users have ids
 * {@code 00000000-0000-4000-<group>-<12-digit number>} and cannot log in; the rows follow the schema's rules
 * (counters on the fail row match its comments and reactions, the authors' counters on their profiles match
 * their fails).
 */
public final class FeedSeed {
    /** Seeded authors' id group, and readers' (users who only react). */
    public static final String AUTHORS = "a000";
    public static final String READERS = "b000";
    /** Every 10th fail is hidden by moderation, every 7th anonymous: the lists must skip them inside the index. */
    public static final int HIDDEN_EVERY = 10;
    public static final int ANONYMOUS_EVERY = 7;

    private FeedSeed() {}

    public static String userId(String group, long n) {
        return String.format("00000000-0000-4000-%s-%012d", group, n);
    }

    /** Users {@code from} .. {@code to - 1} of {@code group}, each with a profile. */
    public static void users(Connection c, String group, long from, long to) throws SQLException {
        String id = "CONCAT('00000000-0000-4000-" + group + "-', LPAD(n, 12, '0'))";
        update(c, "INSERT INTO users (id, email, password_hash, created_at, updated_at) SELECT " + id
                + ", CONCAT('seed-" + group + "-', n, '@example.test'), 'not-a-hash', NOW(3), NOW(3) FROM "
                + numbers(from, to));
        update(c, "INSERT INTO profiles (user_id, display_name, created_at, updated_at) SELECT " + id
                + ", CONCAT('Seed " + group + " ', n), NOW(3), NOW(3) FROM " + numbers(from, to));
    }

    /**
     * Fails {@code from} .. {@code to - 1}, fail n at 2026-01-01 + n seconds (a higher n is newer). Fail n's author
     * is {@code firstAuthor} when n is a multiple of {@code authors}, else seeded author n mod authors (so
     * {@code authors - 1} seeded authors must exist).
     */
    public static void fails(Connection c, long from, long to, String firstAuthor, int authors) throws SQLException {
        String at = "TIMESTAMPADD(SECOND, n, '2026-01-01 00:00:00')";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fails (id, user_id, title, description, category, "
                + "is_anonyme, moderation_status, created_at, updated_at) SELECT UUID(), CASE WHEN MOD(n, " + authors
                + ") = 0 THEN ? ELSE CONCAT('00000000-0000-4000-" + AUTHORS + "-', LPAD(MOD(n, " + authors
                + "), 12, '0')) END, CONCAT('Seeded fail ', n), CONCAT('What went wrong, number ', n, REPEAT('.', 200)), "
                + "'Travail', MOD(n, " + ANONYMOUS_EVERY + ") = " + (ANONYMOUS_EVERY - 2) + ", CASE WHEN MOD(n, "
                + HIDDEN_EVERY + ") = 3 THEN 'hidden' END, " + at + ", " + at + " FROM " + numbers(from, to))) {
            ps.setString(1, firstAuthor);
            ps.executeUpdate();
        }
        syncAuthorCounters(c);
    }

    /** Each profile's counters over its fails (V6), from the fails as they are now: after a bulk change. */
    public static void syncAuthorCounters(Connection c) throws SQLException {
        update(c, "UPDATE profiles p LEFT JOIN (SELECT user_id, COUNT(*) AS fails, SUM(courage_count) AS courage, "
                + "SUM(courage_count + empathy_count + laugh_count + support_count) AS reactions FROM fails "
                + "GROUP BY user_id) f ON f.user_id = p.user_id SET p.fails_count = COALESCE(f.fails, 0), "
                + "p.courage_received = COALESCE(f.courage, 0), p.reactions_received = COALESCE(f.reactions, 0)");
    }

    /** {@code count} comments on {@code failId} by readers 0 .. readers - 1 in turn, and the fail's counter. */
    public static void comments(Connection c, String failId, long count, int readers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO comments (id, fail_id, user_id, content, "
                + "created_at, updated_at) SELECT UUID(), ?, CONCAT('00000000-0000-4000-" + READERS + "-', LPAD(MOD(n, "
                + readers + "), 12, '0')), CONCAT('Seeded comment ', n), TIMESTAMPADD(SECOND, n, '2026-06-01'), "
                + "TIMESTAMPADD(SECOND, n, '2026-06-01') FROM " + numbers(0, count))) {
            ps.setString(1, failId);
            ps.executeUpdate();
        }
        addToCounter(c, failId, "comments_count", count);
    }

    /** One courage reaction on {@code failId} from each of readers 0 .. count - 1, and the fail's counter. */
    public static void reactions(Connection c, String failId, long count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reactions (id, fail_id, user_id, reaction_type, "
                + "created_at, updated_at) SELECT UUID(), ?, CONCAT('00000000-0000-4000-" + READERS + "-', LPAD(n, 12, "
                + "'0')), 'courage', TIMESTAMPADD(SECOND, n, '2026-06-01'), TIMESTAMPADD(SECOND, n, '2026-06-01') FROM "
                + numbers(0, count))) {
            ps.setString(1, failId);
            ps.executeUpdate();
        }
        addToCounter(c, failId, "courage_count", count);
        syncAuthorCounters(c);
    }

    private static void addToCounter(Connection c, String failId, String column, long count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE fails SET " + column + " = " + column + " + ? WHERE id = ?")) {
            ps.setLong(1, count);
            ps.setString(2, failId);
            ps.executeUpdate();
        }
    }

    /** The newest visible fail (the feed's first). */
    public static String newestVisibleFail(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT id FROM fails WHERE moderation_status IS NULL "
                + "ORDER BY created_at DESC, id DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Statistics as a server has them after a while (a fresh bulk load may have none). */
    public static void analyze(Connection c) throws SQLException {
        update(c, "ANALYZE TABLE users, profiles, fails, comments, reactions");
    }

    /**
     * The numbers from .. to - 1 as a derived table with one column {@code n}: a cross join of digit tables, which
     * MySQL and MariaDB both accept (no sequence engine, no recursion limit).
     */
    static String numbers(long from, long to) {
        int digits = Math.max(1, Long.toString(Math.max(0, to - 1)).length());
        String digit = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
                + "UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        StringBuilder sum = new StringBuilder();
        StringBuilder tables = new StringBuilder();
        long weight = 1;
        for (int i = 0; i < digits; i++) {
            sum.append(i == 0 ? "" : " + ").append("d").append(i).append(".d * ").append(weight);
            tables.append(i == 0 ? "" : " CROSS JOIN ").append(digit).append(" d").append(i);
            weight *= 10;
        }
        return "(SELECT " + sum + " AS n FROM " + tables + ") numbers WHERE n >= " + from + " AND n < " + to;
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
