package io.faildaily.backend.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.MariaDbExtension;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.TestBackend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The migrations on a real MariaDB: utf8mb4 everywhere, re-runnable, and a feed query served by its index. */
@ExtendWith(MariaDbExtension.class)
class MigrationTest {

    @Test
    void schemaIsUtf8mb4AndMigrationsAreIdempotent(MariaDbServer db) throws Exception {
        String name;
        try (TestBackend first = TestBackend.start(db)) {
            name = first.databaseName();
        }
        // a second start on the same database applies nothing and works
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mig");
        try (var again = io.faildaily.backend.BackendApp.start(io.faildaily.backend.config.AppConfig.from(
                TestBackend.environment(db, name, dir)))) {
            assertThat(again.port()).isPositive();
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(name), "root", "")) {
            List<String> versions = strings(c, "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank");
            assertThat(versions).containsExactly("1", "2", "4");
            List<String> charsets = strings(c, "SELECT DISTINCT CCSA.character_set_name FROM information_schema.TABLES T "
                    + "JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY CCSA ON CCSA.collation_name = T.table_collation "
                    + "WHERE T.table_schema = '" + name + "' AND T.table_name <> 'flyway_schema_history'");
            assertThat(charsets).containsExactly("utf8mb4");
            assertThat(strings(c, "SELECT COUNT(*) FROM badge_definitions").get(0)).isEqualTo("12");
        }
    }

    @Test
    void feedQueryWalksTheIndexWithoutSorting(MariaDbServer db) throws Exception {
        try (TestBackend b = TestBackend.start(db)) {
            var user = Accounts.register(b.api);
            for (int i = 0; i < 30; i++) {
                b.api.post("/api/fails", user.token(), Map.of("title", "Fail " + i));
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(b.databaseName()), "root", "")) {
                c.createStatement().execute("ANALYZE TABLE fails, profiles, reactions");
                // The same statement FailService runs for GET /api/fails (limit 20, offset 0).
                String sql = "EXPLAIN SELECT STRAIGHT_JOIN f.id, p.display_name, r.reaction_type FROM fails f FORCE INDEX (idx_fails_feed) JOIN profiles p ON p.user_id = f.user_id "
                        + "LEFT JOIN reactions r ON r.fail_id = f.id AND r.user_id = '" + user.id() + "' "
                        + "WHERE (f.moderation_status IS NULL OR f.moderation_status NOT IN ('hidden','rejected')) "
                        + "ORDER BY f.created_at DESC, f.id DESC LIMIT 20 OFFSET 0";
                List<String> plan = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    while (rs.next()) {
                        plan.add(rs.getString("table") + " type=" + rs.getString("type") + " key=" + rs.getString("key")
                                + " extra=" + rs.getString("Extra"));
                    }
                }
                assertThat(plan.get(0)).startsWith("f ").contains("key=idx_fails_feed").doesNotContain("filesort");
                assertThat(plan.get(1)).contains("type=eq_ref");
                assertThat(plan.get(2)).contains("type=eq_ref").contains("uk_reactions_fail_user");
            }
        }
    }

    private static List<String> strings(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
