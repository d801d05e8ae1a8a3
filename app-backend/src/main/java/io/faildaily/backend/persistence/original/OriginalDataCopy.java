package io.faildaily.backend.persistence.original;

import static io.faildaily.backend.persistence.original.OriginalSchema.PREFIX;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.service.ReactionType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Copies the original's data (in the original_… tables) into the tables V1 and V2 made, on the caller's
 * connection and in its transaction, so that it all lands or none of it does. What is copied, and how:
 * <ul>
 *   <li>every account, with its id, e-mail, bcrypt hash, role, account status and times; a profile for each,
 *       the display name made non-empty and unique ({@link DisplayNames}, the oldest account keeps a shared
 *       name), avatar, bio, registration and consent data;</li>
 *   <li>fails with their moderation status (original fail_moderation), reactions, comments, reports,
 *       courage points and their events, the badge catalogue (the original's rows win over V2's where ids
 *       meet, V2's others stay) and every earned badge;</li>
 *   <li>the fails' reaction and comment counters, counted from the copied reactions and comments.</li>
 * </ul>
 * Ids and times are kept as they are (the session runs in UTC, as the original's dump was written); a time
 * the original left empty becomes the row's other time, else the adoption's start. Rows that belong to an
 * account or fail that no longer exists (the original deleted accounts without their points, for one) cannot
 * be referenced by V1's foreign keys: they stay in the original_… tables only, counted in the result.
 */
final class OriginalDataCopy {
    /** One INSERT … SELECT into {@code table} from the original table {@code source} (and its parents). */
    private record Copy(String table, String source, String sql) {}

    /** The copies after accounts and profiles, parents first; {@code originals}: the original tables present. */
    private static List<Copy> afterProfiles(Set<String> originals) {
        boolean moderated = originals.contains("fail_moderation");
        return List.of(
                new Copy("fails", "fails", "INSERT INTO fails (id, user_id, title, description, category, image_url, "
                        + "is_anonyme, country_code, moderation_status, created_at, updated_at) "
                        + "SELECT f.id, f.user_id, f.title, f.description, f.category, NULLIF(f.image_url, ''), "
                        // NULL is anonymous: the original column's default, and the side that reveals nobody.
                        + "IF(COALESCE(f.is_anonyme, 1) <> 0, 1, 0), NULLIF(f.country_code, ''), "
                        + (moderated ? "NULLIF(m.status, '')" : "NULL") + ", "
                        + first("f.created_at", "f.updated_at") + ", " + first("f.updated_at", "f.created_at")
                        + " FROM original_fails f JOIN original_users u ON u.id = f.user_id"
                        + (moderated ? " LEFT JOIN original_fail_moderation m ON m.fail_id = f.id" : "")),
                new Copy("reactions", "reactions", "INSERT INTO reactions (id, fail_id, user_id, reaction_type, "
                        + "created_at, updated_at) SELECT o.id, o.fail_id, o.user_id, o.reaction_type, "
                        + first("o.created_at") + ", " + first("o.created_at") + " FROM original_reactions o "
                        + OF_COPIED_FAIL_AND_ACCOUNT),
                new Copy("comments", "comments", "INSERT INTO comments (id, fail_id, user_id, content, "
                        + "is_encouragement, created_at, updated_at) SELECT o.id, o.fail_id, o.user_id, o.content, "
                        + "IF(COALESCE(o.is_encouragement, 1) <> 0, 1, 0), " + first("o.created_at", "o.updated_at")
                        + ", " + first("o.updated_at", "o.created_at") + " FROM original_comments o "
                        + OF_COPIED_FAIL_AND_ACCOUNT),
                new Copy("fail_reports", "fail_reports", "INSERT INTO fail_reports (id, fail_id, user_id, reason, "
                        + "created_at) SELECT o.id, o.fail_id, o.user_id, o.reason, " + first("o.created_at")
                        + " FROM original_fail_reports o " + OF_COPIED_FAIL_AND_ACCOUNT),
                new Copy("user_points", "user_points", "INSERT INTO user_points (user_id, points_total, created_at, "
                        + "updated_at) SELECT p.user_id, p.points_total, " + first("p.created_at", "p.updated_at")
                        + ", " + first("p.updated_at", "p.created_at") + " FROM original_user_points p "
                        + "JOIN original_users u ON u.id = p.user_id"),
                // meta (JSON) goes into reason when it fits VARCHAR(255); all of it stays in original_user_point_events.
                new Copy("user_point_events", "user_point_events", "INSERT INTO user_point_events (id, user_id, "
                        + "amount, source, fail_id, reaction_type, reason, created_at) SELECT e.id, e.user_id, "
                        + "e.amount, e.source, e.fail_id, e.reaction_type, IF(CHAR_LENGTH(e.meta) <= 255, e.meta, NULL), "
                        + first("e.created_at") + " FROM original_user_point_events e "
                        + "JOIN original_users u ON u.id = e.user_id"),
                new Copy("badge_definitions", "badge_definitions", "INSERT INTO badge_definitions (id, name, "
                        + "description, icon, category, rarity, requirement_type, requirement_value, created_at) "
                        + "SELECT b.id, b.name, b.description, b.icon, b.category, b.rarity, b.requirement_type, "
                        + "b.requirement_value, " + first("b.created_at") + " FROM original_badge_definitions b "
                        + "ON DUPLICATE KEY UPDATE name = VALUES(name), description = VALUES(description), "
                        + "icon = VALUES(icon), category = VALUES(category), rarity = VALUES(rarity), "
                        + "requirement_type = VALUES(requirement_type), requirement_value = VALUES(requirement_value), "
                        + "created_at = VALUES(created_at)"),
                new Copy("user_badges", "user_badges", "INSERT INTO user_badges (id, user_id, badge_id, unlocked_at, "
                        + "created_at) SELECT ub.id, ub.user_id, ub.badge_id, " + first("ub.unlocked_at", "ub.created_at")
                        + ", " + first("ub.created_at", "ub.unlocked_at") + " FROM original_user_badges ub "
                        + "JOIN original_users u ON u.id = ub.user_id JOIN original_badge_definitions b ON b.id = ub.badge_id"));
    }

    /** Keeps the rows (alias o) of a fail that is copied (its author exists), by an account that exists. */
    private static final String OF_COPIED_FAIL_AND_ACCOUNT = "JOIN original_fails f ON f.id = o.fail_id "
            + "JOIN original_users fu ON fu.id = f.user_id JOIN original_users ou ON ou.id = o.user_id";

    /** The tables this copy fills, children first: emptied before a (re-)run, V2's badge catalogue excepted. */
    private static final List<String> FILLED = List.of("user_badges", "user_point_events", "user_points",
            "fail_reports", "comments", "reactions", "fails", "profiles", "users");

    private OriginalDataCopy() {}

    /**
     * Copies everything; {@code originals} are the original tables present (without the prefix). Returns what
     * was left behind, per table, for the adoption's record.
     */
    static String run(Connection c, Set<String> originals, LocalDateTime startedAt) throws SQLException {
        for (String table : FILLED) {
            Jdbc.update(c, "DELETE FROM " + table);
        }
        List<String> leftBehind = new ArrayList<>();
        update(c, "INSERT INTO users (id, email, password_hash, role, account_status, created_at, updated_at) "
                + "SELECT u.id, u.email, COALESCE(u.password_hash, ''), COALESCE(NULLIF(u.role, ''), 'user'), "
                + "COALESCE(NULLIF(u.account_status, ''), 'active'), " + first("u.created_at", "u.updated_at") + ", "
                + first("u.updated_at", "u.created_at") + " FROM original_users u", startedAt);
        copyProfiles(c, startedAt);
        for (Copy copy : afterProfiles(originals)) {
            if (!originals.contains(copy.source())) {
                leftBehind.add(copy.table() + ": the original has no such table");
                continue;
            }
            int copied = update(c, copy.sql(), startedAt);
            long original = Jdbc.count(c, "SELECT COUNT(*) FROM " + PREFIX + copy.source());
            if (!copy.table().equals("badge_definitions") && copied < original) {
                leftBehind.add(copy.table() + ": " + (original - copied) + " of " + original
                        + " row(s) of accounts or fails that no longer exist");
            }
        }
        countReactionsAndComments(c);
        return leftBehind.isEmpty() ? "every row copied" : "left in the original_… tables only: "
                + String.join("; ", leftBehind);
    }

    /**
     * One profile per account, oldest account first, each with the first free candidate of its name (checked
     * against the rows inserted so far, in this transaction, under the column's own collation).
     */
    private static void copyProfiles(Connection c, LocalDateTime startedAt) throws SQLException {
        record Row(String userId, String displayName, String username, String avatarUrl, String bio,
                   int registrationCompleted, String legalConsent, String ageVerification, String createdAt,
                   String updatedAt) {}
        String sql = "SELECT u.id, p.display_name, p.username, NULLIF(p.avatar_url, ''), p.bio, "
                + "IF(COALESCE(p.registration_completed, 0) <> 0, 1, 0), p.legal_consent, p.age_verification, "
                + first("p.created_at", "u.created_at", "u.updated_at") + ", "
                + first("p.updated_at", "p.created_at", "u.created_at") + " FROM original_users u "
                + "LEFT JOIN original_profiles p ON p.user_id = u.id "
                + "ORDER BY " + first("u.created_at", "u.updated_at") + ", u.id";
        List<Row> rows = Jdbc.query(c, sql, rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10)), startedAtFor(sql, startedAt));
        for (Row row : rows) {
            Iterator<String> candidates = DisplayNames.candidates(DisplayNames.base(row.displayName(), row.username()));
            String name = candidates.next();
            while (Jdbc.count(c, "SELECT COUNT(*) FROM profiles WHERE display_name = ?", name) > 0) {
                name = candidates.next();
            }
            Jdbc.update(c, "INSERT INTO profiles (user_id, display_name, avatar_url, bio, registration_completed, "
                    + "legal_consent, age_verification, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row.userId(), name, row.avatarUrl(), row.bio(), row.registrationCompleted(), row.legalConsent(),
                    row.ageVerification(), row.createdAt(), row.updatedAt());
        }
    }

    /**
     * What later migrations made room for, once they are applied: the comments' moderation status (V4) from the
     * original comment_moderation, then the counters that depend on it (a fail's listed comments, V7); the
     * comment reports and the settings (app_config, V7), the original's values over the defaults. Runs again
     * harmlessly (it sets the same values). The explicit collations: an original table's may differ from V1's,
     * and MySQL refuses to compare columns of two implicit collations.
     */
    static void runAfterLatest(Connection c, Set<String> originals) throws SQLException {
        if (originals.contains("comment_moderation")) {
            Jdbc.update(c, "UPDATE comments c JOIN original_comment_moderation m "
                    + "ON m.comment_id = c.id COLLATE utf8mb4_unicode_ci SET c.moderation_status = NULLIF(m.status, '')");
            Jdbc.update(c, "UPDATE fails f SET f.comments_count = (SELECT COUNT(*) FROM comments c WHERE c.fail_id = f.id "
                    + "AND (c.moderation_status IS NULL OR c.moderation_status = 'approved'))");
        }
        if (originals.contains("comment_reports")) {
            Jdbc.update(c, "INSERT IGNORE INTO comment_reports (id, comment_id, user_id, reason, created_at) "
                    + "SELECT r.id, c.id, u.id, r.reason, COALESCE(IF(UNIX_TIMESTAMP(r.created_at) > 0, r.created_at, "
                    + "NULL), UTC_TIMESTAMP(3)) FROM original_comment_reports r "
                    + "JOIN comments c ON c.id = r.comment_id COLLATE utf8mb4_unicode_ci "
                    + "JOIN users u ON u.id = r.user_id COLLATE utf8mb4_unicode_ci");
            Jdbc.update(c, "UPDATE comments c SET c.reports_count = (SELECT COUNT(*) FROM comment_reports r "
                    + "WHERE r.comment_id = c.id)");
        }
        if (originals.contains("app_config")) {
            Jdbc.update(c, "DELETE FROM app_config WHERE config_key IN (SELECT o.`key` COLLATE utf8mb4_unicode_ci "
                    + "FROM original_app_config o)");
            Jdbc.update(c, "INSERT INTO app_config (id, config_key, config_value, description, created_at, updated_at) "
                    + "SELECT o.id, o.`key`, o.`value`, LEFT(o.description, 255), "
                    + "COALESCE(IF(UNIX_TIMESTAMP(o.created_at) > 0, o.created_at, NULL), UTC_TIMESTAMP(3)), "
                    + "COALESCE(IF(UNIX_TIMESTAMP(o.updated_at) > 0, o.updated_at, NULL), UTC_TIMESTAMP(3)) "
                    + "FROM original_app_config o WHERE CHAR_LENGTH(o.`key`) <= 100");
        }
    }

    /** The counters V1 keeps on each fail, from the rows just copied. */
    private static void countReactionsAndComments(Connection c) throws SQLException {
        String sums = Arrays.stream(ReactionType.values()).map(t -> "SUM(reaction_type = '" + t.wireName() + "') AS "
                + t.counterColumn()).collect(Collectors.joining(", "));
        String sets = Arrays.stream(ReactionType.values()).map(t -> "f." + t.counterColumn() + " = r." + t.counterColumn())
                .collect(Collectors.joining(", "));
        Jdbc.update(c, "UPDATE fails f JOIN (SELECT fail_id, " + sums + " FROM reactions GROUP BY fail_id) r "
                + "ON r.fail_id = f.id SET " + sets);
        Jdbc.update(c, "UPDATE fails f JOIN (SELECT fail_id, COUNT(*) AS n FROM comments GROUP BY fail_id) c "
                + "ON c.fail_id = f.id SET f.comments_count = c.n");
    }

    /** The first of {@code columns} that holds a time (not NULL, not MySQL's zero date), else the adoption's start (?). */
    private static String first(String... columns) {
        return Arrays.stream(columns).map(col -> "IF(UNIX_TIMESTAMP(" + col + ") > 0, " + col + ", NULL)")
                .collect(Collectors.joining(", ", "COALESCE(", ", ?)"));
    }

    /** Runs {@code sql} with the adoption's start bound to each of its parameters. */
    private static int update(Connection c, String sql, LocalDateTime startedAt) throws SQLException {
        return Jdbc.update(c, sql, startedAtFor(sql, startedAt));
    }

    /** The adoption's start once per parameter of {@code sql} (every one of the copy's is that). */
    private static Object[] startedAtFor(String sql, LocalDateTime startedAt) {
        return Collections.nCopies((int) sql.chars().filter(ch -> ch == '?').count(), startedAt).toArray();
    }
}
