package io.faildaily.backend.persistence.original;

import static io.faildaily.backend.persistence.original.OriginalSchema.quoted;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.service.ReactionType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Before anything changes: does every original value fit this backend's columns (V1's, often narrower than
 * the original's)? A value that does not fit would be cut, or stop the copy half way; instead the adoption is
 * refused with the rows to fix, and the database stays as it was. Display names are not checked: the adoption
 * makes them fit ({@link DisplayNames}).
 */
final class AdoptionPreflight {
    /** A column whose values must be at most {@code max} characters (or bytes, for TEXT columns). */
    private record Limit(String table, String column, String key, int max, boolean bytes) {
        String length() {
            return (bytes ? "LENGTH(" : "CHAR_LENGTH(") + quoted(column) + ")";
        }

        String unit() {
            return bytes ? "bytes" : "characters";
        }
    }

    private static final int TEXT_BYTES = 65_535;
    private static final List<Limit> LIMITS = List.of(
            chars("users", "email", 255), chars("users", "password_hash", 100), chars("users", "role", 20),
            chars("users", "account_status", 20),
            chars("profiles", "avatar_url", 500), bytes("profiles", "bio"), bytes("profiles", "legal_consent"),
            bytes("profiles", "age_verification"),
            chars("fails", "title", 200), chars("fails", "category", 100), chars("fails", "image_url", 500),
            chars("fails", "country_code", 2), bytes("fails", "description"),
            bytes("comments", "content"), bytes("fail_reports", "reason"),
            chars("user_point_events", "source", 50), chars("user_point_events", "reaction_type", 20),
            chars("badge_definitions", "id", 64), chars("badge_definitions", "name", 100),
            chars("badge_definitions", "description", 255), chars("badge_definitions", "icon", 100),
            chars("badge_definitions", "category", 50), chars("badge_definitions", "rarity", 20),
            chars("badge_definitions", "requirement_type", 50),
            new Limit("fail_moderation", "status", "fail_id", 20, false),
            new Limit("comment_moderation", "status", "comment_id", 20, false));

    private AdoptionPreflight() {}

    /** @throws AdoptionRefused listing every value that does not fit, and what to do */
    static void check(Connection c, Set<String> tables) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Limit limit : LIMITS) {
            if (!tables.contains(limit.table())
                    || !OriginalSchema.columns(c, limit.table()).containsAll(List.of(limit.column(), limit.key()))) {
                continue;
            }
            String from = " FROM " + quoted(limit.table()) + " WHERE " + limit.length() + " > " + limit.max();
            long rows = Jdbc.count(c, "SELECT COUNT(*)" + from);
            if (rows > 0) {
                List<String> keys = Jdbc.query(c, "SELECT " + quoted(limit.key()) + from + " ORDER BY 1 LIMIT 5",
                        rs -> rs.getString(1));
                problems.add(limit.table() + "." + limit.column() + " is longer than " + limit.max() + " "
                        + limit.unit() + " in " + rows + " row(s) (" + limit.key() + " " + String.join(", ", keys)
                        + (rows > keys.size() ? ", …" : "") + ")");
            }
        }
        String known = Arrays.stream(ReactionType.values()).map(t -> "'" + t.wireName() + "'")
                .collect(Collectors.joining(", "));
        List<String> unknown = Jdbc.query(c, "SELECT CONCAT(COALESCE(reaction_type, 'NULL'), ' (', COUNT(*), ' row(s))') "
                + "FROM reactions WHERE reaction_type IS NULL OR reaction_type NOT IN (" + known + ") "
                + "GROUP BY reaction_type ORDER BY reaction_type", rs -> rs.getString(1));
        if (!unknown.isEmpty()) {
            problems.add("reactions.reaction_type holds types this backend does not know: " + String.join(", ", unknown)
                    + "; it knows " + known.replace("'", ""));
        }
        if (!problems.isEmpty()) {
            throw new AdoptionRefused("the original FailDaily schema cannot be adopted as it is, and nothing was "
                    + "changed: " + String.join("; ", problems) + ". Fix these rows in the database (UPDATE … "
                    + "WHERE …, as root), then start the backend again.");
        }
    }

    private static Limit chars(String table, String column, int max) {
        return new Limit(table, column, "id", max, false);
    }

    private static Limit bytes(String table, String column) {
        return new Limit(table, column, "id", TEXT_BYTES, true);
    }
}
