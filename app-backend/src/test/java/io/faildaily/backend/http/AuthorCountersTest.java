package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.FeedSeed;
import io.faildaily.backend.testing.MariaDbExtension;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.ServerCounters;
import io.faildaily.backend.testing.ServerCounters.Cost;
import io.faildaily.backend.testing.TestBackend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authors' counters on their profiles (V6): they equal what they count after posts, reactions of every kind
 * (added, replaced, removed) and deletions, and an author's post, profile and reactions received cost the same
 * whatever the number of their fails (server counters, not timings).
 */
@ExtendWith(MariaDbExtension.class)
class AuthorCountersTest {
    static final int PROLIFIC = 10_000;
    /** What one request may read at most, whatever the author's number of fails (badge catalogue included). */
    static final int ROWS_BOUND = 500;

    @Test
    void theCountersEqualTheRowsTheyCount(MariaDbServer db) throws Exception {
        try (TestBackend backend = TestBackend.start(db);
             Connection root = DriverManager.getConnection(db.jdbcUrl(backend.databaseName()), db.user(), db.password())) {
            ApiClient api = backend.api;
            Account author = Accounts.register(api);
            Account a = Accounts.register(api);
            Account b = Accounts.register(api);
            String first = post(api, author, false);
            String second = post(api, author, true);
            String third = post(api, author, false);
            react(api, a, first, "courage");
            react(api, b, first, "courage");
            react(api, author, first, "laugh");   // one's own reaction counts on the fail, as before
            react(api, a, second, "empathy");
            react(api, a, second, "courage");     // replaced: empathy -> courage
            react(api, b, third, "support");
            react(api, b, third, "support");      // the same again: removed
            react(api, b, second, "laugh");
            assertThat(api.delete("/api/fails/" + second + "/reactions/laugh", b.token()).status()).isEqualTo(200);
            react(api, a, third, "courage");
            assertThat(api.delete("/api/fails/" + third, author.token()).status()).isEqualTo(200);

            long[] truth = truth(root, author.id());
            assertThat(truth).containsExactly(2, 3, 4); // fails, courage received, reactions received
            JsonNode stats = api.get("/api/auth/profile", author.token()).json().path("user").path("stats");
            assertThat(stats.path("totalFails").asLong()).isEqualTo(truth[0]);
            assertThat(stats.path("failsCount").asLong()).isEqualTo(truth[0]);
            assertThat(stats.path("badgesCount").asLong()).isEqualTo(count(root,
                    "SELECT COUNT(*) FROM user_badges WHERE user_id = '" + author.id() + "'"));
            JsonNode userStats = api.get("/api/users/" + author.id() + "/stats", a.token()).json().path("stats");
            assertThat(userStats.path("total_fails").asLong()).isEqualTo(truth[0]);
            assertThat(userStats.path("total_reactions_received").asLong()).isEqualTo(truth[2]);
            try (ResultSet rs = root.createStatement().executeQuery("SELECT fails_count, courage_received, "
                    + "reactions_received FROM profiles WHERE user_id = '" + author.id() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).containsExactly(truth);
            }
        }
    }

    @Test
    void aProlificAuthorsPostProfileAndReactionsReceivedCostTheSame(MariaDbServer db) throws Exception {
        try (TestBackend backend = TestBackend.start(db);
             Connection root = DriverManager.getConnection(db.jdbcUrl(backend.databaseName()), db.user(), db.password())) {
            ApiClient api = backend.api;
            Account author = Accounts.register(api);
            Account reader = Accounts.register(api);
            FeedSeed.fails(root, 0, PROLIFIC, author.id(), 1);
            FeedSeed.analyze(root);
            String target = FeedSeed.newestVisibleFail(root);
            ServerCounters counters = new ServerCounters(root);
            post(api, author, false); // prepared statements, the badges a first post unlocks
            react(api, reader, target, "courage");
            react(api, reader, target, "courage");

            Cost posting = counters.measure(() -> post(api, author, false));
            Cost profile = counters.measure(() -> assertThat(api.get("/api/auth/profile", author.token()).status())
                    .isEqualTo(200));
            Cost reacting = counters.measure(() -> react(api, reader, target, "courage"));
            System.out.printf("%,d fails by one author: post %s, profile %s, reaction received %s%n", PROLIFIC,
                    posting, profile, reacting);
            assertThat(posting.rowsRead()).as("POST /api/fails: " + posting).isLessThan(ROWS_BOUND);
            assertThat(profile.rowsRead()).as("GET /api/auth/profile: " + profile).isLessThan(ROWS_BOUND);
            assertThat(reacting.rowsRead()).as("POST /api/fails/{id}/reactions: " + reacting).isLessThan(ROWS_BOUND);
            // ServerCounters runs each measured request three times: the author has posted 4 fails.
            JsonNode stats = api.get("/api/auth/profile", author.token()).json().path("user").path("stats");
            assertThat(stats.path("totalFails").asLong()).isEqualTo(truth(root, author.id())[0]).isEqualTo(PROLIFIC + 4);
        }
    }

    private static String post(ApiClient api, Account author, boolean anonymous) {
        Map<String, Object> body = new java.util.HashMap<>(Accounts.fail("Compté " + System.nanoTime()));
        body.put("is_anonyme", anonymous);
        Response r = api.post("/api/fails", author.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("fail").path("id").asText();
    }

    private static void react(ApiClient api, Account who, String failId, String type) {
        Response r = api.post("/api/fails/" + failId + "/reactions", who.token(), Map.of("reactionType", type));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** Fails, courage received and reactions received, from the fails themselves. */
    private static long[] truth(Connection c, String userId) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), COALESCE(SUM(courage_count), 0), "
                + "COALESCE(SUM(courage_count + empathy_count + laugh_count + support_count), 0) FROM fails "
                + "WHERE user_id = '" + userId + "'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
