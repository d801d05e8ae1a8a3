package io.faildaily.backend.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.backend.testing.MariaDbExtension;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.TestBackend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The migrations on a real MariaDB: utf8mb4 everywhere, re-runnable (what each list query costs: ListCostTest). */
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
            assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
            List<String> charsets = strings(c, "SELECT DISTINCT CCSA.character_set_name FROM information_schema.TABLES T "
                    + "JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY CCSA ON CCSA.collation_name = T.table_collation "
                    + "WHERE T.table_schema = '" + name + "' AND T.table_name <> 'flyway_schema_history'");
            assertThat(charsets).containsExactly("utf8mb4");
            assertThat(strings(c, "SELECT COUNT(*) FROM badge_definitions").get(0)).isEqualTo("65");
        }
    }

    /** V3 and V4 on a database in the V2 state that already holds rows (an adopted installation): indexes in place, rows kept. */
    @Test
    void listIndexesApplyOnAPopulatedV2Database(MariaDbServer db) throws Exception {
        String name = "faildaily_v2_" + ProcessHandle.current().pid();
        db.createDatabase(name);
        Flyway.configure().dataSource(db.jdbcUrl(name), db.user(), db.password()).locations("classpath:db/migration")
                .target("2").load().migrate();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(name), "root", "")) {
            c.createStatement().execute("INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES "
                    + "('00000000-0000-4000-8000-000000000001', 'v2@example.test', 'x', NOW(3), NOW(3))");
            c.createStatement().execute("INSERT INTO fails (id, user_id, title, description, moderation_status, "
                    + "created_at, updated_at) VALUES ('00000000-0000-4000-8000-0000000000f1', "
                    + "'00000000-0000-4000-8000-000000000001', 'Before V3', '', 'hidden', NOW(3), NOW(3))");
        }
        Flyway.configure().dataSource(db.jdbcUrl(name), db.user(), db.password()).locations("classpath:db/migration")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(name), "root", "")) {
            assertThat(strings(c, "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank"))
                    .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
            assertThat(strings(c, "SELECT CONCAT(table_name, '.', index_name, '(', GROUP_CONCAT(column_name ORDER BY "
                    + "seq_in_index), ')') FROM information_schema.STATISTICS WHERE table_schema = '" + name + "' AND "
                    + "index_name LIKE '%page' GROUP BY table_name, index_name ORDER BY 1")).containsExactly(
                    "comments.idx_comments_fail_page(fail_id,created_at,id,moderation_status)",
                    "fails.idx_fails_feed_page(created_at,id,moderation_status)",
                    "fails.idx_fails_user_page(user_id,created_at,id,is_anonyme,moderation_status)",
                    "reactions.idx_reactions_fail_page(fail_id,created_at,id)");
            assertThat(strings(c, "SELECT title FROM fails")).containsExactly("Before V3");
        }
    }

    /**
     * A start killed part way through a migration (MySQL and MariaDB commit each DDL statement: part of it applied,
     * no history row), and one that failed part way (a failed history row): the next start completes the schema,
     * to exactly the shape of a database migrated in one go.
     */
    @Test
    void aMigrationCutOffPartWayIsCompletedByTheNextStart(MariaDbServer db) throws Exception {
        String whole = "faildaily_whole_" + ProcessHandle.current().pid();
        db.createDatabase(whole);
        flyway(db, whole, null).migrate();

        String killed = "faildaily_killed_" + ProcessHandle.current().pid();
        db.createDatabase(killed);
        flyway(db, killed, "6").migrate();
        List<String> v7 = ResumableSqlMigration.statements(new String(MigrationTest.class
                .getResourceAsStream("/db/statements/V7__moderation.sql").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(v7).hasSizeGreaterThan(5);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(killed), "root", "")) {
            for (String sql : v7.subList(0, 5)) { // app_config and its seeds, comment_reports, fails' report counter
                c.createStatement().execute(sql);
            }
        }
        try (TestBackend resumed = TestBackend.startOn(db, killed)) {
            assertThat(resumed.api.get("/api/health", null).status()).isEqualTo(200);
        }
        assertThat(shape(db, killed)).isEqualTo(shape(db, whole));

        String failed = "faildaily_failed_" + ProcessHandle.current().pid();
        db.createDatabase(failed);
        flyway(db, failed, "7").migrate();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(failed), "root", "")) {
            c.createStatement().execute("ALTER TABLE users ADD INDEX idx_users_created (created_at, id)");
            long rank = Long.parseLong(strings(c, "SELECT MAX(installed_rank) + 1 FROM flyway_schema_history").get(0));
            c.createStatement().execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
                    + "script, installed_by, execution_time, success) VALUES (" + rank + ", '8', 'staff indexes', 'JDBC', "
                    + "'db.migration.V8__staff_indexes', 'root', 0, 0)");
        }
        try (TestBackend resumed = TestBackend.startOn(db, failed)) {
            assertThat(resumed.api.get("/api/health", null).status()).isEqualTo(200);
        }
        assertThat(shape(db, failed)).isEqualTo(shape(db, whole));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(failed), "root", "")) {
            assertThat(strings(c, "SELECT CONCAT(version, ':', success) FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("1:1", "2:1", "3:1", "4:1", "5:1", "6:1", "7:1", "8:1", "9:1", "10:1");
        }
    }

    /**
     * V9 on an installation of V8 (the first Java catalogue, badges earned): the catalogue becomes the original's 65,
     * every badge a member earned stays theirs (a retired one too), and the badge figures are counted from the
     * fails, reactions and comments already there.
     */
    @Test
    void theOriginalCatalogueKeepsEarnedBadgesAndCountsExistingContent(MariaDbServer db) throws Exception {
        String name = "faildaily_v8_" + ProcessHandle.current().pid();
        db.createDatabase(name);
        flyway(db, name, "8").migrate();
        String u = "00000000-0000-4000-8000-000000000001";
        String other = "00000000-0000-4000-8000-000000000002";
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(name), "root", "")) {
            var st = c.createStatement();
            st.execute("INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES ('" + u
                    + "', 'v8@example.test', 'x', NOW(3), NOW(3)), ('" + other + "', 'o@example.test', 'x', NOW(3), NOW(3))");
            st.execute("INSERT INTO profiles (user_id, display_name, created_at, updated_at) VALUES ('" + u
                    + "', 'V8', NOW(3), NOW(3)), ('" + other + "', 'O', NOW(3), NOW(3))");
            // Fails on Sunday 1, 2, 3 March (a run of 3), 20 April (a gap of 48 days), Saturday 25 April.
            String[] days = {"2026-03-01", "2026-03-02", "2026-03-03", "2026-04-20", "2026-04-25"};
            for (int i = 0; i < days.length; i++) {
                st.execute("INSERT INTO fails (id, user_id, title, description, category, laugh_count, created_at, "
                        + "updated_at) VALUES ('00000000-0000-4000-8000-0000000000f" + i + "', '" + u + "', 'F', "
                        + "'encore', 'Cat" + (i % 3) + "', " + (i == 0 ? 6 : 0) + ", '" + days[i] + " 10:00:00.000', NOW(3))");
            }
            st.execute("INSERT INTO reactions (id, fail_id, user_id, reaction_type, created_at, updated_at) VALUES "
                    + "('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000f0', '" + other
                    + "', 'laugh', NOW(3), NOW(3)), ('00000000-0000-4000-8000-0000000000a2', "
                    + "'00000000-0000-4000-8000-0000000000f0', '" + u + "', 'laugh', NOW(3), NOW(3))");
            for (String badge : new String[] {"first-fail", "first-comment", "first-reaction"}) {
                st.execute("INSERT INTO user_badges (id, user_id, badge_id, unlocked_at, created_at) VALUES (UUID(), '"
                        + u + "', '" + badge + "', NOW(3), NOW(3))");
            }
        }
        flyway(db, name, null).migrate();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(name), "root", "")) {
            assertThat(strings(c, "SELECT COUNT(*) FROM badge_definitions WHERE retired_at IS NULL")).containsExactly("65");
            assertThat(strings(c, "SELECT id FROM badge_definitions WHERE retired_at IS NOT NULL"))
                    .containsExactly("first-comment"); // the three retired ones nobody earned are gone
            assertThat(strings(c, "SELECT badge_id FROM user_badges ORDER BY badge_id"))
                    .containsExactly("first-comment", "first-fail", "first-reaction");
            assertThat(strings(c, "SELECT requirement_type FROM badge_definitions WHERE id = 'first-reaction'"))
                    .containsExactly("first_reaction");
            assertThat(strings(c, "SELECT CONCAT_WS(' ', last_fail_day, fail_days, fail_months, fail_streak, "
                    + "longest_fail_streak, gaps_over_30_days, gaps_over_90_days, weekend_fails, resilience_fails) "
                    + "FROM user_badge_progress WHERE user_id = '" + u + "'"))
                    .containsExactly("2026-04-25 5 2 1 3 1 0 2 5");
            assertThat(strings(c, "SELECT mark FROM user_badge_marks WHERE user_id = '" + u + "' ORDER BY mark"))
                    .containsExactly("category:Cat0", "category:Cat1", "category:Cat2",
                            "funny:00000000-0000-4000-8000-0000000000f0",
                            "reactor:" + u, "reactor:" + other);
            assertThat(strings(c, "SELECT CONCAT(laughs_received, ' ', reactions_from_others) FROM profiles "
                    + "WHERE user_id = '" + u + "'")).containsExactly("6 1");
        }
    }

    private static Flyway flyway(MariaDbServer db, String name, String target) {
        var config = Flyway.configure().dataSource(db.jdbcUrl(name), db.user(), db.password())
                .locations("classpath:db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    /** Columns and indexes of a database's tables (the history table's rows aside). */
    private static List<String> shape(MariaDbServer db, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(name), "root", "")) {
            List<String> shape = new ArrayList<>(strings(c, "SELECT CONCAT_WS(' ', table_name, column_name, "
                    + "ordinal_position, column_type, is_nullable, IFNULL(column_default, '-')) FROM information_schema.COLUMNS "
                    + "WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position"));
            shape.addAll(strings(c, "SELECT CONCAT_WS(' ', table_name, index_name, seq_in_index, column_name) FROM "
                    + "information_schema.STATISTICS WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index"));
            shape.addAll(strings(c, "SELECT CONCAT_WS(' ', config_key, config_value) FROM app_config ORDER BY config_key"));
            return shape;
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
