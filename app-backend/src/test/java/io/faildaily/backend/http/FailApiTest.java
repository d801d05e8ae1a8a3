package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.service.ModerationSettings;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.TestBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feed pagination and order, anonymity, owner-only changes, moderation by reports, fail error codes. */
class FailApiTest extends BackendTestBase {

    private static String post(Account a, Map<String, Object> body) {
        Response r = api.post("/api/fails", a.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("fail").path("id").asText();
    }

    @Test
    void feedIsNewestFirstAndPaginates(MariaDbServer db) {
        // its own database: fails posted by the other tests would interleave with these
        try (TestBackend own = TestBackend.start(db)) {
            feedIsNewestFirstAndPaginates(own.api);
        }
    }

    @Test
    void aUsersFailsAreNewestFirstPagedAndKeepAnonymity() {
        Account author = Accounts.register(api);
        Account other = Accounts.register(api);
        String named1 = post(author, Accounts.fail("Named one"));
        Map<String, Object> anon = new java.util.HashMap<>(Accounts.fail("Anonymous one"));
        anon.put("is_anonyme", true);
        String anonymous = post(author, anon);
        String named2 = post(author, Accounts.fail("Named two"));
        String hidden = post(author, Accounts.fail("Reported away"));
        for (int i = 0; i < (Integer) ModerationSettings.DEFAULTS.get(ModerationSettings.FAIL_THRESHOLD); i++) {
            api.post("/api/fails/" + hidden + "/report", Accounts.register(api).token(), Map.of());
        }

        Response own = api.get("/api/users/me/fails", author.token());
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("fails").findValuesAsText("id")).containsExactly(named2, anonymous, named1);
        JsonNode first = own.json().path("fails").get(0);
        assertThat(first.path("email").asText()).isEqualTo(author.email());
        assertThat(first.path("authorName").asText()).isEqualTo(author.displayName());
        assertThat(first.path("authorAvatar").asText()).isEqualTo("assets/profil/face.png");
        assertThat(first.path("is_anonyme").isInt()).isTrue();
        assertThat(first.has("image_url")).isTrue();

        Response seenByOther = api.get("/api/users/" + author.id() + "/fails", other.token());
        assertThat(seenByOther.json().path("fails").findValuesAsText("id")).containsExactly(named2, named1);
        assertThat(seenByOther.json().path("fails").get(0).has("email")).isFalse();

        Response page2 = api.get("/api/users/" + author.id() + "/fails?limit=1&page=2", other.token());
        assertThat(page2.json().path("fails").findValuesAsText("id")).containsExactly(named1);
        assertThat(page2.json().path("pagination").path("offset").asInt()).isEqualTo(1);
        assertThat(api.get("/api/users/00000000-0000-4000-8000-000000000000/fails", other.token()).json()
                .path("fails")).isEmpty();
        assertThat(api.get("/api/users/not-an-id/fails", other.token()).json().path("fails")).isEmpty();
        assertThat(api.get("/api/users/" + author.id() + "/fails", null).status()).isEqualTo(401);
    }

    private static void feedIsNewestFirstAndPaginates(ApiClient api) {
        Account a = Accounts.register(api);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Response r = api.post("/api/fails", a.token(), Accounts.fail("Fail " + i));
            ids.add(0, r.json().path("fail").path("id").asText());
        }
        Response first = api.get("/api/fails", a.token());
        JsonNode p = first.json().path("pagination");
        assertThat(p.path("limit").asInt()).isEqualTo(20);
        assertThat(p.path("page").asInt()).isEqualTo(1);
        assertThat(p.path("hasMore").asBoolean()).isTrue();
        assertThat(p.path("nextOffset").asInt()).isEqualTo(20);
        assertThat(first.json().path("fails").findValuesAsText("id")).containsExactlyElementsOf(ids.subList(0, 20));

