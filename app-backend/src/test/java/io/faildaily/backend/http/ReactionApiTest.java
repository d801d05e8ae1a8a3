package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Toggle semantics, points for the author, error codes, and exact counts under concurrency. */
class ReactionApiTest extends BackendTestBase {

    private static String newFail(Account a) {
        return api.post("/api/fails", a.token(), Map.of("title", "React to me")).json().path("fail").path("id").asText();
    }

    private static int points(Account a) {
        return api.get("/api/users/" + a.id() + "/stats", a.token()).json().path("stats").path("courage_points").asInt();
    }

    @Test
    void toggleReplaceRemoveAndPoints() {
        Account author = Accounts.register(api);
        Account fan = Accounts.register(api);
        String id = newFail(author);
        assertThat(points(author)).isEqualTo(10);

        JsonNode added = api.post("/api/fails/" + id + "/reactions", fan.token(), Map.of("reactionType", "courage"))
                .json().path("data");
        assertThat(added.path("action").asText()).isEqualTo("added");
        assertThat(points(author)).isEqualTo(15); // courage = 5
        // first-reaction is the first reaction received, as in the original (issue 17)
        assertThat(api.get("/api/users/me/badges", author.token()).json().path("badges").findValuesAsText("id"))
                .contains("first-reaction");
        assertThat(api.get("/api/users/me/badges", fan.token()).json().path("badges").findValuesAsText("id"))
                .doesNotContain("first-reaction");

        JsonNode updated = api.post("/api/fails/" + id + "/reactions", fan.token(), Map.of("reactionType", "laugh"))
                .json().path("data");
        assertThat(updated.path("action").asText()).isEqualTo("updated");
        assertThat(updated.path("summary").path("counts").path("courage").asInt()).isZero();
        assertThat(updated.path("summary").path("counts").path("laugh").asInt()).isEqualTo(1);
        assertThat(updated.path("summary").path("totalCount").asInt()).isEqualTo(1);
        assertThat(points(author)).isEqualTo(13); // laugh = 3

        JsonNode removed = api.post("/api/fails/" + id + "/reactions", fan.token(), Map.of("reactionType", "laugh"))
                .json().path("data");
        assertThat(removed.path("action").asText()).isEqualTo("removed");
        assertThat(removed.path("reactionType").isNull()).isTrue();
        assertThat(removed.path("summary").path("userReaction").isNull()).isTrue();
        assertThat(points(author)).isEqualTo(10);

        // reacting to one's own fail gives nothing
        api.post("/api/fails/" + id + "/reactions", author.token(), Map.of("reactionType", "empathy"));
        assertThat(points(author)).isEqualTo(10);
        assertThat(api.get("/api/fails/" + id, author.token()).json().path("fail").path("reactions").path("empathy")
                .asInt()).isEqualTo(1);

        // DELETE without type, and with a type that is not mine
        api.post("/api/fails/" + id + "/reactions", fan.token(), Map.of("reactionType", "support"));
        assertThat(api.delete("/api/fails/" + id + "/reactions/courage", fan.token()).code()).isEqualTo("NO_REACTION_FOUND");
        Response del = api.delete("/api/fails/" + id + "/reactions", fan.token());
        assertThat(del.status()).isEqualTo(200);
        assertThat(api.delete("/api/fails/" + id + "/reactions", fan.token()).status()).isEqualTo(404);
    }

    @Test
    void errorCodes() {
        Account a = Accounts.register(api);
        String id = newFail(a);
        Response bad = api.post("/api/fails/" + id + "/reactions", a.token(), Map.of("reactionType", "love"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("INVALID_REACTION_TYPE");
        assertThat(api.post("/api/fails/" + id + "/reactions", a.token(), Map.of()).code()).isEqualTo("INVALID_REACTION_TYPE");
        assertThat(api.delete("/api/fails/" + id + "/reactions/love", a.token()).code()).isEqualTo("INVALID_REACTION_TYPE");
        assertThat(api.post("/api/fails/" + id + "/reactions", null, Map.of("reactionType", "courage")).code())
                .isEqualTo("NO_TOKEN");
        Response missing = api.post("/api/fails/00000000-0000-4000-8000-000000000000/reactions", a.token(),
                Map.of("reactionType", "courage"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("FAIL_NOT_FOUND");
        // the list is public (optional token), a garbage token is just ignored there
        assertThat(api.get("/api/fails/" + id + "/reactions", null).status()).isEqualTo(200);
        assertThat(api.get("/api/fails/" + id + "/reactions", "garbage").status()).isEqualTo(200);
        assertThat(api.get("/api/fails/not-a-uuid/reactions", null).status()).isEqualTo(404);
    }

    @Test
    void twentyUsersReactingAtOnceGiveExactCounts() throws Exception {
        Account author = Accounts.register(api);
        String id = newFail(author);
        List<Account> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Accounts.register(api));
        }
        String[] types = {"courage", "empathy", "laugh", "support"};
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Account u = users.get(i);
                String type = types[i % 4];
                Callable<Integer> call = () -> {
                    go.await();
                    return api.post("/api/fails/" + id + "/reactions", u.token(), Map.of("reactionType", type)).status();
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(200);
            }
            JsonNode counts = api.get("/api/fails/" + id, author.token()).json().path("fail").path("reactions");
            assertThat(counts.path("courage").asInt()).isEqualTo(5);
            assertThat(counts.path("empathy").asInt()).isEqualTo(5);
            assertThat(counts.path("laugh").asInt()).isEqualTo(5);
            assertThat(counts.path("support").asInt()).isEqualTo(5);
            JsonNode list = api.get("/api/fails/" + id + "/reactions", null).json().path("data");
            assertThat(list.path("totalCount").asInt()).isEqualTo(20);
            assertThat(list.path("reactions").size()).isEqualTo(20);
            // 5 x (5 + 2 + 3 + 3) = 65 points on top of the 10 for posting
            assertThat(points(author)).isEqualTo(75);

            // and all 20 switch to courage at once: counters follow exactly
            CountDownLatch again = new CountDownLatch(1);
            results.clear();
            for (Account u : users) {
                results.add(pool.submit(() -> {
                    again.await();
                    return api.post("/api/fails/" + id + "/reactions", u.token(), Map.of("reactionType", "courage"))
                            .status();
                }));
            }
            again.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(200);
            }
            JsonNode after = api.get("/api/fails/" + id, author.token()).json().path("fail").path("reactions");
            // the 5 who had courage removed it (toggle), the 15 others switched to courage
            assertThat(after.path("courage").asInt()).isEqualTo(15);
            assertThat(after.path("empathy").asInt() + after.path("laugh").asInt() + after.path("support").asInt()).isZero();
            assertThat(points(author)).isEqualTo(10 + 15 * 5);
        } finally {
            pool.shutdownNow();
        }
    }
}
