package io.faildaily.backend.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the database server did for one piece of work, from its own status counters. The backend reads through a
 * connection pool, so its session counters are out of reach: these are GLOBAL counters read before and after, on a
 * connection of the caller's, with nothing else using the server. Reading the counters costs something itself
 * (MariaDB fills a temporary table to answer SHOW STATUS), so {@link #measure} subtracts the cost of an empty
 * measurement, and takes the least of a few tries: other work only ever adds.
 */
public final class ServerCounters {
    /** The counters reported; every Handler_read_* adds to {@link Cost#rowsRead()}. */
    public static final List<String> NAMES = List.of("Handler_read_first", "Handler_read_key", "Handler_read_last",
            "Handler_read_next", "Handler_read_prev", "Handler_read_retry", "Handler_read_rnd",
            "Handler_read_rnd_deleted", "Handler_read_rnd_next", "Created_tmp_tables", "Created_tmp_disk_tables",
            "Sort_rows", "Sort_scan", "Sort_merge_passes", "Select_full_join", "Select_range", "Select_scan");
    private static final String SQL = "SHOW GLOBAL STATUS WHERE Variable_name IN ('" + String.join("','", NAMES) + "')";

    private final Connection connection;
    private final Map<String, Long> emptyCost;

    /** {@code connection}: the caller's own, to the server under test (any database). */
    public ServerCounters(Connection connection) throws SQLException {
        this.connection = connection;
        this.emptyCost = leastOf(5, () -> {});
    }

    /** The counters' deltas over one run of {@code work}, less the cost of reading them. */
    public Cost measure(ThrowingRunnable work) throws Exception {
        Map<String, Long> raw = leastOf(3, work);
        Map<String, Long> net = new LinkedHashMap<>();
        for (String name : NAMES) {
            net.put(name, Math.max(0, raw.get(name) - emptyCost.get(name)));
        }
        return new Cost(net);
    }

    private Map<String, Long> leastOf(int tries, ThrowingRunnable work) throws SQLException {
        Map<String, Long> least = null;
        for (int i = 0; i < tries; i++) {
            Map<String, Long> before = read();
            try {
                work.run();
            } catch (Exception e) {
                throw new IllegalStateException("the measured work failed", e);
            }
            Map<String, Long> after = read();
            Map<String, Long> delta = new TreeMap<>();
            for (String name : NAMES) {
                delta.put(name, after.get(name) - before.get(name));
            }
            if (least == null || total(delta) < total(least)) {
                least = delta;
            }
        }
        return least;
    }

    private static long total(Map<String, Long> delta) {
        return delta.values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, Long> read() throws SQLException {
        Map<String, Long> values = new TreeMap<>();
        for (String name : NAMES) {
            values.put(name, 0L); // a counter this server lacks (Handler_read_retry is MariaDB's) stays 0
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    /** One measurement: each counter's delta. */
    public record Cost(Map<String, Long> deltas) {
        public long rowsRead() {
            return deltas.entrySet().stream().filter(e -> e.getKey().startsWith("Handler_read_"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        public long get(String name) {
            return deltas.get(name);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("rows read " + rowsRead() + " (");
            deltas.forEach((k, v) -> {
                if (v != 0) {
                    s.append(k).append('=').append(v).append(' ');
                }
            });
            return s.toString().trim() + ")";
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
