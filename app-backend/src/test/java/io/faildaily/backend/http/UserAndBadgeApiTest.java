package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.ApiClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Badge catalogue and unlocking, user stats, self-only courage points. */
class UserAndBadgeApiTest extends BackendTestBase {

    @Test
    void catalogueNeedsATokenAndIsSeeded() {
        assertThat(api.get("/api/badges/available", null).code()).isEqualTo("NO_TOKEN");
        Account a = Accounts.register(api);
        for (String path : new String[] {"/api/badges", "/api/badges/available", "/api/badges/definitions"}) {
            Response r = api.get(path, a.token());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("badges").size()).isGreaterThanOrEqualTo(10);
            JsonNode first = r.json().path("badges").get(0);
            assertThat(first.path("requirements").path("type").asText()).isNotBlank();
            assertThat(first.path("rarity").asText()).isEqualTo("common");
        }
        assertThat(api.get("/api/badges/definitions", a.token()).json().path("total").asInt()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void failCountBadgesUnlock() {
        Account a = Accounts.register(api);
        assertThat(api.get("/api/users/me/badges", a.token()).json().path("badges").size()).isZero();
        for (int i = 0; i < 5; i++) {
            api.post("/api/fails", a.token(), Map.of("title", "Fail " + i));
        }
        var ids = api.get("/api/users/me/badges", a.token()).json().path("badges").findValuesAsText("id");
        assertThat(ids).contains("first-fail", "fails-5").doesNotContain("fails-10");
        JsonNode stats = api.get("/api/users/" + a.id() + "/stats", a.token()).json().path("stats");
        assertThat(stats.path("total_fails").asInt()).isEqualTo(5);
        assertThat(stats.path("courage_points").asInt()).isEqualTo(50);
        assertThat(stats.path("total_badges").asInt()).isEqualTo(ids.size());
        assertThat(stats.path("join_date").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
    }

    @Test
    void statsErrors() {
        Account a = Accounts.register(api);
        Response unknown = api.get("/api/users/00000000-0000-4000-8000-000000000000/stats", a.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(api.get("/api/users/junk/stats", a.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/users/" + a.id() + "/stats", null).code()).isEqualTo("NO_TOKEN");
    }

    @Test
    void couragePointsAreSelfServiceOnly() {
        Account a = Accounts.register(api);
        Account b = Accounts.register(api);
        Response ok = api.post("/api/users/" + a.id() + "/courage-points", a.token(),
                Map.of("points", 7, "reason", "daily_login"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("points_added").asInt()).isEqualTo(7);
        assertThat(api.get("/api/users/" + a.id() + "/stats", a.token()).json().path("stats").path("courage_points")
                .asInt()).isEqualTo(7);
        Response other = api.post("/api/users/" + a.id() + "/courage-points", b.token(), Map.of("points", 7));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("ACCESS_DENIED");
        assertThat(api.post("/api/users/" + a.id() + "/courage-points", a.token(), Map.of()).code())
                .isEqualTo("MISSING_POINTS");
        assertThat(api.post("/api/users/" + a.id() + "/courage-points", a.token(), Map.of("points", 100000)).code())
                .isEqualTo("INVALID_POINTS");
        assertThat(api.post("/api/users/" + a.id() + "/courage-points", a.token(), Map.of("points", "lots")).code())
                .isEqualTo("INVALID_FIELD_TYPE");
    }
}
