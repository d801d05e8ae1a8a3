package io.faildaily.backend.persistence.original;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faildaily.backend.testing.MariaDbExtension;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.OriginalInstallation;
import io.faildaily.backend.testing.SqlRows;
import io.faildaily.backend.testing.TestBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adoption of the original FailDaily schema on MariaDB, from the original installation's sample loaded as
 * its docker-compose user would (the mysql client, the file as it is). Expected values come from a second copy
 * of the sample, queried with the original's own schema.
 */
@ExtendWith(MariaDbExtension.class)
class OriginalSchemaAdoptionTest {
    /** The tables V1 creates and the adoption fills, V2's catalogue among them. */
    private static final List<String> DATA_TABLES = List.of("users", "profiles", "fails", "reactions", "comments",
            "fail_reports", "user_points", "user_point_events", "badge_definitions", "user_badges");

    @Test
    void theOriginalInstallationIsAdoptedWithNothingLost(MariaDbServer db) throws Exception {
        String name = original(db);
        String reference = original(db);
        List<String> originalTables = rows(db, reference, "SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1");
        assertThat(originalTables).hasSize(32);
        try (TestBackend backend = TestBackend.startOn(db, name)) {
            // Accounts: ids, e-mails, bcrypt hashes, roles, statuses and times as they were.
            assertSame(db, name, reference, "SELECT id, email, password_hash, role, account_status, " + t("created_at")
                    + ", " + t("updated_at") + " FROM users ORDER BY id");
            assertSame(db, name, reference, "SELECT user_id, display_name, avatar_url, bio, registration_completed, "
                    + "legal_consent, age_verification, " + t("created_at") + ", " + t("updated_at")
                    + " FROM profiles ORDER BY user_id");
            // Fails with counters counted from the original's reactions and comments.
            String counters = "SELECT f.id, f.user_id, f.title, f.description, f.category, f.image_url, f.is_anonyme, "
                    + t("f.created_at") + ", " + t("f.updated_at") + ", @COUNTERS FROM fails f ORDER BY f.id";
            assertThat(rows(db, name, counters.replace("@COUNTERS", "f.courage_count, f.empathy_count, f.laugh_count, "
                    + "f.support_count, f.comments_count, f.moderation_status")))
                    .isEqualTo(rows(db, reference, counters.replace("@COUNTERS", Arrays.stream(new String[] {"courage", "empathy",
                            "laugh", "support"}).map(type -> "(SELECT COUNT(*) FROM reactions r WHERE r.fail_id = f.id "
                            + "AND r.reaction_type = '" + type + "')").reduce((a, b) -> a + ", " + b).orElseThrow()
                            + ", (SELECT COUNT(*) FROM comments c WHERE c.fail_id = f.id), "
                            + "(SELECT m.status FROM fail_moderation m WHERE m.fail_id = f.id)")))
                    .hasSize(9);
            assertSame(db, name, reference, "SELECT id, fail_id, user_id, reaction_type, " + t("created_at")
                    + " FROM reactions ORDER BY id");
            assertSame(db, name, reference, "SELECT id, fail_id, user_id, content, is_encouragement, " + t("created_at")
                    + ", " + t("updated_at") + " FROM comments ORDER BY id");
            assertSame(db, name, reference, "SELECT id, fail_id, user_id, reason, " + t("created_at")
                    + " FROM fail_reports ORDER BY id");
            assertSame(db, name, reference, "SELECT id, user_id, badge_id, " + t("unlocked_at") + ", " + t("created_at")
                    + " FROM user_badges ORDER BY id");
            // Points of accounts that exist (the original kept those of deleted accounts too).
            assertThat(rows(db, name, "SELECT user_id, points_total FROM user_points ORDER BY user_id"))
                    .isEqualTo(rows(db, reference, "SELECT p.user_id, p.points_total FROM user_points p "
                            + "JOIN users u ON u.id = p.user_id ORDER BY p.user_id"));
            assertThat(rows(db, name, "SELECT id, amount, source, fail_id, reaction_type, reason FROM user_point_events "
                    + "ORDER BY id")).isEqualTo(rows(db, reference, "SELECT e.id, e.amount, e.source, e.fail_id, "
                    + "e.reaction_type, e.meta FROM user_point_events e JOIN users u ON u.id = e.user_id ORDER BY e.id"));
            // The original catalogue as it was, and V2's badges that it lacks.
            String badges = "SELECT id, name, description, icon, category, rarity, requirement_type, requirement_value, "
                    + t("created_at") + " FROM badge_definitions";
            List<String> originalBadges = rows(db, reference, badges + " ORDER BY id");
            assertThat(originalBadges).hasSize(65);
            assertThat(rows(db, name, badges + " ORDER BY id")).containsAll(originalBadges);
            TreeSet<String> catalogue = new TreeSet<>(rows(db, reference, "SELECT id FROM badge_definitions"));
            catalogue.addAll(freshBackendRows(db, "SELECT id FROM badge_definitions"));
            assertThat(rows(db, name, "SELECT id FROM badge_definitions ORDER BY id")).containsExactlyElementsOf(catalogue);

            // The safety copy: every original table, whole, under original_<name>; no trigger or view left.
            for (String table : originalTables) {
                assertThat(rows(db, name, "CHECKSUM TABLE original_" + table).get(0).split("\\|")[1]).as(table)
                        .isEqualTo(rows(db, reference, "CHECKSUM TABLE " + table).get(0).split("\\|")[1]);
            }
            assertThat(rows(db, name, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
                    + "UNION ALL SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()")).isEmpty();

            // Exactly the schema the migrations make, with the history of an adopted database.
            assertThat(shape(db, name)).isEqualTo(shape(db, freshBackendDatabase(db)));
            assertThat(rows(db, name, "SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank"))
                    .startsWith("0|BASELINE|1", "1|SQL|1", "2|SQL|1")
                    .containsExactlyElementsOf(expectedHistory(db));
            assertThat(rows(db, name, "SELECT step FROM faildaily_adoption ORDER BY done_at, FIELD(step, 'STARTED', "
                    + "'SET_ASIDE', 'SCHEMA', 'DATA', 'FINISHED')"))
                    .containsExactly("STARTED", "SET_ASIDE", "SCHEMA", "DATA", "FINISHED");
            String orphans = rows(db, reference, "SELECT CONCAT(SUM(u.id IS NULL), ' of ', COUNT(*)) FROM user_points p "
                    + "LEFT JOIN users u ON u.id = p.user_id").get(0);
            assertThat(orphans).doesNotStartWith("0 ");
            assertThat(rows(db, name, "SELECT detail FROM faildaily_adoption WHERE step = 'DATA'").get(0))
                    .contains("user_points: " + orphans + " row(s) of accounts or fails that no longer exist");

            // Every account of the README logs in with the original password, and sees its own name.
            for (OriginalInstallation.Account account : OriginalInstallation.accounts()) {
                var login = backend.api.post("/api/auth/login", null,
                        Map.of("email", account.email(), "password", OriginalInstallation.PASSWORD));
                assertThat(login.status()).as(account.email() + ": " + login.body()).isEqualTo(200);
                assertThat(login.json().path("user").path("displayName").asText()).isEqualTo(account.displayName());
            }
        }
    }

