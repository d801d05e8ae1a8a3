package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The settings the staff change at run time (E28-E36) and what they change: the points a post, a comment and a
 * reaction earn; and the database page (E45 served, the destructive tools refused with 501).
 */
class StaffSettingsApiTest extends BackendTestBase {
    private static MariaDbServer db;
    private static Account moderator;
    private static Account admin;

    @BeforeAll
    static void staff(MariaDbServer server) throws Exception {
        db = server;
        moderator = withRole(Accounts.register(api), "moderator");
        admin = withRole(Accounts.register(api), "admin");
    }

    @AfterEach
    void restoreTheDefaults() {
        assertThat(api.post("/api/admin/restore-configs", admin.token(), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void thePointsSettingsDecideWhatActionsEarn() {
        JsonNode defaults = api.get("/api/admin/points/config", moderator.token()).json().path("config");
        assertThat(defaults.path("failCreate").asInt()).isEqualTo(10);
        assertThat(defaults.path("reactionCourage").asInt()).isEqualTo(5);

        JsonNode changed = api.put("/api/admin/points/config", moderator.token(), Map.of("failCreate", 25,
                "commentCreate", 4, "reactionCourage", 8, "reactionLaugh", "beaucoup", "dailyBonus", 7)).json()
                .path("config");
        assertThat(changed.path("failCreate").asInt()).isEqualTo(25);
        assertThat(changed.path("reactionLaugh").asInt()).as("not a number: kept").isEqualTo(3);
        assertThat(changed.path("dailyBonus").asInt()).isEqualTo(7);
        assertThat(api.get("/api/admin/reactions/config", moderator.token()).json().path("config").path("courage")
                .asInt()).isEqualTo(8);

        Account author = Accounts.register(api);
        Account reader = Accounts.register(api);
        Response posted = api.post("/api/fails", author.token(), Accounts.fail("Vaut 25 points"));
        String fail = posted.json().path("fail").path("id").asText();
        assertThat(points(author)).isEqualTo(25);
        api.post("/api/fails/" + fail + "/reactions", reader.token(), Map.of("reactionType", "courage"));
        assertThat(points(author)).isEqualTo(33);
        api.post("/api/fails/" + fail + "/comments", reader.token(), Map.of("content", "Bravo"));
        assertThat(points(reader)).isEqualTo(4);

        assertCode(api.put("/api/admin/points/config", moderator.token(), Map.of("failCreate", -5)), 400,
                "INVALID_SETTING");
        assertCode(api.put("/api/admin/reactions/config", moderator.token(), Map.of("support", 2.5)), 400,
                "INVALID_SETTING");
        assertThat(api.put("/api/admin/reactions/config", moderator.token(), Map.of("support", 1)).json()
                .path("config").path("support").asInt()).isEqualTo(1);
    }

    @Test
    void theWholeConfigurationAndTheSwitches() {
        JsonNode all = api.get("/api/admin/config", moderator.token()).json().path("config");
        assertThat(all.fieldNames()).toIterable().containsExactly("points", "reaction_points", "moderation", "email",
                "push");
        assertThat(all.path("email").path("enabled").asBoolean()).isFalse();
        assertThat(all.path("push").path("provider").asText()).isEqualTo("fcm");

        JsonNode updated = api.put("/api/admin/config", moderator.token(), Map.of(
                "moderation", Map.of("failReportThreshold", 0, "panelAutoRefreshSec", 60),
                "reaction_points", Map.of("empathy", 6),
                "push", Map.of("enabled", true, "provider", "apns"),
                "ignored", Map.of("x", 1))).json().path("config");
        assertThat(updated.path("moderation").path("failReportThreshold").asInt()).isEqualTo(1);
        assertThat(updated.path("moderation").path("panelAutoRefreshSec").asInt()).isEqualTo(60);
        assertThat(updated.path("reaction_points").path("empathy").asInt()).isEqualTo(6);
        assertThat(updated.path("reaction_points").path("courage").asInt()).isEqualTo(5);
        assertThat(updated.path("push").path("provider").asText()).isEqualTo("apns");
        assertThat(updated.has("ignored")).isFalse();

        assertThat(api.put("/api/admin/email/config", moderator.token(), Map.of("enabled", true)).json()
                .path("email").path("enabled").asBoolean()).isTrue();
        assertThat(api.get("/api/admin/email/config", moderator.token()).json().path("email").path("enabled")
                .asBoolean()).isTrue();
        JsonNode push = api.put("/api/admin/push/config", moderator.token(), Map.of()).json().path("push");
        assertThat(push.path("enabled").asBoolean()).isFalse();
        assertThat(push.path("provider").asText()).isEqualTo("fcm");

        JsonNode restored = api.post("/api/admin/restore-configs", admin.token(), Map.of()).json();
        assertThat(restored.path("restoredKeys").toString()).isEqualTo("[\"points\",\"reaction_points\",\"moderation\"]");
        JsonNode after = api.get("/api/admin/config", moderator.token()).json().path("config");
        assertThat(after.path("moderation").path("commentReportThreshold").asInt()).as("the original's restore value")
                .isEqualTo(2);
        assertThat(after.path("points").path("dailyBonus").asInt()).isEqualTo(5);
        assertCode(api.post("/api/admin/restore-configs", moderator.token(), Map.of()), 403, "ADMIN_REQUIRED");
    }

    @Test
    void settingsAreForStaffOnly() {
        Account member = Accounts.register(api);
        for (String path : List.of("/api/admin/points/config", "/api/admin/reactions/config", "/api/admin/config",
                "/api/admin/email/config", "/api/admin/push/config")) {
            assertCode(api.get(path, member.token()), 403, "ADMIN_REQUIRED");
            assertCode(api.put(path, member.token(), Map.of()), 403, "ADMIN_REQUIRED");
        }
    }

    @Test
    void theDatabasePageCountsAndRefusesItsDestructiveTools() throws Exception {
        JsonNode counts = api.get("/api/admin/db/counts", admin.token()).json().path("counts");
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM users")) {
            rs.next();
            assertThat(counts.path("users").asLong()).isEqualTo(rs.getLong(1));
        }
        assertThat(counts.path("badge_definitions").asLong()).isPositive();
        long users = counts.path("users").asLong();
        for (String path : List.of("/api/admin/tables/fails/truncate", "/api/admin/tables/bulk-truncate",
                "/api/admin/reset/complete", "/api/admin/users/delete-all")) {
            assertCode(api.post(path, admin.token(), Map.of("tables", List.of("users"), "isAuthTable", true)), 501,
                    "DESTRUCTIVE_TOOL_DISABLED");
            assertCode(api.post(path, moderator.token(), Map.of()), 403, "ADMIN_REQUIRED");
        }
        assertThat(api.get("/api/admin/db/counts", admin.token()).json().path("counts").path("users").asLong())
                .isEqualTo(users);
        assertCode(api.get("/api/admin/db/counts", moderator.token()), 403, "ADMIN_REQUIRED");
    }

    private static long points(Account who) {
        return api.get("/api/auth/profile", who.token()).json().path("user").path("couragePoints").asLong();
    }

    private static Account withRole(Account account, String role) {
        return Accounts.withRole(db, backend.databaseName(), account, role);
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(backend.databaseName()), db.user(), db.password());
    }

    private static void assertCode(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("code").asText()).as(r.body()).isEqualTo(code);
    }
}
