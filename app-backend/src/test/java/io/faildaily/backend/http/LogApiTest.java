package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.MariaDbExtension;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.TestBackend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The log store (specification §13): the actions members and staff take are written (in batches, off the request)
 * and read back by every log view, with the original's roles (the system log for role {@code admin} exactly, the
 * rest for administrators and super_admins), parameters and shapes; old entries are deleted at the retention.
 */
@ExtendWith(MariaDbExtension.class)
class LogApiTest {
    static MariaDbServer db;
    static TestBackend backend;
    static ApiClient api;
    static Account member;
    static Account moderator;
    static Account admin;
    static Account superAdmin;
    static String failId;

    @BeforeAll
    static void start(MariaDbServer server) {
        db = server;
        backend = TestBackend.start(db);
        api = backend.api;
        member = Accounts.register(api);
        moderator = Accounts.withRole(db, backend.databaseName(), Accounts.register(api), "moderator");
        admin = Accounts.withRole(db, backend.databaseName(), Accounts.register(api), "admin");
        superAdmin = Accounts.withRole(db, backend.databaseName(), Accounts.register(api), "super_admin");
        assertThat(api.post("/api/auth/login", null, Map.of("email", member.email(), "password", member.password()))
                .status()).isEqualTo(200);
        failId = api.post("/api/fails", member.token(), Accounts.fail("Journalisé")).json().path("fail").path("id").asText();
        assertThat(api.post("/api/fails/" + failId + "/reactions", admin.token(), Map.of("reactionType", "laugh"))
                .status()).isEqualTo(200);
        assertThat(api.post("/api/fails/" + failId + "/comments", admin.token(), Map.of("content", "Bravo"))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/fails/" + failId + "/report", moderator.token(), Map.of("reason", "spam"))
                .status()).isEqualTo(200);
        // A failed action writes nothing.
        assertThat(api.post("/api/fails", member.token(), Map.of()).status()).isEqualTo(400);
        awaitEntries("fail_report", 1);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void theActionsAreWrittenWithTheirActorAndDetails() {
        JsonNode logs = list("limit=100").path("logs");
        assertThat(logs.findValuesAsText("action")).contains("user_register", "user_login", "fail_create",
                "reaction_add", "comment_add", "fail_report");
        JsonNode created = first(logs, "fail_create");
        assertThat(created.path("user_id").asText()).isEqualTo(member.id());
        assertThat(created.path("email").asText()).isEqualTo(member.email());
        assertThat(created.path("display_name").asText()).isEqualTo(member.displayName());
        assertThat(created.path("details").asText()).contains(failId); // JSON text, as the original's rows
        assertThat(created.path("timestamp").asText()).isEqualTo(created.path("created_at").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode report = first(logs, "fail_report");
        assertThat(report.path("level").asText()).isEqualTo("warning");
        assertThat(report.path("details").asText()).contains("\"reason\":\"spam\"", "\"autoHidden\":false");
        assertThat(logs.findValuesAsText("action").stream().filter("fail_create"::equals)).hasSize(1);
    }

    @Test
    void theListFiltersAndPages() {
        assertThat(list("action=fail_create").path("logs").findValuesAsText("action")).containsOnly("fail_create");
        assertThat(list("userId=" + member.id()).path("logs").findValuesAsText("user_id")).isNotEmpty()
                .containsOnly(member.id());
        assertThat(list("level=warning").path("logs").findValuesAsText("level")).containsOnly("warning");
        JsonNode all = list("limit=3").path("logs");
        JsonNode next = list("limit=3&offset=1");
        assertThat(next.path("pagination").path("offset").asInt()).isEqualTo(1);
        assertThat(next.path("pagination").path("count").asInt()).isEqualTo(3);
        assertThat(next.path("logs").get(0).path("id").asText()).isEqualTo(all.get(1).path("id").asText());
        // newest first
        assertThat(all.get(0).path("created_at").asText()).isGreaterThanOrEqualTo(all.get(2).path("created_at").asText());
        // malformed numbers are the defaults; out of range the bounds
        assertThat(list("limit=abc").path("pagination").path("limit").asInt()).isEqualTo(200);
        assertThat(list("limit=5000").path("pagination").path("limit").asInt()).isEqualTo(1000);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(list("start=" + today + "&end=" + today).path("logs")).isNotEmpty();
        assertThat(list("end=2000-01-01").path("logs")).isEmpty();
        assertThat(list("start=" + Instant.now().plus(Duration.ofDays(1))).path("logs")).isEmpty();
        Response badDate = api.get("/api/admin/logs/list?start=yesterday", admin.token());
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.code()).isEqualTo("INVALID_DATE");
        Response badLevel = api.get("/api/admin/logs/list?level=loud", admin.token());
        assertThat(badLevel.status()).isEqualTo(400);
        assertThat(badLevel.code()).isEqualTo("INVALID_LEVEL");
    }

    @Test
    void rolesOfTheLogRoutes() {
        for (String path : List.of("/api/admin/logs/list", "/api/admin/logs/summary", "/api/admin/logs/by-day",
                "/api/admin/logs/by-user", "/api/admin/logs/actions", "/api/admin/logs/by-type")) {
            assertThat(api.get(path, null).code()).as(path).isEqualTo("NO_TOKEN");
            for (Account refused : List.of(member, moderator)) {
                Response r = api.get(path, refused.token());
                assertThat(r.status()).as(path).isEqualTo(403);
                assertThat(r.code()).isEqualTo("ADMIN_REQUIRED");
            }
            assertThat(api.get(path, admin.token()).status()).as(path).isEqualTo(200);
            assertThat(api.get(path, superAdmin.token()).status()).as(path).isEqualTo(200);
        }
        // The system log: role "admin" exactly, as the original (a super_admin is refused).
        for (String path : List.of("/api/logs/system", "/api/admin/logs/system")) {
            assertThat(api.get(path, admin.token()).status()).isEqualTo(200);
            for (Account refused : List.of(member, moderator, superAdmin)) {
                Response r = api.get(path, refused.token());
                assertThat(r.status()).as(path).isEqualTo(403);
                assertThat(r.code()).isEqualTo("ADMIN_REQUIRED");
                assertThat(api.post(path, refused.token(), Map.of("message", "x")).status()).isEqualTo(403);
            }
        }
    }

    @Test
    void theSystemLogTakesTheStaffsEntries() {
        Response added = api.post("/api/logs/system", admin.token(), Map.of("message", "Configuration des points "
                + "sauvegardée", "details", Map.of("failCreate", 10), "userId", member.id()));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        String logId = added.json().path("logId").asText();
        JsonNode logs = api.get("/api/admin/logs/system?action=manual_log", admin.token()).json();
        assertThat(logs.path("count").asInt()).isEqualTo(logs.path("logs").size());
        JsonNode entry = logs.path("logs").get(0);
        assertThat(entry.path("id").asText()).isEqualTo(logId); // written at once, not batched
        assertThat(entry.path("level").asText()).isEqualTo("info");
        assertThat(entry.path("user_id").asText()).isEqualTo(admin.id()); // the caller, not the body's userId
        assertThat(entry.path("details").path("failCreate").asInt()).isEqualTo(10); // parsed here
        assertThat(entry.has("ip_address")).isTrue();
        assertThat(api.post("/api/logs/system", admin.token(), Map.of("level", "error", "action", "config_save"))
                .status()).isEqualTo(200);
        assertThat(api.get("/api/logs/system?level=error", admin.token()).json().path("logs")
                .findValuesAsText("action")).containsExactly("config_save");
        assertThat(api.get("/api/logs/system?level=all&limit=1", admin.token()).json().path("logs")).hasSize(1);
        Response badLevel = api.post("/api/logs/system", admin.token(), Map.of("level", "fatal"));
        assertThat(badLevel.status()).isEqualTo(400);
        assertThat(badLevel.code()).isEqualTo("INVALID_LEVEL");
        Response badDetails = api.post("/api/logs/system", admin.token(), Map.of("details", "text"));
        assertThat(badDetails.status()).isEqualTo(400);
        assertThat(badDetails.code()).isEqualTo("INVALID_FIELD_TYPE");
    }

    @Test
    void summariesByDayUserTypeAndAction() {
        long total = countEntries(null);
        JsonNode summary = api.get("/api/admin/logs/summary?days=abc", admin.token()).json();
        assertThat(summary.path("periodDays").asInt()).isEqualTo(7);
        assertThat(summary.path("totals").path("total").asLong()).isEqualTo(total);
        assertThat(summary.path("totals").path("warnings").asLong()).isEqualTo(countEntries("warning"));
        assertThat(summary.path("totals").path("infos").asLong()).isEqualTo(countEntries("info"));
        assertThat(first(summary.path("topActions"), "fail_create").path("count").asInt()).isEqualTo(1);

        JsonNode days = api.get("/api/admin/logs/by-day?days=0", admin.token()).json();
        assertThat(days.path("periodDays").asInt()).isEqualTo(1);
        assertThat(days.path("days")).hasSize(1);
        assertThat(days.path("days").get(0).path("day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC) + "T00:00:00.000Z");
        assertThat(days.path("days").get(0).path("total").asLong()).isEqualTo(total);

        JsonNode users = api.get("/api/admin/logs/by-user", admin.token()).json().path("users");
        JsonNode row = null;
        for (JsonNode u : users) {
            if (member.id().equals(u.path("user_id").asText())) {
                row = u;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("display_name").asText()).isEqualTo(member.displayName());
        assertThat(row.path("email").asText()).isEqualTo(member.email());
        assertThat(row.path("total").asLong()).isEqualTo(countEntriesOf(member.id()));

        JsonNode actions = api.get("/api/admin/logs/actions?days=30", admin.token()).json();
        assertThat(actions.path("periodDays").asInt()).isEqualTo(30);
        assertThat(first(actions.path("actions"), "reaction_add").path("count").asInt()).isEqualTo(1);

        JsonNode userActions = api.get("/api/admin/logs/by-type?type=user_action&limit=50", admin.token()).json();
        assertThat(userActions.path("logs").findValuesAsText("activity_type")).isNotEmpty().containsOnly("user_action");
        assertThat(userActions.path("logs").findValuesAsText("action")).contains("fail_create", "comment_add");
        assertThat(userActions.path("count").asInt()).isEqualTo(userActions.path("logs").size());
        JsonNode auth = api.get("/api/admin/logs/by-type?type=auth", admin.token()).json().path("logs");
        assertThat(auth.findValuesAsText("action")).contains("user_login");
        JsonNode one = first(auth, "user_login");
        assertThat(one.path("user_email").asText()).isEqualTo(member.email());
        assertThat(one.path("ip_address").isNull()).isTrue();
        assertThat(api.get("/api/admin/logs/by-type?type=reaction", admin.token()).json().path("logs")).isEmpty();
        assertThat(api.get("/api/admin/logs/by-type?limit=2", admin.token()).json().path("logs")).hasSize(2);
    }

    @Test
    void entriesOlderThanTheRetentionAreDeleted() throws Exception {
        String name = TestBackend.newDatabaseName();
        db.createDatabase(name);
        try (TestBackend first = TestBackend.startOn(db, name)) {
            Accounts.register(first.api);
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(name), db.user(), db.password())) {
            c.createStatement().execute("INSERT INTO system_logs (id, level, message, action, created_at) VALUES "
                    + "(UUID(), 'info', 'old', 'ancient', UTC_TIMESTAMP(3) - INTERVAL 31 DAY), "
                    + "(UUID(), 'info', 'recent', 'recent', UTC_TIMESTAMP(3) - INTERVAL 29 DAY)");
            c.createStatement().execute("INSERT INTO system_log_tallies (day, action, level, user_key, entries) VALUES "
                    + "(UTC_DATE() - INTERVAL 31 DAY, 'ancient', 'info', '', 1)");
        }
        try (TestBackend again = TestBackend.startOn(db, name, Map.of("LOG_RETENTION_DAYS", "30"))) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(name), db.user(), db.password())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (count(c, "SELECT COUNT(*) FROM system_logs WHERE action = 'ancient'") > 0
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(count(c, "SELECT COUNT(*) FROM system_logs WHERE action = 'ancient'")).isZero();
                assertThat(count(c, "SELECT COUNT(*) FROM system_logs WHERE action = 'recent'")).isEqualTo(1);
                assertThat(count(c, "SELECT COUNT(*) FROM system_log_tallies WHERE action = 'ancient'")).isZero();
                assertThat(count(c, "SELECT COUNT(*) FROM system_logs WHERE action = 'user_register'")).isEqualTo(1);
            }
        }
    }

    // --- helpers

    private static JsonNode list(String query) {
        Response r = api.get("/api/admin/logs/list?" + query, admin.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode first(JsonNode rows, String action) {
        for (JsonNode n : rows) {
            if (action.equals(n.path("action").asText())) {
                return n;
            }
        }
        throw new AssertionError(action + " not in " + rows);
    }

    /** The writer flushes every 200 ms: wait for the entries of the set-up. */
    private static void awaitEntries(String action, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (api.get("/api/admin/logs/list?action=" + action, admin.token()).json().path("logs").size() >= n) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no " + action + " entry after 10 s");
    }

    private static long countEntries(String level) {
        return query("SELECT COUNT(*) FROM system_logs" + (level == null ? "" : " WHERE level = '" + level + "'"));
    }

    private static long countEntriesOf(String userId) {
        return query("SELECT COUNT(*) FROM system_logs WHERE user_id = '" + userId + "'");
    }

    private static long query(String sql) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(backend.databaseName()), db.user(), db.password())) {
            return count(c, sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
