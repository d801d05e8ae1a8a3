package io.faildaily.backend.testing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's answer as text: one string per row, its columns joined by {@code |}, NULL as {@code null}. Two
 * databases (an original and its converted copy, say) are compared by comparing these lists, and a failure
 * prints the rows.
 */
public final class SqlRows {
    private SqlRows() {}

    /** Every row left in {@code rs}. */
    public static List<String> of(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                row.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            rows.add(row.toString());
        }
        return rows;
    }
}
