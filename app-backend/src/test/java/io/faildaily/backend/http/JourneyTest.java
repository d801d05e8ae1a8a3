package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.ApiClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web client's core journey, in order, against a real MariaDB. */
class JourneyTest extends BackendTestBase {

    @Test
    void registerPostReactCommentUploadEditDelete() {
        // registration screen: the display name check, then register
        Response check = api.get("/api/registration/check-display-name?displayName=Alice", null);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().path("available").asBoolean()).isTrue();
        assertThat(check.json().path("exists").asBoolean()).isFalse();

        Response reg = api.post("/api/auth/register", null, Map.of("email", "Alice@Example.TEST", "password",
                "secret123", "displayName", "Alice", "birthDate", "1990-01-01", "agreeToTerms", true));
        assertThat(reg.status()).as(reg.body()).isEqualTo(201);
        assertThat(reg.json().path("success").asBoolean()).isTrue();
        JsonNode user = reg.json().path("user");
        assertThat(user.path("email").asText()).isEqualTo("alice@example.test"); // stored lower-cased
        assertThat(user.path("displayName").asText()).isEqualTo("Alice");
        assertThat(user.path("role").asText()).isEqualTo("user");
        String token = reg.json().path("token").asText();
        String aliceId = user.path("id").asText();

        assertThat(api.get("/api/registration/check-display-name?displayName=Alice", null).json()
                .path("available").asBoolean()).isFalse();

        // session restore reads `data`
        Response profile = api.get("/api/auth/profile", token);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().path("data").path("displayName").asText()).isEqualTo("Alice");
        assertThat(profile.json().path("user").path("id").asText()).isEqualTo(aliceId);

        // post a fail (+10 points, first badge)
        Response created = api.post("/api/fails", token, Map.of("title", "J'ai raté mon train 🚆",
                "description", "Le quai était vide", "is_anonyme", false));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode fail = created.json().path("fail");
        String failId = fail.path("id").asText();
        assertThat(fail.path("title").asText()).isEqualTo("J'ai raté mon train 🚆");
        assertThat(fail.path("category").asText()).isEqualTo("Général");
        assertThat(fail.path("is_anonyme").asBoolean()).isFalse();
        assertThat(fail.path("authorId").asText()).isEqualTo(aliceId);
        assertThat(fail.path("authorName").asText()).isEqualTo("Alice");
        assertThat(fail.path("reactions").path("courage").asInt()).isZero();
        assertThat(fail.path("commentsCount").asInt()).isZero();
        assertThat(fail.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        // the home feed and the list
        Accounts.Account bob = Accounts.register(api);
        Response feed = api.get("/api/fails/anonymes?limit=10&offset=0", bob.token());
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.json().path("fails").get(0).path("id").asText()).isEqualTo(failId);
        assertThat(feed.json().path("pagination").path("limit").asInt()).isEqualTo(10);
        assertThat(feed.json().path("pagination").path("hasMore").asBoolean()).isFalse();
        assertThat(api.get("/api/fails?limit=20", bob.token()).json().path("fails").size()).isEqualTo(1);

        // react, see it, un-react
        Response react = api.post("/api/fails/" + failId + "/reactions", bob.token(), Map.of("reactionType", "courage"));
        assertThat(react.status()).as(react.body()).isEqualTo(200);
        assertThat(react.json().path("data").path("action").asText()).isEqualTo("added");
        assertThat(react.json().path("data").path("summary").path("counts").path("courage").asInt()).isEqualTo(1);
        assertThat(react.json().path("data").path("summary").path("userReaction").asText()).isEqualTo("courage");
        Response reactions = api.get("/api/fails/" + failId + "/reactions", bob.token());
        assertThat(reactions.json().path("data").path("totalCount").asInt()).isEqualTo(1);
        assertThat(reactions.json().path("data").path("userReaction").asText()).isEqualTo("courage");
        assertThat(api.get("/api/fails/" + failId, bob.token()).json().path("fail").path("userReaction").asText())
                .isEqualTo("courage");
        Response unreact = api.delete("/api/fails/" + failId + "/reactions/courage", bob.token());
        assertThat(unreact.status()).isEqualTo(200);
        assertThat(unreact.json().path("data").path("summary").path("totalCount").asInt()).isZero();
        api.post("/api/fails/" + failId + "/reactions", bob.token(), Map.of("reactionType", "support"));

        // log in again
        Response login = api.post("/api/auth/login", null, Map.of("email", "alice@example.test", "password", "secret123"));
        assertThat(login.status()).isEqualTo(200);
        token = login.json().path("token").asText();
        assertThat(api.get("/api/auth/verify", token).json().path("valid").asBoolean()).isTrue();

        // comment
        Response comment = api.post("/api/fails/" + failId + "/comments", bob.token(),
                Map.of("content", "Courage !", "isEncouragement", true));
        assertThat(comment.status()).as(comment.body()).isEqualTo(201);
        assertThat(comment.json().path("data").path("content").asText()).isEqualTo("Courage !");
        assertThat(comment.json().path("data").path("author").path("id").asText()).isEqualTo(bob.id());
        Response comments = api.get("/api/fails/" + failId + "/comments", null);
        assertThat(comments.json().path("data").path("comments").size()).isEqualTo(1);
        assertThat(api.get("/api/fails/" + failId, token).json().path("fail").path("commentsCount").asInt()).isEqualTo(1);

        // upload an image and use it
        byte[] png = TestImages.png();
        Response up = api.upload("/api/upload/image", token, "image", "photo.png", "image/png", png);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        String url = up.json().path("data").path("imageUrl").asText();
        assertThat(url).startsWith("/uploads/fails/").endsWith(".png");
        Response served = api.get(url, null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.raw().body()).isEqualTo(png);
        assertThat(served.header("Content-Type")).isEqualTo("image/png");

        // edit (owner only), then delete
        Response edited = api.put("/api/fails/" + failId, token, Map.of("title", "Train raté", "imageUrl", url));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("fail").path("title").asText()).isEqualTo("Train raté");
        assertThat(edited.json().path("fail").path("imageUrl").asText()).isEqualTo(url);
        assertThat(api.put("/api/fails/" + failId, bob.token(), Map.of("title", "x")).status()).isEqualTo(403);

        // points: 10 (fail) + 3 (support from Bob); Bob: 2 (comment)
        Response aliceStats = api.get("/api/users/" + aliceId + "/stats", token);
        assertThat(aliceStats.json().path("stats").path("courage_points").asInt()).isEqualTo(13);
        assertThat(aliceStats.json().path("stats").path("total_fails").asInt()).isEqualTo(1);
        Response badges = api.get("/api/users/me/badges", token);
        assertThat(badges.json().path("badges").findValuesAsText("id")).contains("first-fail");

        assertThat(api.delete("/api/fails/" + failId, bob.token()).status()).isEqualTo(403);
        Response deleted = api.delete("/api/fails/" + failId, token);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(api.get("/api/fails/" + failId, token).status()).isEqualTo(404);
        assertThat(api.get("/api/fails", token).json().path("fails").size()).isZero();
        // deleting took back the reaction points (3) and Bob's comment points (2)
        assertThat(api.get("/api/users/" + aliceId + "/stats", token).json().path("stats").path("courage_points")
                .asInt()).isEqualTo(10);
        assertThat(api.get("/api/users/" + bob.id() + "/stats", token).json().path("stats").path("courage_points")
                .asInt()).isZero();

        Response logout = api.post("/api/auth/logout", token, Map.of());
        assertThat(logout.status()).isEqualTo(200);
    }
}
