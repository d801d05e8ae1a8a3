package io.faildaily.backend.service;

import io.faildaily.backend.persistence.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The display names tried for a base name, and the first one no profile has, asked of the database in batches:
 * names compare under the column's collation (case and accents ignored), which only the server applies exactly.
 */
final class DisplayNameCandidates {
    static final int MAX_SUFFIX = 999;
    private static final int BATCH = 100;

    private DisplayNameCandidates() {}

    /** {@code base} (n = 0) or "base n", the base cut so that the whole keeps within the display-name limit. */
    static String shortened(String base, int n) {
        String suffix = n == 0 ? "" : " " + n;
        int room = AuthService.MAX_DISPLAY_NAME - suffix.length();
        String kept = base.codePointCount(0, base.length()) <= room ? base
                : base.substring(0, base.offsetByCodePoints(0, room)).stripTrailing();
        return kept + suffix;
    }

    /** The first of {@code candidates}, in order, that is no profile's display name. */
    static Optional<String> firstFree(Connection c, List<String> candidates) throws SQLException {
        for (int from = 0; from < candidates.size(); from += BATCH) {
            List<String> batch = candidates.subList(from, Math.min(from + BATCH, candidates.size()));
            // Each candidate with its rank, as a derived table, compared under the column's collation (V1's): a
            // derived table's column is no longer a "coercible" literal, and MySQL 8 would refuse to mix its
            // connection collation with the column's.
            StringBuilder sql = new StringBuilder("SELECT name FROM (");
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                sql.append(i == 0 ? "SELECT ? AS name, ? AS rank_in_batch" : " UNION ALL SELECT ?, ?");
                params.add(batch.get(i));
                params.add(i);
            }
            sql.append(") candidates WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.display_name = "
                    + "candidates.name COLLATE utf8mb4_unicode_ci) ORDER BY rank_in_batch LIMIT 1");
            Optional<String> free = Jdbc.queryOne(c, sql.toString(), rs -> rs.getString(1), params.toArray());
            if (free.isPresent()) {
                return free;
            }
        }
        return Optional.empty();
    }
}
