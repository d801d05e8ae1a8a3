package io.faildaily.backend.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A page of a list read as a deferred join, in two statements: the page's ids from a walk of a covering index
 * (the statement selects only the id and filters and orders on the index's columns, so the server reads
 * offset + limit index entries, sorts nothing and makes no temporary table), then the rows by primary key,
 * put back in the walk's order here.
 *
 * <p>Why not one statement: a single SELECT that orders by the index and carries a TEXT column (or joins a
 * small table) is planned from statistics; with few authors MariaDB 10.11 picks a full scan, a temporary table
 * and a filesort even under FORCE INDEX. And a derived table holding the page (the usual one-statement deferred
 * join) is materialised as a temporary table. Two primary-key-shaped statements have no plan to flip.
 */
public final class PageByIds {
    /** The id lists are padded to these sizes, so each list has a handful of statement texts (server-side prepared). */
    private static final int[] LIST_SIZES = {1, 2, 4, 8, 16, 32, 64, 128};

    private PageByIds() {}

    /** The ids the statement returns in its first column, in its order. */
    public static List<String> ids(Connection c, String idsSql, Object... params) throws SQLException {
        return Jdbc.query(c, idsSql, rs -> rs.getString(1), params);
    }

    /**
     * The rows for {@code ids}, in the order of {@code ids}. {@code rowsSql} ends in {@code IN} and is completed
     * with the placeholders; {@code leading} are the parameters before them. A row that went away between the
     * two statements (deleted, or filtered out by {@code rowsSql}) is simply missing from the page.
     */
    public static <T> List<T> rows(Connection c, List<String> ids, String rowsSql, Function<T, String> idOf,
                                   Jdbc.RowMapper<T> mapper, Object... leading) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        int size = listSize(ids.size());
        Object[] params = Arrays.copyOf(leading, leading.length + size);
        for (int i = 0; i < size; i++) {
            // Padding repeats the last id: IN with a duplicate matches the row once.
            params[leading.length + i] = ids.get(Math.min(i, ids.size() - 1));
        }
        Map<String, T> byId = new HashMap<>();
        for (T row : Jdbc.query(c, rowsSql + " (" + placeholders(size) + ")", mapper, params)) {
            byId.put(idOf.apply(row), row);
        }
        List<T> ordered = new ArrayList<>(ids.size());
        for (String id : ids) {
            T row = byId.get(id);
            if (row != null) {
                ordered.add(row);
            }
        }
        return ordered;
    }

    static int listSize(int n) {
        for (int size : LIST_SIZES) {
            if (n <= size) {
                return size;
            }
        }
        return n;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
