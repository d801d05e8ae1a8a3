package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.faildaily.backend.testing.OriginalInstallation;
import io.faildaily.backend.testing.SqlRows;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.Patterns;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.model.BackendModel;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.Component;
import io.faildaily.operator.model.Labels;
import io.faildaily.operator.model.Names;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A docker-compose installation moved onto what the operator renders, as README "Migrating from
 * docker-compose" says, with the original installation's sample ({@link OriginalInstallation}): the deploy
 * script's plain backup of database {@code faildaily} restored by the restore Job's container ({@link ScriptJob})
 * into the database a new FailDaily's pod made ({@link Stack#databaseOnly}: the backend is held at zero during
 * a restore), the app-backend jar started on it with the rendered environment (its own database user, not
 * root), the uploads folder brought in by the README's own commands (kubectl replaced by a stand-in, see
 * {@code src/test/resources/migration/kubectl}), nginx with the rendered nginx.conf in front.
 * <p>
 * Every expected value is read from the sample itself, loaded raw (the mysql client, the file as it is) into a
 * second database of the same server, {@code faildaily}, and queried with the original's schema. The cases run
 * in order, each on what the previous left, as the migration does; a case whose step did not happen is skipped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateFromDockerComposeTest {
    private static final Path ROOT = Path.of(System.getProperty("faildaily.repoRoot", "..")).toAbsolutePath().normalize();
    /** The sample's backup file, named as the deploy script names it. */
    private static final String FILE = OriginalInstallation.DUMP;
    /** The sample loaded raw: the original installation's database as it was, where the expectations come from. */
    private static final String REFERENCE = "faildaily";
    /** Where the restore Job puts the data and the backend reads it. */
    private static final String DATABASE = Defaults.DATABASE_NAME;
    private static final List<String> STEPS = List.of("STARTED", "SET_ASIDE", "SCHEMA", "DATA", "FINISHED");
    /** What the backend logs (app-backend's OriginalSchemaAdoption), quoted by the README as what to look for. */
    static final String ADOPTING = "The database holds the original FailDaily schema: adopting it";
    static final String ADOPTED = "The original FailDaily schema is adopted: ";
    static final String RESUMING = "An adoption of the original FailDaily schema did not finish: resuming it";
    /** The author shown on an anonymous fail: app-backend's documented placeholder, not a sample value. */
    private static final String ANONYMOUS_AUTHOR = "Anonyme";
    /** A sample TIMESTAMP (whole seconds, read in UTC) as the API prints times: 2026-12-01T17:38:01.000Z. */
    private static final String ISO = "CONCAT(DATE_FORMAT(%s, '%%Y-%%m-%%dT%%H:%%i:%%s'), '.000Z')";

    private static Stack stack;
    private static ScriptJob jobs;
    private static Path backendDir;
    private static BackendProcess backend;
    private static NginxServer nginx;
    private static boolean restored;
    /** The backend's tables right after the first adoption, for the recovered one to be compared with. */
    private static List<String> adopted;
    private static final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    static void aNewFailDailysDatabaseAndTheSampleBesideIt() throws Exception {
        stack = Stack.databaseOnly(new Stack.Input(restoring(null), Map.of(), null, null, Stack.TEST_SPEED_KNOBS));
        jobs = new ScriptJob(stack.work().resolve("restore-job"));
        backendDir = stack.work().resolve("backend");
        try (Connection c = stack.connect(""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + REFERENCE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        Path dump = OriginalInstallation.writeDump(stack.work().resolve("reference.sql"));
        LocalProcesses.Finished loaded = LocalProcesses.runToEnd(List.of("mysql", "--no-defaults", "--protocol=TCP",
                "--host=" + stack.database().host(), "--port=" + stack.database().port(), "--user=root",
                "--default-character-set=utf8mb4", REFERENCE), dump,
                Map.of("MYSQL_PWD", stack.credential(Names.SECRET_ROOT_PASSWORD), "PATH", "/usr/bin:/bin"),
                Duration.ofMinutes(2), "loading the sample into " + REFERENCE);
        assertThat(loaded.exitCode()).as(loaded.output()).isZero();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable part : new AutoCloseable[] {nginx, backend, stack}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("stopping " + part + ": " + e);
            }
        }
    }

    @Test
    @Order(0)
    void theReadmeSectionIsLinkedAndNamesWhatTheCodeDoes() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("[Migrating from docker-compose](#migrating-from-docker-compose)");
        String section = readmeSection();
        assertThat(section).contains(ADOPTING, ADOPTED, "kubectl cp ", "kubectl wait ", "LastRestoreSucceeded",
                "pre-restore_", "original_");
        assertThat(section).contains(STEPS.stream().map(s -> "`" + s + "`").toList());
        // The restore is asked for with a file name the CRD accepts, the one the copy put on the volume.
        Matcher patch = Pattern.compile("\"restore\":\\{\"from\":\"([^\"]+)\"").matcher(section);
        assertThat(patch.find()).as("a kubectl patch setting spec.restore.from").isTrue();
        assertThat(patch.group(1)).matches(Patterns.BACKUP_FILE);
        assertThat(section).contains(":" + BackupModel.BACKUP_DIR + "/" + patch.group(1));
        assertThat(FILE).as("the deploy script's own name").matches(Patterns.BACKUP_FILE);
    }

    @Test
    @Order(1)
    void theRestoreJobsContainerRestoresTheDeployScriptsPlainFileAsItIs() throws Exception {
        assertThat(tables(DATABASE)).as("the new FailDaily's database is empty").isEmpty();
        OriginalInstallation.writeDump(jobs.backups().resolve(FILE));

        ScriptJob.Run run = restore(restoring(null));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.terminationMessage()).matches("restored=" + Pattern.quote(FILE)
                + " safety=pre-restore_\\d{8}_\\d{6}\\.sql\\.gz");
        String safety = run.terminationMessage().replaceAll("^.* safety=", "");
        assertThat(jobs.backups().resolve(safety)).isNotEmptyFile();
        assertThat(Files.readAllBytes(jobs.backups().resolve(FILE))).as("the backup is left as it was")
                .isEqualTo(OriginalInstallation.dump());

        // Every table, row for row, and the triggers and views, in the backend's database.
        List<String> originalTables = tables(REFERENCE);
        assertThat(tables(DATABASE)).isEqualTo(originalTables);
        for (String table : originalTables) {
            assertThat(checksum(DATABASE, table)).as(table).isEqualTo(checksum(REFERENCE, table));
        }
        String routines = "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
                + "UNION ALL SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1";
        assertThat(rows(DATABASE, routines)).isNotEmpty().isEqualTo(rows(REFERENCE, routines));
        restored = true;
    }

    @Test
    @Order(2)
    void theBackendAdoptsTheRestoredDatabaseAtItsStartAndSetsTheOriginalTablesAside() throws Exception {
        assumeTrue(restored, "nothing was restored");
        backend = stack.startBackend(stack.database(), backendDir);
        nginx = stack.startNginx(backend);

        assertThat(steps()).containsExactlyInAnyOrderElementsOf(STEPS);
        assertThat(Files.readString(backendDir.resolve("backend.log"))).contains(ADOPTING, ADOPTED);
        assertOriginalTablesKeptWhole();
        assertThat(Http.get(nginx.uri("/api/health")).statusCode()).isEqualTo(200);
        adopted = backendChecksums();
        assertThat(adopted).isNotEmpty();
    }

    @Test
    @Order(3)
    void everyAccountIsKeptAndEachSampleUserLogsInWithTheirOriginalPassword() throws Exception {
        assumeTrue(adopted != null, "the backend did not adopt the database");
        String accounts = "SELECT id, email, password_hash, role, account_status, " + iso("created_at")
                + " FROM users ORDER BY id";
        List<String> original = rows(REFERENCE, accounts);
        assertThat(rows(DATABASE, accounts)).isEqualTo(original);
        List<OriginalInstallation.Account> listed = OriginalInstallation.accounts();
        assertThat(listed).isNotEmpty();
        assertThat(original).as("the README's accounts and those an API check made").hasSizeGreaterThan(listed.size());

        Api api = new Api(nginx::uri);
        for (OriginalInstallation.Account account : listed) {
            JsonNode login = Api.json(api.post("/api/auth/login", null,
                    Map.of("email", account.email(), "password", OriginalInstallation.PASSWORD)), 200);
            assertThat(login.path("user").path("displayName").asText()).as(account.email())
                    .isEqualTo(one(REFERENCE, "SELECT p.display_name FROM users u JOIN profiles p ON p.user_id = u.id "
                            + "WHERE u.email = ?", account.email()))
                    .isEqualTo(account.displayName());
            tokens.put(account.email(), login.path("token").asText());
        }
    }

    @Test
    @Order(4)
    void theFeedThroughNginxIsTheSamplesFailsWithTheirAnonymityAndCounts() throws Exception {
        assumeTrue(!tokens.isEmpty(), "nobody logged in");
        String viewer = OriginalInstallation.accounts().get(0).email();
        String viewerId = one(REFERENCE, "SELECT id FROM users WHERE email = ?", viewer);
        List<String> types = rows(REFERENCE, "SELECT DISTINCT reaction_type FROM reactions ORDER BY 1");
        assertThat(types).isNotEmpty();
        String counts = types.stream().map(t -> "(SELECT COUNT(*) FROM reactions r WHERE r.fail_id = f.id "
                + "AND r.reaction_type = '" + t + "')").collect(Collectors.joining(", "));
        // An anonymous fail names nobody but to its author; NULL is anonymous (the original's default).
        List<String> expected = rows(REFERENCE, "SELECT f.id, f.title, IF(COALESCE(f.is_anonyme, 1) <> 0, 1, 0), "
                + "IF(COALESCE(f.is_anonyme, 1) <> 0 AND f.user_id <> ?, NULL, f.user_id), "
                + "IF(COALESCE(f.is_anonyme, 1) <> 0, '" + ANONYMOUS_AUTHOR + "', p.display_name), " + counts + ", "
                + "(SELECT COUNT(*) FROM comments c WHERE c.fail_id = f.id), NULLIF(f.image_url, ''), "
                + iso("f.created_at") + " FROM fails f JOIN users u ON u.id = f.user_id "
                + "LEFT JOIN profiles p ON p.user_id = f.user_id LEFT JOIN fail_moderation m ON m.fail_id = f.id "
                + "WHERE m.status IS NULL OR m.status NOT IN ('hidden', 'rejected') "
                + "ORDER BY f.created_at DESC, f.id DESC", viewerId);
        assertThat(expected).as("anonymous fails in the sample").anyMatch(row -> row.split("\\|")[2].equals("1"));
        assertThat(expected).as("a fail with a photo in the sample").anyMatch(row -> row.contains("|/uploads/fails/"));

        JsonNode feed = Api.json(new Api(nginx::uri).get("/api/fails?limit=100", tokens.get(viewer)), 200);
        List<String> shown = new ArrayList<>();
        for (JsonNode fail : feed.path("fails")) {
            List<String> row = new ArrayList<>(List.of(text(fail.path("id")), text(fail.path("title")),
                    fail.path("is_anonyme").asBoolean() ? "1" : "0", text(fail.path("authorId")),
                    text(fail.path("authorName"))));
            types.forEach(t -> row.add(text(fail.path("reactions").path(t))));
            row.addAll(List.of(text(fail.path("commentsCount")), text(fail.path("imageUrl")),
                    text(fail.path("createdAt"))));
            shown.add(String.join("|", row));
        }
        assertThat(shown).isEqualTo(expected);
    }

    @Test
    @Order(5)
    void eachFailsCommentsAndReactionsAreTheSamples() throws Exception {
        assumeTrue(!tokens.isEmpty(), "nobody logged in");
        // Straight to the backend: two requests per fail at once would meet nginx's limit per client (10 r/s).
        Api api = new Api(backend::uri);
        String token = tokens.values().iterator().next();
        int comments = 0;
        int reactions = 0;
        for (String fail : rows(REFERENCE, "SELECT id FROM fails ORDER BY id")) {
            List<String> expectedComments = rows(REFERENCE, "SELECT c.id, c.content, c.user_id, p.display_name, "
                    + "IF(COALESCE(c.is_encouragement, 1) <> 0, 1, 0), " + iso("c.created_at") + " FROM comments c "
                    + "JOIN users u ON u.id = c.user_id LEFT JOIN profiles p ON p.user_id = c.user_id "
                    + "LEFT JOIN comment_moderation m ON m.comment_id = c.id WHERE c.fail_id = ? "
                    + "AND (m.status IS NULL OR m.status = 'approved') ORDER BY c.created_at, c.id", fail);
            List<String> shownComments = new ArrayList<>();
            for (JsonNode c : Api.json(api.get("/api/fails/" + fail + "/comments?limit=100", token), 200)
                    .path("data").path("comments")) {
                shownComments.add(String.join("|", text(c.path("id")), text(c.path("content")),
                        text(c.path("author").path("id")), text(c.path("author").path("displayName")),
                        c.path("isEncouragement").asBoolean() ? "1" : "0", text(c.path("createdAt"))));
            }
            assertThat(shownComments).as("comments of " + fail).isEqualTo(expectedComments);

            List<String> expectedReactions = rows(REFERENCE, "SELECT r.id, r.reaction_type, r.user_id, p.display_name, "
                    + iso("r.created_at") + " FROM reactions r JOIN users u ON u.id = r.user_id "
                    + "LEFT JOIN profiles p ON p.user_id = r.user_id WHERE r.fail_id = ? "
                    + "ORDER BY r.created_at DESC, r.id DESC", fail);
            JsonNode data = Api.json(api.get("/api/fails/" + fail + "/reactions", token), 200).path("data");
            List<String> shownReactions = new ArrayList<>();
            for (JsonNode r : data.path("reactions")) {
                shownReactions.add(String.join("|", text(r.path("id")), text(r.path("type")),
                        text(r.path("user").path("id")), text(r.path("user").path("displayName")),
                        text(r.path("createdAt"))));
            }
            assertThat(shownReactions).as("reactions of " + fail).isEqualTo(expectedReactions);
            assertThat(data.path("totalCount").asInt()).isEqualTo(expectedReactions.size());
            comments += expectedComments.size();
            reactions += expectedReactions.size();
        }
        assertThat(comments).as("comments in the sample").isPositive();
        assertThat(reactions).as("reactions in the sample").isPositive();
    }

    @Test
    @Order(6)
    void eachProfileWithItsEarnedBadgesAndFiguresIsTheSamples() throws Exception {
        assumeTrue(!tokens.isEmpty(), "nobody logged in");
        Api api = new Api(backend::uri);
        int badges = 0;
        for (OriginalInstallation.Account account : OriginalInstallation.accounts()) {
            String token = tokens.get(account.email());
            String id = one(REFERENCE, "SELECT id FROM users WHERE email = ?", account.email());
            JsonNode user = Api.json(api.get("/api/auth/profile", token), 200).path("user");
            assertThat(String.join("|", text(user.path("id")), text(user.path("email")), text(user.path("displayName")),
                    text(user.path("avatarUrl")), text(user.path("bio")), text(user.path("role")),
                    text(user.path("createdAt"))))
                    .isEqualTo(one(REFERENCE, "SELECT CONCAT_WS('|', u.id, u.email, p.display_name, "
                            + "COALESCE(NULLIF(p.avatar_url, ''), 'null'), COALESCE(p.bio, 'null'), u.role, "
                            + iso("u.created_at") + ") FROM users u LEFT JOIN profiles p ON p.user_id = u.id "
                            + "WHERE u.id = ?", id));

            List<String> expectedBadges = rows(REFERENCE, "SELECT b.id, b.name, " + iso("ub.unlocked_at")
                    + " FROM user_badges ub JOIN badge_definitions b ON b.id = ub.badge_id WHERE ub.user_id = ? "
                    + "ORDER BY b.id", id);
            List<String> shownBadges = new ArrayList<>();
            for (JsonNode b : Api.json(api.get("/api/users/me/badges", token), 200).path("badges")) {
                shownBadges.add(String.join("|", text(b.path("id")), text(b.path("name")), text(b.path("unlocked_at"))));
            }
            assertThat(shownBadges).as(account.email()).containsExactlyInAnyOrderElementsOf(expectedBadges);
            badges += expectedBadges.size();

            JsonNode stats = Api.json(api.get("/api/users/me/stats", token), 200).path("stats");
            assertThat(String.join("|", text(stats.path("total_fails")), text(stats.path("total_badges")),
                    text(stats.path("total_comments")), text(stats.path("total_reactions_given")),
                    text(stats.path("courage_points"))))
                    .as(account.email())
                    .isEqualTo(one(REFERENCE, "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM fails WHERE user_id = ?), "
                            + "(SELECT COUNT(*) FROM user_badges WHERE user_id = ?), "
                            + "(SELECT COUNT(*) FROM comments WHERE user_id = ?), "
                            + "(SELECT COUNT(*) FROM reactions WHERE user_id = ?), "
                            + "COALESCE((SELECT points_total FROM user_points WHERE user_id = ?), 0))", id, id, id, id, id));
        }
        assertThat(badges).as("badges earned in the sample").isPositive();
    }

    @Test
    @Order(7)
    void theUploadsFolderImportedByTheReadmesCommandsArrivesWholeAndIsServedAtItsStoredUrls() throws Exception {
        assumeTrue(nginx != null, "nothing serves");
        // The docker-compose host: ./data/uploads/{fails,avatars}/... in the folder the commands run in.
        Path host = stack.work().resolve("docker-compose-host");
        Path uploads = OriginalInstallation.copyUploads(Files.createDirectories(host.resolve("data/uploads")));
        List<String> files = OriginalInstallation.uploadedFiles(uploads);
        assertThat(files).anyMatch(f -> f.startsWith("fails/")).anyMatch(f -> f.startsWith("avatars/"));
        // The uploads volume: the folder the backend runs with as UPLOAD_DIR (the pod's /app/uploads).
        Path volume = Files.createDirectories(Path.of(backend.env().get("UPLOAD_DIR")));

        String selector = Labels.selector(stack.failDaily(), Component.BACKEND).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        Path log = stack.work().resolve("kubectl.log");
        LocalProcesses.Finished run = LocalProcesses.runToEnd(List.of("/bin/bash", "-e", "-o", "pipefail", "-c",
                "cd '" + host + "'\n" + readmeBlock("tar -C ./data/uploads")), null, Map.of(
                "PATH", kubectlStub() + ":/usr/bin:/bin",
                "KUBECTL_STUB_LOG", log.toString(),
                "KUBECTL_STUB_SELECTOR", selector,
                "KUBECTL_STUB_CONTAINER", BackendModel.CONTAINER,
                "KUBECTL_STUB_MOUNT", BackendModel.UPLOADS_PATH,
                "KUBECTL_STUB_VOLUME", volume.toString()), Duration.ofMinutes(1), "the README's uploads import");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(log)).as("the pod found by the backend's labels, the files sent into it")
                .anyMatch(call -> call.startsWith("get pod -l "))
                .anyMatch(call -> call.startsWith("exec -i pod/") && call.contains(" -- tar "));

        assertThat(OriginalInstallation.uploadedFiles(volume)).isEqualTo(files);
        for (String file : files) {
            assertThat(Files.readAllBytes(volume.resolve(file))).as(file).isEqualTo(Files.readAllBytes(uploads.resolve(file)));
        }

        // Served through nginx at the URLs the original stored, byte for byte.
        List<String> urls = rows(REFERENCE, "SELECT image_url FROM fails WHERE image_url LIKE '/uploads/%' "
                + "UNION ALL SELECT avatar_url FROM profiles WHERE avatar_url LIKE '/uploads/%' ORDER BY 1");
        assertThat(urls).anyMatch(u -> u.startsWith("/uploads/fails/")).anyMatch(u -> u.startsWith("/uploads/avatars/"));
        for (String url : urls) {
            HttpResponse<byte[]> served = Http.sendForBytes(Http.request(nginx.uri(url)).GET().build());
            assertThat(served.statusCode()).as(url).isEqualTo(200);
            assertThat(served.body()).as(url).isEqualTo(Files.readAllBytes(uploads.resolve(url.substring("/uploads/".length()))));
        }
    }

    @Test
    @Order(8)
    void postingReactingAndCommentingWorkOnTheMigratedData() throws Exception {
        assumeTrue(tokens.size() >= 2, "too few logged in");
        Api api = new Api(nginx::uri);
        List<String> emails = OriginalInstallation.accounts().stream().map(OriginalInstallation.Account::email).toList();
        String author = emails.get(0);
        String reader = emails.get(1);
        JsonNode posted = Api.json(api.post("/api/fails", tokens.get(author), Map.of("title", "Migré sans rien perdre",
                "description", "Le premier fail après le passage à Kubernetes.", "category", "Travail",
                "is_anonyme", false)), 201).path("fail");
        String id = posted.path("id").asText();
        Api.json(api.post("/api/fails/" + id + "/reactions", tokens.get(reader), Map.of("reactionType", "courage")), 200);
        Api.json(api.post("/api/fails/" + id + "/comments", tokens.get(reader), Map.of("content", "Bienvenue !")), 201);

        // On an original fail, the counters go on from the sample's: a sample user who had not reacted to it yet.
        String[] pair = one(REFERENCE, "SELECT CONCAT(f.id, ' ', u.email) FROM fails f JOIN users u ON u.id <> f.user_id "
                + "WHERE u.email IN (" + emails.stream().map(e -> "?").collect(Collectors.joining(", ")) + ") "
                + "AND NOT EXISTS (SELECT 1 FROM reactions r WHERE r.fail_id = f.id AND r.user_id = u.id) "
                + "ORDER BY f.created_at DESC, f.id, u.email LIMIT 1", emails.toArray()).split(" ");
        String fail = pair[0];
        String courage = one(REFERENCE, "SELECT COUNT(*) FROM reactions WHERE fail_id = ? AND reaction_type = 'courage'", fail);
        String commented = one(REFERENCE, "SELECT COUNT(*) FROM comments WHERE fail_id = ?", fail);
        Api.json(api.post("/api/fails/" + fail + "/reactions", tokens.get(pair[1]), Map.of("reactionType", "courage")), 200);
        Api.json(api.post("/api/fails/" + fail + "/comments", tokens.get(pair[1]), Map.of("content", "Moi aussi !")), 201);

        JsonNode feed = Api.json(api.get("/api/fails?limit=100", tokens.get(reader)), 200).path("fails");
        assertThat(text(feed.get(0).path("id"))).as("the newest first").isEqualTo(id);
        assertThat(feed.get(0).path("authorName").asText()).isEqualTo(OriginalInstallation.accounts().get(0).displayName());
        assertThat(feed.get(0).path("reactions").path("courage").asInt()).isEqualTo(1);
        assertThat(feed.get(0).path("commentsCount").asInt()).isEqualTo(1);
        JsonNode original = Api.json(api.get("/api/fails/" + fail, tokens.get(reader)), 200).path("fail");
        assertThat(original.path("reactions").path("courage").asInt()).isEqualTo(Integer.parseInt(courage) + 1);
        assertThat(original.path("commentsCount").asInt()).isEqualTo(Integer.parseInt(commented) + 1);
        assertThat(feed).hasSize(rows(REFERENCE, "SELECT f.id FROM fails f LEFT JOIN fail_moderation m ON m.fail_id = f.id "
                + "WHERE m.status IS NULL OR m.status NOT IN ('hidden', 'rejected')").size() + 1);
    }

    @Test
    @Order(9)
    void aSecondStartOnTheConvertedDatabaseChangesNothing() throws Exception {
        assumeTrue(adopted != null, "the backend did not adopt the database");
        nginx.close();
        nginx = null;
        backend.close();
        backend = null;
        List<String> before = allChecksums();
        String history = "SELECT * FROM flyway_schema_history ORDER BY installed_rank";
        String log = "SELECT * FROM faildaily_adoption ORDER BY step";
        List<String> historyBefore = rows(DATABASE, history);
        List<String> logBefore = rows(DATABASE, log);

        backend = stack.startBackend(stack.database(), backendDir);
        assertThat(allChecksums()).isEqualTo(before);
        assertThat(rows(DATABASE, history)).isEqualTo(historyBefore);
        assertThat(rows(DATABASE, log)).isEqualTo(logBefore);
        assertThat(occurrences(Files.readString(backendDir.resolve("backend.log")), ADOPTING)).as("adopted once").isEqualTo(1);
        OriginalInstallation.Account account = OriginalInstallation.accounts().get(0);
        Api.json(new Api(backend::uri).post("/api/auth/login", null,
                Map.of("email", account.email(), "password", OriginalInstallation.PASSWORD)), 200);
    }

    @Test
    @Order(10)
    void aStartKilledInTheMiddleOfTheAdoptionIsCompletedByTheNextWithTheDataWhole() throws Exception {
        assumeTrue(adopted != null, "the backend did not adopt the database");
        if (backend != null) {
            backend.close();
            backend = null;
        }
        // The same file restored again (a new requestId): the converted database goes, the original comes back.
        ScriptJob.Run again = restore(restoring("again"));
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(tables(DATABASE)).isEqualTo(tables(REFERENCE));

        // The adoption is over in about a second: killed as soon as its step log says the tables are set aside
        // (Flyway's V1 and V2, then the data copy and V3+, are still to come).
        List<String> seen = startKilledOnceRecorded("SET_ASIDE");
        List<String> left = steps();
        assertThat(left).as("killed after %s", seen).contains("STARTED", "SET_ASIDE").doesNotContain("FINISHED");

        backend = stack.startBackend(stack.database(), backendDir);
        assertThat(Files.readString(backendDir.resolve("backend.log"))).contains(RESUMING);
        assertThat(steps()).containsExactlyInAnyOrderElementsOf(STEPS);
        assertThat(backendChecksums()).as("as the uninterrupted adoption left them").isEqualTo(adopted);
        assertOriginalTablesKeptWhole();
        Api api = new Api(backend::uri);
        for (OriginalInstallation.Account account : OriginalInstallation.accounts()) {
            Api.json(api.post("/api/auth/login", null,
                    Map.of("email", account.email(), "password", OriginalInstallation.PASSWORD)), 200);
        }
    }

    // --- the migration's steps ------------------------------------------------------------------------------

    /** The FailDaily once the user has set spec.restore.from (and, to restore again, a requestId). */
    private static FailDaily restoring(String requestId) {
        RestoreSpec restore = new RestoreSpec();
        restore.setFrom(FILE);
        restore.setRequestId(requestId);
        return FailDailies.of(Stack.NAMESPACE, Stack.NAME, spec -> spec.setRestore(restore));
    }

    /** The container of the restore Job rendered for {@code fd}, run on the stack's database. */
    private static ScriptJob.Run restore(FailDaily fd) {
        Container container = BackupModel.restoreJob(fd).getSpec().getTemplate().getSpec().getContainers().get(0);
        return jobs.run(container, stack.secret(), stack.database().host(), stack.database().port());
    }

    /**
     * Starts the backend and kills it (SIGKILL) as soon as the adoption's step log holds {@code step}, polled as
     * fast as a query answers; returns the steps seen then.
     */
    private static List<String> startKilledOnceRecorded(String step) throws SQLException {
        BackendProcess killed = BackendProcess.launch(
                stack.backendEnv(stack.database(), LocalProcesses.freePort(), backendDir), backendDir);
        try (Connection c = connect(DATABASE)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                if (!killed.running() || System.nanoTime() > deadline) {
                    throw new AssertionError("the backend ended, or recorded no " + step + ", before it was killed:\n"
                            + killed.log());
                }
                List<String> seen = steps(c);
                if (seen.contains(step)) {
                    killed.kill();
                    return seen;
                }
            }
        } finally {
            killed.close();
        }
    }

    /** Every original table in the backend's database as original_&lt;name&gt;, its rows as the sample's. */
    private static void assertOriginalTablesKeptWhole() throws SQLException {
        List<String> originalTables = tables(REFERENCE);
        assertThat(tables(DATABASE)).containsAll(originalTables.stream().map(t -> "original_" + t).toList());
        for (String table : originalTables) {
            assertThat(checksum(DATABASE, "original_" + table)).as(table).isEqualTo(checksum(REFERENCE, table));
        }
    }

    private static Path kubectlStub() throws IOException {
        Path bin = Files.createDirectories(stack.work().resolve("kubectl-stub"));
        Path kubectl = bin.resolve("kubectl");
        try (InputStream in = MigrateFromDockerComposeTest.class.getResourceAsStream("/migration/kubectl")) {
            Files.copy(in, kubectl, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    // --- the README ---------------------------------------------------------------------------------------

    private static String readmeSection() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Migrating from docker-compose\n");
        assertThat(start).as("README section \"Migrating from docker-compose\"").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The section's bash block that holds {@code text}, as the user copies it. */
    private static String readmeBlock(String text) throws IOException {
        Matcher block = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(readmeSection());
        while (block.find()) {
            if (block.group(1).contains(text)) {
                return block.group(1);
            }
        }
        throw new AssertionError("no bash block with '" + text + "' in README \"Migrating from docker-compose\"");
    }

    // --- the databases ------------------------------------------------------------------------------------

    private static List<String> steps() throws SQLException {
        try (Connection c = connect(DATABASE)) {
            return steps(c);
        }
    }

    /** The adoption's step log; empty while it has not begun. */
    private static List<String> steps(Connection c) throws SQLException {
        try {
            return rows(c, "SELECT step FROM faildaily_adoption ORDER BY step");
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState())) { // no such table yet
                return List.of();
            }
            throw e;
        }
    }

    private static List<String> tables(String schema) throws SQLException {
        return rows(schema, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1");
    }

    private static String checksum(String schema, String table) throws SQLException {
        return rows(schema, "CHECKSUM TABLE `" + table + "`").get(0).replaceAll("^[^|]*\\|", "");
    }

    /** The backend's own tables (not the original ones, not the records of migrations and adoption). */
    private static List<String> backendChecksums() throws SQLException {
        List<String> ours = rows(DATABASE, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + "DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT LIKE 'original\\_%' "
                + "AND TABLE_NAME NOT IN ('faildaily_adoption', 'flyway_schema_history') ORDER BY 1");
        return rows(DATABASE, "CHECKSUM TABLE " + String.join(", ", ours));
    }

    private static List<String> allChecksums() throws SQLException {
        return rows(DATABASE, "CHECKSUM TABLE " + String.join(", ", tables(DATABASE)));
    }

    private static String iso(String column) {
        return String.format(ISO, column);
    }

    private static String one(String schema, String sql, Object... params) throws SQLException {
        List<String> rows = rows(schema, sql, params);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    private static List<String> rows(String schema, String sql, Object... params) throws SQLException {
        try (Connection c = connect(schema)) {
            return rows(c, sql, params);
        }
    }

    private static List<String> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return SqlRows.of(rs);
            }
        }
    }

    /** As root, in UTC: the sample's TIMESTAMP columns read as its dump wrote them. */
    private static Connection connect(String schema) throws SQLException {
        Connection c = stack.connect(schema);
        try (Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
        }
        return c;
    }

    /** A JSON value as the rows above print it: text, "null" for null or missing. */
    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "null" : node.asText();
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