    @Test
    void aSecondStartOnTheAdoptedDatabaseChangesNothing(MariaDbServer db) throws Exception {
        String name = original(db);
        TestBackend.startOn(db, name).close();
        List<String> before = checksums(db, name);
        List<String> history = rows(db, name, "SELECT * FROM flyway_schema_history ORDER BY installed_rank");
        List<String> log = rows(db, name, "SELECT * FROM faildaily_adoption ORDER BY step");
        try (TestBackend again = TestBackend.startOn(db, name)) {
            assertThat(again.port()).isPositive();
        }
        assertThat(checksums(db, name)).isEqualTo(before);
        assertThat(rows(db, name, "SELECT * FROM flyway_schema_history ORDER BY installed_rank")).isEqualTo(history);
        assertThat(rows(db, name, "SELECT * FROM faildaily_adoption ORDER BY step")).isEqualTo(log);
    }

    @Test
    void namesThatAreMissingOrSharedAndModerationAreConverted(MariaDbServer db) throws Exception {
        String name = original(db);
        execute(db, name,
                // Inès takes Camille's name (the collation ignores case), Hugo has none, Bruno a blank one
                // (his username stands in), journey B's profile row is gone, journey A has no password.
                "UPDATE profiles SET display_name = 'CAMILLE MARTIN' WHERE user_id = 'eab707a0-60f3-45ec-a8f4-e9d7b6623f94'",
                "UPDATE profiles SET display_name = NULL WHERE user_id = 'c1ceebb2-77b0-48b6-9f99-86f793c9cf5b'",
                "UPDATE profiles SET display_name = '  ' WHERE user_id = '9f92d99e-5f70-427e-aebd-68ca8b727bd4'",
                "DELETE FROM profiles WHERE user_id = '58cb2872-5b46-4f5b-8be5-a98ea41cd304'",
                "UPDATE users SET password_hash = NULL WHERE id = '45b4125b-261b-423c-8c20-5ecd4aa11354'",
                // Moderated by the original: a hidden fail, a hidden and an approved comment.
                "INSERT INTO fail_moderation (fail_id, status) SELECT id, 'hidden' FROM fails WHERE title = 'Entretien raté'",
                "INSERT INTO comment_moderation (comment_id, status) VALUES "
                        + "('da5af28e-ac02-4967-87b5-9d9121ff633e', 'hidden'), ('2aea8f94-38d2-43c8-b3c7-098fe2a4fe31', 'approved')",
                // A fail without a creation time and one whose anonymity was never set.
                "UPDATE fails SET created_at = NULL, updated_at = '2026-12-01 17:38:05' WHERE title = 'Présentation vide'",
                "UPDATE fails SET is_anonyme = NULL WHERE title = 'Raté mon train'");
        try (TestBackend backend = TestBackend.startOn(db, name)) {
            assertThat(rows(db, name, "SELECT u.email, p.display_name FROM users u JOIN profiles p ON p.user_id = u.id "
                    + "ORDER BY u.email")).containsExactly(
                    "bruno@taaazzz.be|bruno_test",
                    "journey.a.e990a4d931@example.com|JourneyA e990a4d931",
                    "journey.b.e990a4d931@example.com|Utilisateur",
                    "user1@faildaily.example|Camille Martin",
                    "user2@faildaily.example|Léo Dubois",
                    "user3@faildaily.example|CAMILLE MARTIN 1",
                    "user4@faildaily.example|Utilisateur 1");
            assertThat(rows(db, name, "SELECT title, moderation_status, is_anonyme, " + t("created_at")
                    + " FROM fails WHERE title IN ('Entretien raté', 'Présentation vide', 'Raté mon train') ORDER BY title"))
                    .containsExactly("Entretien raté|hidden|0|2026-12-01 17:38:01.000000",
                            "Présentation vide|null|0|2026-12-01 17:38:05.000000",
                            "Raté mon train|null|1|2026-12-01 17:38:01.000000");
            var login = backend.api.post("/api/auth/login", null,
                    Map.of("email", "journey.a.e990a4d931@example.com", "password", OriginalInstallation.PASSWORD));
            assertThat(login.status()).as(login.body()).isEqualTo(401);
            assertThat(login.code()).isEqualTo("INVALID_CREDENTIALS");

            String token = backend.api.post("/api/auth/login", null, Map.of("email", "user1@faildaily.example",
                    "password", OriginalInstallation.PASSWORD)).json().path("token").asText();
            var feed = backend.api.get("/api/fails", token).json().path("fails");
            assertThat(feed.findValuesAsText("title")).hasSize(8).doesNotContain("Entretien raté");
            String presentation = rows(db, name, "SELECT id FROM fails WHERE title = 'Présentation vide'").get(0);
            assertThat(backend.api.get("/api/fails/" + presentation + "/comments", token).json().path("data")
                    .path("comments")).isEmpty();
            String train = rows(db, name, "SELECT id FROM fails WHERE title = 'Raté mon train'").get(0);
            var trainComments = backend.api.get("/api/fails/" + train + "/comments", token).json().path("data").path("comments");
            assertThat(trainComments).hasSize(1);
            assertThat(trainComments.get(0).path("moderationStatus").asText()).isEqualTo("approved");
        }
    }

