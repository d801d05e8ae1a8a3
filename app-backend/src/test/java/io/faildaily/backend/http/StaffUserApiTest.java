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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The staff's user management: the first administrator from ADMIN_EMAILS, the dashboard, the user list and its
 * filters, points, roles, suspension and parental consent, each answering at once (no stale cache).
 */
@ExtendWith(MariaDbExtension.class)
class StaffUserApiTest {
    private static final String ADMIN_EMAIL = "chief-" + System.nanoTime() + "@example.test";
    private static TestBackend backend;
    private static ApiClient api;
    private static Account admin;

    @BeforeAll
    static void start(MariaDbServer db) {
        backend = TestBackend.start(db, Map.of("ADMIN_EMAILS", " " + ADMIN_EMAIL.toUpperCase() + " , "));
        api = backend.api;
        Response registered = api.post("/api/auth/register", null, Map.of("email", ADMIN_EMAIL, "password",
                "secret123", "displayName", "Chief " + System.nanoTime(), "agreeToTerms", true));
        assertThat(registered.json().path("user").path("role").asText()).isEqualTo("admin");
        admin = new Account(registered.json().path("user").path("id").asText(), ADMIN_EMAIL, "Chief", "secret123",
                registered.json().path("token").asText());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void adminEmailsPromoteAnExistingAccountAtStart(MariaDbServer db) {
        Account later = Accounts.register(api);
        assertThat(login(api, later).json().path("user").path("role").asText()).isEqualTo("user");
        try (TestBackend restarted = TestBackend.startOn(db, backend.databaseName(),
                Map.of("ADMIN_EMAILS", ADMIN_EMAIL + "," + later.email()))) {
            assertThat(login(restarted.api, later).json().path("user").path("role").asText()).isEqualTo("admin");
            assertThat(restarted.api.get("/api/admin/dashboard/stats", later.token()).status()).isEqualTo(200);
        }
    }

    @Test
    void theDashboardCountsWhatTheDatabaseHolds() {
        Account member = Accounts.register(api);
        api.post("/api/fails", member.token(), Accounts.fail("Compté au tableau de bord"));
        JsonNode stats = api.get("/api/admin/dashboard/stats", admin.token()).json().path("stats");
        JsonNode users = api.get("/api/admin/users?limit=200", admin.token()).json();
        assertThat(stats.path("totalUsers").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("totalFails").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("todayActivity").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("systemStatus").asText()).isEqualTo("healthy");
        assertThat(stats.path("server").path("cpuCount").asInt()).isPositive();
        if (!users.path("pagination").path("hasMore").asBoolean()) {
            assertThat(users.path("users").size()).isEqualTo(stats.path("totalUsers").asInt());
        }
        assertCode(api.get("/api/admin/dashboard/stats", member.token()), 403, "ADMIN_REQUIRED");
    }

    @Test
    void theUserListFiltersAndPages() {
        String tag = "zq" + System.nanoTime();
        Account a = Accounts.register(api, tag + "-a@example.test", "Liste " + tag + " A");
        Account b = Accounts.register(api, tag + "-b@example.test", "Liste " + tag + " B");
        Account minor = register(tag + "-minor@example.test", "Liste " + tag + " Mineur",
                LocalDate.now(ZoneOffset.UTC).minusYears(15).toString());

        JsonNode found = api.get("/api/admin/users?q=" + tag, admin.token()).json();
        assertThat(found.path("users").findValuesAsText("id")).containsExactly(minor.id(), b.id(), a.id());
        JsonNode row = found.path("users").get(1);
        assertThat(row.path("email").asText()).isEqualTo(b.email());
        assertThat(row.path("display_name").asText()).isEqualTo(b.displayName());
        assertThat(row.path("account_status").asText()).isEqualTo("active");
        assertThat(row.path("registration_completed").asInt()).isEqualTo(1);
        assertThat(row.path("points").asLong()).isZero();
        assertThat(api.get("/api/admin/users?q=" + tag + "&status=pending", admin.token()).json().path("users")
                .findValuesAsText("id")).containsExactly(minor.id());
        assertThat(api.get("/api/admin/users?q=" + tag + "&consent=needed", admin.token()).json().path("users")
                .findValuesAsText("id")).containsExactly(minor.id());
        assertThat(api.get("/api/admin/users?q=" + tag + "&reg=1", admin.token()).json().path("users")
                .findValuesAsText("id")).containsExactly(b.id(), a.id());
        assertThat(api.get("/api/admin/users?q=" + tag + "&status=banned", admin.token()).json().path("users"))
                .as("a value E12 does not know is ignored").hasSize(3);
        assertThat(api.get("/api/admin/users?q=%25", admin.token()).json().path("users"))
                .as("LIKE metacharacters are matched literally").isEmpty();

        JsonNode page1 = api.get("/api/admin/users/with-roles?q=" + tag + "&limit=2", admin.token()).json();
        assertThat(page1.path("users").findValuesAsText("id")).containsExactly(minor.id(), b.id());
        assertThat(page1.path("pagination").path("hasMore").asBoolean()).isTrue();
        assertThat(page1.path("pagination").path("nextOffset").asInt()).isEqualTo(2);
        JsonNode page2 = api.get("/api/admin/users?q=" + tag + "&limit=2&offset=2", admin.token()).json();
        assertThat(page2.path("users").findValuesAsText("id")).containsExactly(a.id());
        assertThat(page2.path("pagination").path("hasMore").asBoolean()).isFalse();
        assertThat(page2.path("pagination").get("nextOffset").isNull()).isTrue();
    }

    @Test
    void pointsAreReadAndAdjusted() {
        Account member = Accounts.register(api);
        JsonNode none = api.get("/api/admin/users/" + member.id() + "/points", admin.token()).json().path("points");
        assertThat(none.path("points_total").asLong()).isZero();
        assertThat(none.get("updated_at").isNull()).isTrue();
        assertThat(api.post("/api/admin/users/" + member.id() + "/points", admin.token(),
                Map.of("delta", 7, "reason", "bonus")).status()).isEqualTo(200);
        assertThat(api.post("/api/admin/users/" + member.id() + "/points", admin.token(),
                Map.of("delta", "beaucoup")).status()).as("not a number: 0").isEqualTo(200);
        assertThat(api.get("/api/admin/users/" + member.id() + "/points", admin.token()).json().path("points")
                .path("points_total").asLong()).isEqualTo(7);
        assertCode(api.post("/api/admin/users/00000000-0000-4000-8000-000000000000/points", admin.token(),
                Map.of("delta", 1)), 404, "USER_NOT_FOUND");
        assertCode(api.post("/api/admin/users/" + member.id() + "/points", member.token(), Map.of("delta", 100)), 403,
                "ADMIN_REQUIRED");
    }

    @Test
    void rolesAndSuspensionApplyToTheNextRequest() {
        Account member = Accounts.register(api);
        assertCode(api.get("/api/admin/moderation/config", member.token()), 403, "ADMIN_REQUIRED");
        Response promoted = api.put("/api/admin/users/" + member.id() + "/role", admin.token(), Map.of("role", "moderator"));
        assertThat(promoted.json().path("role").asText()).isEqualTo("moderator");
        assertThat(api.get("/api/admin/moderation/config", member.token()).status()).isEqualTo(200);
        assertCode(api.put("/api/admin/users/" + admin.id() + "/role", member.token(), Map.of("role", "user")), 403,
                "ADMIN_REQUIRED");
        assertCode(api.put("/api/admin/users/" + member.id() + "/role", admin.token(), Map.of("role", "super_admin")),
                403, "SUPER_ADMIN_REQUIRED");
        assertCode(api.put("/api/admin/users/" + admin.id() + "/role", admin.token(), Map.of("role", "user")), 403,
                "CANNOT_CHANGE_OWN_ROLE");
        assertCode(api.put("/api/admin/users/" + member.id() + "/role", admin.token(), Map.of("role", "king")), 400,
                "INVALID_ROLE");

        assertThat(api.put("/api/admin/users/" + member.id() + "/ban", admin.token(), Map.of()).status()).isEqualTo(200);
        assertCode(api.get("/api/auth/profile", member.token()), 401, "USER_INACTIVE");
        assertCode(login(api, member), 401, "USER_INACTIVE");
        assertThat(api.put("/api/admin/users/" + member.id() + "/status", admin.token(), Map.of("status", "active"))
                .json().path("status").asText()).isEqualTo("active");
        assertThat(api.get("/api/auth/profile", member.token()).status()).isEqualTo(200);
        assertCode(api.put("/api/admin/users/" + admin.id() + "/status", admin.token(), Map.of("status", "suspended")),
                403, "CANNOT_CHANGE_OWN_STATUS");
        assertCode(api.put("/api/admin/users/" + member.id() + "/status", admin.token(), Map.of("status", "banned")),
                400, "INVALID_STATUS");
    }

    @Test
    void parentalConsentOpensAndClosesAMinorsAccount() {
        Account minor = register("minor-" + System.nanoTime() + "@example.test", "Mineur " + System.nanoTime(),
                LocalDate.now(ZoneOffset.UTC).minusYears(14).toString());
        assertCode(login(api, minor), 401, "USER_INACTIVE");

        Response approved = api.put("/api/admin/users/" + minor.id() + "/parental-approve", admin.token(), Map.of());
        assertThat(approved.json().path("userId").asText()).isEqualTo(minor.id());
        assertThat(login(api, minor).status()).isEqualTo(200);
        JsonNode verification = api.get("/api/auth/profile", minor.token()).json().path("user").path("ageVerification");
        assertThat(verification.path("parentalConsentStatus").asText()).isEqualTo("approved");
        assertThat(verification.path("needsParentalConsent").asBoolean()).isFalse();
        assertThat(verification.path("parentalApprovedAt").asText()).isNotBlank();
        assertThat(verification.path("age").asInt()).as("the other keys are kept").isEqualTo(14);
        assertThat(api.put("/api/admin/users/" + minor.id() + "/parental-approve", admin.token(), Map.of()).status())
                .as("approving again changes nothing").isEqualTo(200);

        for (String decision : List.of("revoke", "reject")) {
            assertThat(api.put("/api/admin/users/" + minor.id() + "/parental-" + decision, admin.token(), Map.of())
                    .status()).isEqualTo(200);
            assertCode(api.get("/api/auth/profile", minor.token()), 401, "USER_INACTIVE");
        }
        assertCode(api.put("/api/admin/users/short/parental-approve", admin.token(), Map.of()), 400, "INVALID_ID");
        assertCode(api.put("/api/admin/users/00000000-0000-4000-8000-000000000000/parental-approve", admin.token(),
                Map.of()), 404, "USER_NOT_FOUND");
        Account moderator = Accounts.register(api);
        api.put("/api/admin/users/" + moderator.id() + "/role", admin.token(), Map.of("role", "moderator"));
        assertCode(api.put("/api/admin/users/" + minor.id() + "/parental-approve", moderator.token(), Map.of()), 403,
                "ADMIN_REQUIRED");
    }

    private static Account register(String email, String name, String birthDate) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", "secret123");
        body.put("displayName", name);
        body.put("birthDate", birthDate);
        body.put("agreeToTerms", true);
        Response r = api.post("/api/auth/register", null, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Account(r.json().path("user").path("id").asText(), email, name, "secret123",
                r.json().path("token").asText());
    }

    private static Response login(ApiClient client, Account who) {
        return client.post("/api/auth/login", null, Map.of("email", who.email(), "password", who.password()));
    }

    private static void assertCode(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("code").asText()).as(r.body()).isEqualTo(code);
    }
}
