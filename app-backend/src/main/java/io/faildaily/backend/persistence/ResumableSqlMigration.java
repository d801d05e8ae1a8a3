package io.faildaily.backend.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A migration of SQL statements ({@code db/statements/<class name>.sql}) that a start killed part way through
 * does not leave stuck. MySQL and MariaDB commit each DDL statement on its own, so a backend stopped in the middle
 * of a migration leaves part of it applied and no history row; a plain SQL migration then fails on its first
 * statement on every later start ("Duplicate key name"). Here a statement whose work is found already done (the
 * table, column or index exists, the index to drop is gone, the seed row is there) is passed over, so running
 * the migration again completes it. Every statement must be safe to repeat in that sense: DDL, and UPDATEs that
 * compute their values from the data.
 */
public abstract class ResumableSqlMigration extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(ResumableSqlMigration.class);
    /** Table exists, duplicate column, duplicate index name, nothing to drop, duplicate seed row. */
    static final Set<Integer> ALREADY_DONE = Set.of(1050, 1060, 1061, 1091, 1062);

    private final String text = read("/db/statements/" + getClass().getSimpleName() + ".sql");

    @Override
    public void migrate(Context context) throws SQLException {
        try (Statement st = context.getConnection().createStatement()) {
            for (String sql : statements(text)) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    if (!ALREADY_DONE.contains(e.getErrorCode())) {
                        throw e;
                    }
                    LOG.warn("{}: already done by an earlier, interrupted start, passed over: {}",
                            getClass().getSimpleName(), e.getMessage());
                }
            }
        }
    }

    /** The checksum of the statements' text, so that Flyway notices a migration edited after it ran. */
    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** The statements of a file: comment lines dropped, split at a ';' that ends a line. */
    static List<String> statements(String text) {
        StringBuilder current = new StringBuilder();
        List<String> statements = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = ResumableSqlMigration.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration statements " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