        Response page2 = api.get("/api/fails?page=2&limit=10", a.token());
        assertThat(page2.json().path("fails").findValuesAsText("id")).containsExactlyElementsOf(ids.subList(10, 20));
        Response byOffset = api.get("/api/fails/anonymes?limit=10&offset=20", a.token());
        List<String> tail = byOffset.json().path("fails").findValuesAsText("id");
        assertThat(tail).startsWith(ids.get(20));
        assertThat(api.get("/api/fails/public?limit=1000", a.token()).json().path("pagination").path("limit").asInt())
                .isEqualTo(100);
        assertThat(api.get("/api/fails?limit=abc&page=-3", a.token()).json().path("pagination").path("limit").asInt())
                .isEqualTo(20);
    }

    @Test
    void anonymousFailHidesItsAuthor() {
        Account author = Accounts.register(api);
        Account reader = Accounts.register(api);
        String id = post(author, Map.of("title", "Secret", "is_anonyme", true));
        JsonNode seen = api.get("/api/fails/" + id, reader.token()).json().path("fail");
        assertThat(seen.path("is_anonyme").asBoolean()).isTrue();
        assertThat(seen.path("authorName").asText()).isEqualTo("Anonyme");
        assertThat(seen.path("authorId").isNull()).isTrue();
        assertThat(seen.toString()).doesNotContain(author.id()).doesNotContain(author.displayName());
        JsonNode own = api.get("/api/fails/" + id, author.token()).json().path("fail");
        assertThat(own.path("authorId").asText()).isEqualTo(author.id());
    }

    @Test
    void validationAndOwnership() {
        Account a = Accounts.register(api);
        Account b = Accounts.register(api);
        assertThat(api.post("/api/fails", a.token(), Map.of("description", "no title")).code()).isEqualTo("TITLE_REQUIRED");
        assertThat(api.post("/api/fails", a.token(), Map.of("title", "   ")).code()).isEqualTo("TITLE_REQUIRED");
        assertThat(api.post("/api/fails", a.token(), Map.of("title", "x".repeat(201))).code()).isEqualTo("TITLE_TOO_LONG");
        assertThat(api.post("/api/fails", a.token(), Map.of("title", "t", "description", "x".repeat(2001))).code())
                .isEqualTo("DESCRIPTION_TOO_LONG");
        assertThat(api.post("/api/fails", null, Map.of("title", "t")).code()).isEqualTo("NO_TOKEN");
        assertThat(api.get("/api/fails/public", null).code()).isEqualTo("NO_TOKEN");

        String id = post(a, Map.of("title", "Mine", "category", "Cuisine"));
        Response other = api.put("/api/fails/" + id, b.token(), Map.of("title", "Yours"));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("ACCESS_DENIED");
        assertThat(api.delete("/api/fails/" + id, b.token()).status()).isEqualTo(403);
        assertThat(api.put("/api/fails/" + id, a.token(), Map.of()).code()).isEqualTo("NO_UPDATE_DATA");
        Response anon = api.put("/api/fails/" + id, a.token(), Map.of("is_anonyme", true, "category", "Sport"));
        assertThat(anon.json().path("fail").path("is_anonyme").asBoolean()).isTrue();
        assertThat(anon.json().path("fail").path("category").asText()).isEqualTo("Sport");

        String unknown = "7f0c2a3e-1111-4222-8333-944455556666";
        for (Response r : List.of(api.get("/api/fails/" + unknown, a.token()),
                api.put("/api/fails/" + unknown, a.token(), Map.of("title", "x")),
                api.delete("/api/fails/" + unknown, a.token()),
                api.get("/api/fails/not-a-uuid", a.token()),
                api.post("/api/fails/" + unknown + "/report", a.token(), Map.of()))) {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("FAIL_NOT_FOUND");
        }
    }

    @Test
    void threeDistinctReportsHideAFail() {
        Account author = Accounts.register(api);
        String id = post(author, Map.of("title", "Controversial"));
        Account r1 = Accounts.register(api);
        Account r2 = Accounts.register(api);
        Account r3 = Accounts.register(api);
        assertThat(api.post("/api/fails/" + id + "/report", r1.token(), Map.of("reason", "spam")).json()
                .path("autoHidden").asBoolean()).isFalse();
        // the same user twice still counts once
        Response again = api.post("/api/fails/" + id + "/report", r1.token(), Map.of("reason", "spam"));
        assertThat(again.json().path("reports").asInt()).isEqualTo(1);
        api.post("/api/fails/" + id + "/report", r2.token(), Map.of());
        assertThat(api.get("/api/fails?limit=100", r3.token()).json().path("fails").findValuesAsText("id")).contains(id);
        Response third = api.post("/api/fails/" + id + "/report", r3.token(), Map.of());
        assertThat(third.json().path("reports").asInt()).isEqualTo(3);
        assertThat(third.json().path("autoHidden").asBoolean()).isTrue();

        assertThat(api.get("/api/fails?limit=100", r3.token()).json().path("fails").findValuesAsText("id"))
                .doesNotContain(id);
        assertThat(api.get("/api/fails/anonymes?limit=100", r3.token()).json().path("fails").findValuesAsText("id"))
                .doesNotContain(id);
        assertThat(api.get("/api/fails/" + id, r3.token()).status()).isEqualTo(404);
        // its author still sees it, with its moderation status
        assertThat(api.get("/api/fails/" + id, author.token()).json().path("fail").path("moderationStatus").asText())
                .isEqualTo("hidden");
    }

    @Test
    void sqlMetacharactersAreJustText() {
        Account a = Accounts.register(api);
        String nasty = "Robert'); DROP TABLE fails;-- \" \\ %_ `x`";
        String id = post(a, Map.of("title", nasty, "description", "1' OR '1'='1", "category", "';--"));
        JsonNode f = api.get("/api/fails/" + id, a.token()).json().path("fail");
        assertThat(f.path("title").asText()).isEqualTo(nasty);
        assertThat(f.path("description").asText()).isEqualTo("1' OR '1'='1");
        assertThat(api.get("/api/fails/1'%20OR%20'1'='1", a.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/fails?limit=1;DROP%20TABLE%20fails", a.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/fails", a.token()).json().path("fails").size()).isGreaterThan(0);
    }
}
