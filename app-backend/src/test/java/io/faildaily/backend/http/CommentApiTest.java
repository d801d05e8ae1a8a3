package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.ApiClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Comments: shape, counters, author-only edit/delete, points, error codes. */
class CommentApiTest extends BackendTestBase {

    @Test
    void lifecycleAndErrors() {
        Account author = Accounts.register(api);
        Account other = Accounts.register(api);
        String failId = api.post("/api/fails", author.token(), Map.of("title", "Comment me")).json()
                .path("fail").path("id").asText();
        String base = "/api/fails/" + failId + "/comments";

        assertThat(api.post(base, other.token(), Map.of("content", "  ")).code()).isEqualTo("MISSING_CONTENT");
        assertThat(api.post(base, other.token(), Map.of("content", "x".repeat(1001))).code()).isEqualTo("CONTENT_TOO_LONG");
        assertThat(api.post(base, null, Map.of("content", "hi")).code()).isEqualTo("NO_TOKEN");
        assertThat(api.post("/api/fails/00000000-0000-4000-8000-000000000000/comments", other.token(),
                Map.of("content", "hi")).code()).isEqualTo("FAIL_NOT_FOUND");

        Response c1 = api.post(base, other.token(), Map.of("content", "Courage !", "isEncouragement", true));
        assertThat(c1.status()).isEqualTo(201);
        JsonNode data = c1.json().path("data");
        assertThat(data.path("failId").asText()).isEqualTo(failId);
        assertThat(data.path("isEncouragement").asBoolean()).isTrue();
        assertThat(data.path("author").path("displayName").asText()).isEqualTo(other.displayName());
        String commentId = data.path("id").asText();
        api.post(base, author.token(), Map.of("content", "Merci"));

        JsonNode list = api.get(base, "garbage-token-is-ignored").json().path("data");
        assertThat(list.path("comments").findValuesAsText("content")).containsExactly("Courage !", "Merci");
        assertThat(list.path("pagination").path("total").asInt()).isEqualTo(2);
        assertThat(api.get(base + "?limit=1&page=2", null).json().path("data").path("comments").get(0)
                .path("content").asText()).isEqualTo("Merci");
        assertThat(api.get("/api/fails/" + failId, author.token()).json().path("fail").path("commentsCount").asInt())
                .isEqualTo(2);

        Response forbidden = api.put(base + "/" + commentId, author.token(), Map.of("content", "hijack"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("ACCESS_DENIED");
        assertThat(api.delete(base + "/" + commentId, author.token()).status()).isEqualTo(403);
        assertThat(api.put(base + "/00000000-0000-4000-8000-000000000000", other.token(), Map.of("content", "x")).code())
                .isEqualTo("COMMENT_NOT_FOUND");
        Response edited = api.put(base + "/" + commentId, other.token(), Map.of("content", "Courage, vraiment !"));
        assertThat(edited.json().path("data").path("content").asText()).isEqualTo("Courage, vraiment !");

        int before = api.get("/api/users/" + other.id() + "/stats", other.token()).json().path("stats")
                .path("courage_points").asInt();
        assertThat(before).isEqualTo(2);
        Response deleted = api.delete(base + "/" + commentId, other.token());
        assertThat(deleted.json().path("data").path("deletedCount").asInt()).isEqualTo(1);
        assertThat(api.delete(base + "/" + commentId, other.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/fails/" + failId, author.token()).json().path("fail").path("commentsCount").asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/users/" + other.id() + "/stats", other.token()).json().path("stats")
                .path("courage_points").asInt()).isZero();
    }
}
