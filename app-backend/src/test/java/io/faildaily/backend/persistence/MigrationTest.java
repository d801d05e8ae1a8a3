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
            assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
            List<String> charsets = strings(c, "SELECT DISTINCT CCSA.character_set_name FROM information_schema.TABLES T "
                    + "JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY CCSA ON CCSA.collation_name = T.table_collation "
                    + "WHERE T.table_schema = '" + name + "' AND T.table_name <> 'flyway_schema_history'");
            assertThat(charsets).containsExactly("utf8mb4");
            assertThat(strings(c, "SELECT COUNT(*) FROM badge_definitions").get(0)).isEqualTo("12");
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
                    .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
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
                    .containsExactly("1:1", "2:1", "3:1", "4:1", "5:1", "6:1", "7:1", "8:1");
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