    @Test
    void valuesThatDoNotFitAreRefusedAndNothingIsChanged(MariaDbServer db) throws Exception {
        String name = original(db);
        execute(db, name, "UPDATE fails SET title = REPEAT('é', 201) WHERE title = 'Gâteau brûlé'",
                "UPDATE reactions SET reaction_type = 'bravo' WHERE id = (SELECT id FROM (SELECT MIN(id) AS id FROM reactions) r)");
        String cake = rows(db, name, "SELECT id FROM fails WHERE CHAR_LENGTH(title) = 201").get(0);
        List<String> before = checksums(db, name);
        assertThatThrownBy(() -> TestBackend.startOn(db, name))
                .hasMessageContaining("cannot be adopted as it is, and nothing was changed")
                .hasMessageContaining("fails.title is longer than 200 characters in 1 row(s) (id " + cake + ")")
                .hasMessageContaining("reactions.reaction_type holds types this backend does not know: bravo (1 row(s))");
        assertThat(checksums(db, name)).isEqualTo(before);
        assertThat(rows(db, name, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"))
                .containsExactly("2");
    }

    @Test
    void aStartStoppedInTheSchemaStepResumesAndEndsAsAnUninterruptedOne(MariaDbServer db) throws Exception {
        String name = original(db);
        // The schema step cut off after some of V1's CREATE TABLEs, as a killed start leaves it (MySQL commits each).
        String withoutComments = resource("/db/migration/V1__core_schema.sql").lines()
                .map(line -> line.replaceFirst("--.*$", "")).reduce("", (a, b) -> a + "\n" + b);
        List<String> v1 = Arrays.stream(withoutComments.split(";"))
                .map(String::strip).filter(s -> s.contains("CREATE TABLE")).toList();
        OriginalSchemaAdoption.Migrations cutOff = new OriginalSchemaAdoption.Migrations() {
            @Override
            public void toAdoptionVersion() {
                execute(db, name, v1.subList(0, 3).toArray(String[]::new));
                throw new IllegalStateException("killed");
            }

            @Override
            public void toLatest() {
                throw new AssertionError("not reached");
            }
        };
        OriginalSchemaAdoption adoption = new OriginalSchemaAdoption(
                () -> DriverManager.getConnection(db.jdbcUrl(name), db.user(), db.password()), cutOff, Clock.systemUTC());
        assertThatThrownBy(adoption::adoptIfOriginal).hasMessageContaining("stopped in step SCHEMA").hasRootCauseMessage("killed");
        assertThat(rows(db, name, "SELECT step FROM faildaily_adoption ORDER BY step")).containsExactly("SET_ASIDE", "STARTED");
        assertThat(rows(db, name, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME NOT LIKE 'original\\_%' ORDER BY 1")).containsExactly("faildaily_adoption", "fails", "profiles", "users");

        String uninterrupted = original(db);
        TestBackend.startOn(db, uninterrupted).close();
        TestBackend.startOn(db, name).close();
        assertThat(dataChecksums(db, name)).isEqualTo(dataChecksums(db, uninterrupted));
        assertThat(shape(db, name)).isEqualTo(shape(db, uninterrupted));
    }

    @Test
    void aStartStoppedBeforeTheStepLogsFirstRowAdoptsAsAnUninterruptedOne(MariaDbServer db) throws Exception {
        String name = original(db);
        // What a start killed between the log's CREATE TABLE (committed at once) and its first row leaves.
        try (Connection c = connect(db, name)) {
            AdoptionLog.create(c);
            assertThat(OriginalSchema.inspect(c)).isEqualTo(OriginalSchema.State.ADOPTING);
        }

        String uninterrupted = original(db);
        TestBackend.startOn(db, uninterrupted).close();
        TestBackend.startOn(db, name).close();
        assertThat(rows(db, name, "SELECT step FROM faildaily_adoption ORDER BY step"))
                .containsExactly("DATA", "FINISHED", "SCHEMA", "SET_ASIDE", "STARTED");
        assertThat(dataChecksums(db, name)).isEqualTo(dataChecksums(db, uninterrupted));
        assertThat(shape(db, name)).isEqualTo(shape(db, uninterrupted));
    }

    @Test
    void twoBackendsStartingTogetherAdoptOnce(MariaDbServer db) throws Exception {
        String name = original(db);
        String alone = original(db);
        TestBackend.startOn(db, alone).close();
        CompletableFuture<TestBackend> first = CompletableFuture.supplyAsync(() -> TestBackend.startOn(db, name));
        CompletableFuture<TestBackend> second = CompletableFuture.supplyAsync(() -> TestBackend.startOn(db, name));
        first.get().close();
        second.get().close();
        assertThat(dataChecksums(db, name)).isEqualTo(dataChecksums(db, alone));
        assertThat(rows(db, name, "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1'")).containsExactly("1");
    }

    // --- databases ----------------------------------------------------------------------------------------

    /** A new database holding the sample as the original installation had it. */
    private static String original(MariaDbServer db) {
        String name = TestBackend.newDatabaseName();
        OriginalInstallation.load(db, name);
        return name;
    }

    /** A database a backend made on an empty one: the migrations alone. */
    private static String freshBackendDatabase(MariaDbServer db) {
        try (TestBackend fresh = TestBackend.start(db)) {
            return fresh.databaseName();
        }
    }

    private static List<String> freshBackendRows(MariaDbServer db, String sql) throws SQLException {
        return rows(db, freshBackendDatabase(db), sql);
    }

    /** The history of a database migrated from scratch, behind the adoption's baseline. */
    private static List<String> expectedHistory(MariaDbServer db) throws SQLException {
        List<String> history = new ArrayList<>(List.of("0|BASELINE|1"));
        history.addAll(freshBackendRows(db, "SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank"));
        return history;
    }

    /** Columns, indexes and foreign keys of the backend's tables (not the original_… ones, not the records). */
    private static List<String> shape(MariaDbServer db, String name) throws SQLException {
        String ours = " AND TABLE_NAME NOT LIKE 'original\\_%' AND TABLE_NAME NOT IN ('faildaily_adoption', "
                + "'flyway_schema_history')";
        List<String> shape = new ArrayList<>(rows(db, name, "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, "
                + "IS_NULLABLE, COLUMN_DEFAULT, COLLATION_NAME, EXTRA FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE()" + ours + " ORDER BY 1, 3"));
        shape.addAll(rows(db, name, "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME "
                + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()" + ours + " ORDER BY 1, 2, 4"));
        shape.addAll(rows(db, name, "SELECT TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, DELETE_RULE "
                + "FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()" + ours
                + " ORDER BY 1, 2"));
        shape.addAll(rows(db, name, "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE()" + ours + " ORDER BY 1"));
        return shape;
    }

    private static List<String> checksums(MariaDbServer db, String name) throws SQLException {
        List<String> tables = rows(db, name, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1");
        return rows(db, name, "CHECKSUM TABLE " + String.join(", ", tables));
    }

    private static List<String> dataChecksums(MariaDbServer db, String name) throws SQLException {
        return rows(db, name, "CHECKSUM TABLE " + String.join(", ", DATA_TABLES)).stream()
                .map(r -> r.substring(r.indexOf('.') + 1)).toList();
    }

    /** Both databases answer {@code sql} alike (and answer something). */
    private static void assertSame(MariaDbServer db, String name, String reference, String sql) throws SQLException {
        List<String> expected = rows(db, reference, sql);
        assertThat(expected).as(sql).isNotEmpty();
        assertThat(rows(db, name, sql)).as(sql).isEqualTo(expected);
    }

    /** A time column as text, to the microsecond: TIMESTAMP (original) and DATETIME(3) (converted) alike. */
    private static String t(String column) {
        return "DATE_FORMAT(" + column + ", '%Y-%m-%d %H:%i:%s.%f')";
    }

    private static List<String> rows(MariaDbServer db, String name, String sql) throws SQLException {
        try (Connection c = connect(db, name); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return SqlRows.of(rs);
        }
    }

    private static void execute(MariaDbServer db, String name, String... statements) {
        try (Connection c = connect(db, name); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As root, in UTC: TIMESTAMP columns read as the dump wrote them. */
    private static Connection connect(MariaDbServer db, String name) throws SQLException {
        Connection c = DriverManager.getConnection(db.jdbcUrl(name), db.user(), db.password());
        try (Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
        }
        return c;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = OriginalSchemaAdoptionTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
