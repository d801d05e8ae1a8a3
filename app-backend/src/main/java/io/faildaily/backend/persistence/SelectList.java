package io.faildaily.backend.persistence;

import java.util.List;

/**
 * A SELECT's column list whose positions can be asked by name, so that rows are read by index: reading by label
 * made the driver look every label up again in every row (a few percent of a feed request), and indexes kept by
 * hand beside the SQL would drift from it.
 */
public final class SelectList {
    private final List<String> columns;

    public SelectList(String... columns) {
        this.columns = List.of(columns);
    }

    /** The columns, comma-separated, for the SQL text. */
    public String sql() {
        return String.join(", ", columns);
    }

    /** The 1-based position of {@code column}, as JDBC counts. */
    public int at(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(column + " is not in " + columns);
        }
        return i + 1;
    }
}
