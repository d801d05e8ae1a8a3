package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.MariaDbExtension;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.SettableClock;
import io.faildaily.backend.testing.TestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every requirement type of the original catalogue (specification §15) unlocks its badge at the badge's value and
 * not one short of it, through the actions that move it (posts on chosen dates, reactions, comments, logins).
 * Where a value is large (100 days, 1,000 reactions), the figure is first brought to one short of it in the
 * database, and the last step is the real action. The backend's clock is set by the test.
 */
@ExtendWith(MariaDbExtension.class)
class BadgeRulesApiTest {
    static final String WEDNESDAY = "2026-03-04T12:00:00Z";
    static final SettableClock CLOCK = new SettableClock(Instant.parse(WEDNESDAY));
    static TestBackend backend;
    static ApiClient api;
    static Connection root;
    /** Members who react and comment. */
    static final List<Account> crowd = new ArrayList<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start(MariaDbServer db) throws Exception {
        backend = TestBackend.start(db, CLOCK, Map.of("JWT_EXPIRES_IN", "36500d"));
        api = backend.api;
        root = DriverManager.getConnection(db.jdbcUrl(backend.databaseName()), db.user(), db.password());
        for (int i = 0; i < 10; i++) {
            crowd.add(Accounts.register(api));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        root.close();
        backend.close();
    }

    @BeforeEach
    void wednesday() {
        CLOCK.set(WEDNESDAY);
    }

    @Test
    void theCatalogueIsTheOriginals() {
        Account a = Accounts.register(api);
        JsonNode all = api.get("/api/badges/definitions", a.token()).json();
        assertThat(all.path("total").asInt()).isEqualTo(65);
        assertThat(all.path("badges").findValuesAsText("id")).hasSize(65)
                .contains("first-fail", "fail-master-365", "daily-streak-365", "early-adopter", "viral-laugh")
                .doesNotContain("first-comment", "comments-10", "courage-received-10", "points-100");
        JsonNode first = find(all.path("badges"), "first-reaction");
        assertThat(first.path("requirements").path("type").asText()).isEqualTo("first_reaction");
        assertThat(first.path("description").asText()).isEqualTo("Recevoir votre première réaction");
    }

    @Test
    void failCount() {
        Account a = Accounts.register(api);
        assertThat(badges(a)).doesNotContain("first-fail");
        for (int i = 1; i <= 4; i++) {
            post(a, "Travail", "Un fail");
        }
        assertThat(badges(a)).contains("first-fail").doesNotContain("fails-5");
        post(a, "Travail", "Un fail");
        assertThat(badges(a)).contains("fails-5").doesNotContain("fails-10");
    }

    @Test
    void reactionGivenAndOfOneType() throws Exception {
        Account author = Accounts.register(api);
        Account reactor = Accounts.register(api);
        List<String> fails = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fails.add(post(author, "Travail", "Un fail"));
        }
        for (int i = 0; i < 9; i++) {
            react(reactor, fails.get(i), "courage");
        }
        assertThat(badges(reactor)).doesNotContain("reactions-10");
        react(reactor, fails.get(9), "courage");
        assertThat(badges(reactor)).contains("reactions-10");

        // support_given 50, empathy_given 25: rows of that type, one short, then one more through the API.
        Account giver = Accounts.register(api);
        insertReactions(giver.id(), author.id(), "support", 49);
        insertReactions(giver.id(), author.id(), "empathy", 24);
        react(giver, fails.get(0), "courage");
        assertThat(badges(giver)).doesNotContain("supportive-soul", "empathy-expert");
        react(giver, fails.get(0), "support");
        assertThat(badges(giver)).contains("supportive-soul").doesNotContain("empathy-expert");
        react(giver, fails.get(1), "empathy");
        assertThat(badges(giver)).contains("empathy-expert");
    }

    @Test
    void reactionsReceivedFromOthersAndTheFirstOne() throws Exception {
        Account author = Accounts.register(api);
        String fail = post(author, "Travail", "Un fail");
        react(author, fail, "courage"); // one's own reaction is not "received"
        assertThat(badges(author)).doesNotContain("first-reaction");
        react(crowd.get(0), fail, "courage");
        assertThat(badges(author)).contains("first-reaction").doesNotContain("courage-hearts-10");
        for (int i = 1; i < 9; i++) {
            react(crowd.get(i), fail, "empathy");
        }
        assertThat(badges(author)).doesNotContain("courage-hearts-10"); // 9 from others
        react(crowd.get(9), fail, "laugh");
        assertThat(badges(author)).contains("courage-hearts-10");
        assertThat(profileFigure(author, "reactions_from_others")).isEqualTo(10);
        assertThat(profileFigure(author, "reactions_received")).isEqualTo(11);
    }

    @Test
    void laughsAndPositiveReactionsCountTheAuthorsOwn() throws Exception {
        Account author = Accounts.register(api);
        String fail = post(author, "Travail", "Un fail");
        String other = post(author, "Travail", "Un autre");
        sql("UPDATE profiles SET laughs_received = 23, reactions_received = 998 WHERE user_id = ?", author.id());
        react(crowd.get(0), other, "laugh");
        assertThat(badges(author)).doesNotContain("funny-fail", "good-vibes");
        react(author, fail, "laugh");
        assertThat(badges(author)).contains("funny-fail", "good-vibes").doesNotContain("comedian", "class-clown");
        sql("UPDATE profiles SET laughs_received = 99 WHERE user_id = ?", author.id());
        react(crowd.get(1), fail, "laugh");
        assertThat(badges(author)).contains("comedian", "class-clown", "humor-king")
                .doesNotContain("viral-laugh", "stand-up-master");
    }

    @Test
    void commentsWritten() throws Exception {
        Account author = Accounts.register(api);
        Account helper = Accounts.register(api);
        String fail = post(author, "Travail", "Un fail");
        for (int i = 0; i < 9; i++) {
            comment(helper, fail);
        }
        assertThat(badges(helper)).doesNotContain("community-helper");
        comment(helper, fail);
        assertThat(badges(helper)).contains("community-helper").doesNotContain("mentor");
        insertComments(helper.id(), fail, 89);
        comment(helper, fail);
        assertThat(badges(helper)).contains("mentor");
    }

    @Test
    void distinctReactorsWithAndWithoutTheAuthor() throws Exception {
        Account author = Accounts.register(api);
        String fail = post(author, "Travail", "Un fail");
        insertMarks(author.id(), "reactor:", 48);
        react(crowd.get(0), fail, "courage"); // 49 distinct
        assertThat(badges(author)).doesNotContain("socializer");
        react(author, fail, "courage"); // 50 with the author: socializer, not 50 others
        assertThat(badges(author)).contains("socializer");
        insertMarks(author.id(), "reactor:", 49); // 98 others
        react(crowd.get(0), fail, "courage"); // removed: nothing new
        react(crowd.get(0), fail, "laugh"); // the same reactor again
        assertThat(badges(author)).doesNotContain("inspiration");
        react(crowd.get(1), fail, "laugh"); // 99 others
        assertThat(badges(author)).doesNotContain("inspiration");
        react(crowd.get(2), fail, "laugh"); // 100 others
        assertThat(badges(author)).contains("inspiration");
    }

    @Test
    void categoriesAndCountries() throws Exception {
        Account a = Accounts.register(api);
        for (String category : new String[] {"Travail", "travail", "Amour", "Sport", "Cuisine", "Amour"}) {
            post(a, category, "Un fail");
        }
        assertThat(badges(a)).doesNotContain("all-categories"); // 4 distinct, the case aside
        post(a, "Voyage", "Un fail");
        assertThat(badges(a)).contains("all-categories");

        Account traveller = Accounts.register(api);
        String[] countries = {"FR", "BE", "CH", "DE", "ES", "IT", "PT", "NL", "LU", "FR"};
        for (String country : countries) {
            postFrom(traveller, country);
        }
        assertThat(badges(traveller)).doesNotContain("globetrotter"); // 9 distinct
        postFrom(traveller, "CA");
        assertThat(badges(traveller)).contains("globetrotter");
    }

    @Test
    void monthsDaysAndRunsOfDays() throws Exception {
        Account a = Accounts.register(api);
        for (String day : new String[] {"2026-03-04", "2026-04-30", "2026-05-01", "2026-06-15", "2026-07-02"}) {
            at(day);
            post(a, "Travail", "Un fail");
            post(a, "Travail", "Le même jour");
        }
        assertThat(badges(a)).doesNotContain("community-pillar");
        postOn(a, "2026-08-20");
        assertThat(badges(a)).contains("community-pillar");
        assertThat(progress(a, "fail_days")).isEqualTo(6);

        Account runner = Accounts.register(api);
        for (String day : new String[] {"2026-09-01", "2026-09-02", "2026-09-03", "2026-09-05", "2026-09-06",
                "2026-09-07", "2026-09-08"}) {
            at(day);
            post(runner, "Travail", "Un fail");
        }
        assertThat(badges(runner)).doesNotContain("never-give-up"); // runs of 3 and 4 days
        postOn(runner, "2026-09-09");
        assertThat(badges(runner)).contains("never-give-up"); // 5 days in a row

        sql("UPDATE user_badge_progress SET fail_days = 98 WHERE user_id = ?", runner.id());
        postOn(runner, "2026-09-10"); // 99 days
        assertThat(badges(runner)).doesNotContain("unbreakable");
        postOn(runner, "2026-09-20");
        assertThat(badges(runner)).contains("unbreakable");
    }

    @Test
    void weekendsHolidaysAndNewYear() throws Exception {
        Account a = Accounts.register(api);
        sql("INSERT INTO user_badge_progress (user_id, weekend_fails, holiday_fails) VALUES (?, 49, 4)", a.id());
        postOn(a, "2026-07-13"); // a Monday, not a holiday
        assertThat(badges(a)).doesNotContain("weekend-warrior", "holiday-spirit", "new-year-resolution");
        postOn(a, "2026-07-14"); // Tuesday, 14 July
        assertThat(badges(a)).contains("holiday-spirit").doesNotContain("weekend-warrior");
        postOn(a, "2026-07-18"); // Saturday
        assertThat(badges(a)).contains("weekend-warrior");

        Account b = Accounts.register(api);
        postOn(b, "2027-01-02");
        assertThat(badges(b)).doesNotContain("new-year-resolution");
        postOn(b, "2028-01-01");
        assertThat(badges(b)).contains("new-year-resolution");
    }

    @Test
    void gapsBetweenFails() throws Exception {
        Account a = Accounts.register(api);
        postOn(a, "2026-03-01");
        postOn(a, "2026-03-31"); // 30 days later: not more than 30
        assertThat(badges(a)).doesNotContain("bounce-back", "comeback-king");
        postOn(a, "2026-05-01"); // 31 days later
        assertThat(badges(a)).contains("bounce-back", "comeback-king").doesNotContain("phoenix");
        sql("UPDATE user_badge_progress SET gaps_over_90_days = 9 WHERE user_id = ?", a.id());
        postOn(a, "2026-07-30"); // 90 days later
        assertThat(badges(a)).doesNotContain("phoenix");
        postOn(a, "2026-10-29"); // 91 days later
        assertThat(badges(a)).contains("phoenix");
    }

    @Test
    void resilienceWords() throws Exception {
        Account a = Accounts.register(api);
        sql("INSERT INTO user_badge_progress (user_id, resilience_fails) VALUES (?, 8)", a.id());
        post(a, "Travail", "Rien de spécial");
        post(a, "Travail", "J'ai réessayé MALGRÉ tout"); // 9
        assertThat(badges(a)).doesNotContain("iron-will");
        post(a, "professional", "Sans mot clé"); // 10: the category counts too
        assertThat(badges(a)).contains("iron-will");
    }

    @Test
    void funnyFailsAndPopularDiscussions() throws Exception {
        Account author = Accounts.register(api);
        String fail = post(author, "Travail", "Un fail");
        insertMarks(author.id(), "funny:", 49);
        for (int i = 0; i < 4; i++) {
            react(crowd.get(i), fail, "laugh");
        }
        assertThat(badges(author)).doesNotContain("mood-lifter"); // 4 laughs: not funny yet
        react(crowd.get(4), fail, "laugh");
        assertThat(badges(author)).contains("mood-lifter");

        insertMarks(author.id(), "discussion:", 24);
        sql("UPDATE fails SET comments_count = 23 WHERE id = ?", fail);
        comment(crowd.get(0), fail); // 24 comments
        assertThat(badges(author)).doesNotContain("discussion-starter");
        comment(crowd.get(1), fail); // 25
        assertThat(badges(author)).contains("discussion-starter");
    }

    @Test
    void rankBetaAndAnniversary() throws Exception {
        Account a = Accounts.register(api);
        assertThat(checkUnlock(a)).doesNotContain("early-adopter"); // no points, no rank
        // 1,000 members with more points than a will have.
        insertRichMembers(1000, 1_000_000);
        post(a, "Travail", "Un fail");
        assertThat(badges(a)).doesNotContain("early-adopter"); // rank 1,001 at best
        // Above every member of the other tests, below the 1,000.
        sql("UPDATE user_points SET points_total = 500000 WHERE user_id = ?", a.id());
        assertThat(checkUnlock(a)).doesNotContain("early-adopter"); // rank 1,001
        sql("DELETE FROM users WHERE email LIKE 'rich-%' LIMIT 1");
        assertThat(checkUnlock(a)).contains("early-adopter"); // rank 1,000
        sql("DELETE FROM users WHERE email LIKE 'rich-%'");

        Account early = Accounts.register(api);
        assertThat(checkUnlock(early)).doesNotContain("beta-tester");
        sql("UPDATE users SET created_at = '2024-12-31 23:59:59.000' WHERE id = ?", early.id());
        post(early, "Travail", "Un fail");
        assertThat(badges(early)).contains("beta-tester");

        Account fan = Accounts.register(api);
        postOn(fan, "2026-09-10");
        assertThat(badges(fan)).doesNotContain("birthday-badge");
        at("2026-09-11");
        comment(fan, post(fan, "Travail", "Un fail"));
        assertThat(badges(fan)).contains("birthday-badge");
    }

    @Test
    void loginDaysAndStreaks() throws Exception {
        Account a = Accounts.register(api);
        at("2026-03-01");
        login(a);
        at("2026-03-02");
        login(a);
        login(a);
        assertThat(badges(a)).doesNotContain("daily-streak-3");
        at("2026-03-03");
        login(a);
        assertThat(badges(a)).contains("daily-streak-3").doesNotContain("daily-streak-7", "active-member");
        sql("UPDATE user_badge_progress SET login_days = 98 WHERE user_id = ?", a.id());
        at("2026-03-10");
        login(a); // 99 days
        assertThat(badges(a)).doesNotContain("active-member");
        at("2026-03-11");
        login(a);
        assertThat(badges(a)).contains("active-member");
    }

    @Test
    void typesWithoutAnEvaluatorNeverUnlock() throws Exception {
        Account a = Accounts.register(api);
        at("2026-03-05");
        String fail = post(a, "Travail", "Un fail encore");
        CLOCK.set("2026-03-05T00:30:00Z"); // after midnight
        post(a, "Travail", "Un fail après minuit");
        comment(a, fail);
        react(a, fail, "support");
        react(crowd.get(0), fail, "laugh");
        assertThat(api.put("/api/auth/profile", a.token(), Map.of("bio", "Ma bio")).status()).isEqualTo(200);
        sql("UPDATE profiles SET avatar_url = '/uploads/avatars/x.png' WHERE user_id = ?", a.id());
        sql("UPDATE user_badge_progress SET resilience_fails = 50 WHERE user_id = ?", a.id());
        assertThat(checkUnlock(a)).containsExactly("iron-will"); // the full check runs every rule that has one
        // features_used: 8 of the original's 10 checks can be true here (no push token, no username), as there.
        assertThat(badges(a)).doesNotContain("life-coach", "survivor", "midnight-warrior", "resilience-rookie",
                "resilience-champion", "trend-setter", "power-user");
    }

    @Test
    void checkUnlockAnswersTheNewBadgesAsDefinitionRows() throws Exception {
        Account a = Accounts.register(api);
        post(a, "Travail", "Un fail");
        sql("DELETE FROM user_badges WHERE user_id = ?", a.id());
        Response r = api.post("/api/badges/check-unlock/" + a.id(), crowd.get(0).token(), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("success").asBoolean()).isTrue();
        assertThat(r.json().path("message").asText()).isNotBlank();
        JsonNode row = find(r.json().path("newBadges"), "first-fail");
        assertThat(row.path("requirement_type").asText()).isEqualTo("fail_count");
        assertThat(row.path("requirement_value").asInt()).isEqualTo(1);
        assertThat(row.path("name").asText()).isEqualTo("Premier Pas");
        Response again = api.post("/api/badges/check-unlock/" + a.id(), a.token(), Map.of());
        assertThat(again.json().path("newBadges").size()).isZero();
        assertThat(api.post("/api/badges/check-unlock/" + a.id(), null, Map.of()).code()).isEqualTo("NO_TOKEN");
        Response unknown = api.post("/api/badges/check-unlock/" + UUID.randomUUID(), a.token(), Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("USER_NOT_FOUND");
    }

    // --- helpers

    private static void at(String day) {
        CLOCK.set(day + "T12:00:00Z");
    }

    /** A post on {@code day} (the backend's clock set to its noon, UTC). */
    private static String postOn(Account a, String day) {
        at(day);
        return post(a, "Travail", "Un fail");
    }

    private static String post(Account a, String category, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Fail " + System.nanoTime());
        body.put("description", description);
        body.put("category", category);
        Response r = api.post("/api/fails", a.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("fail").path("id").asText();
    }

    /** A post through a proxy that tells the country (the header the original read). */
    private static void postFrom(Account a, String country) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port() + "/api/fails"))
                .header("Authorization", "Bearer " + a.token()).header("Content-Type", "application/json")
                .header("x-country-code", country)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Fail " + System.nanoTime() + "\"}")).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static void react(Account who, String failId, String type) {
        Response r = api.post("/api/fails/" + failId + "/reactions", who.token(), Map.of("reactionType", type));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static void comment(Account who, String failId) {
        Response r = api.post("/api/fails/" + failId + "/comments", who.token(), Map.of("content", "Courage !"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static void login(Account a) {
        Response r = api.post("/api/auth/login", null, Map.of("email", a.email(), "password", a.password()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static Set<String> badges(Account a) {
        Response r = api.get("/api/users/me/badges", a.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new TreeSet<>(r.json().path("badges").findValuesAsText("id"));
    }

    private static List<String> checkUnlock(Account a) {
        Response r = api.post("/api/badges/check-unlock/" + a.id(), a.token(), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("newBadges").findValuesAsText("id");
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (id.equals(n.path("id").asText())) {
                return n;
            }
        }
        throw new AssertionError(id + " not in " + list);
    }

    private static void sql(String sql, Object... params) throws Exception {
        try (PreparedStatement st = root.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }

    private static long profileFigure(Account a, String column) throws Exception {
        return single("SELECT " + column + " FROM profiles WHERE user_id = ?", a.id());
    }

    private static long progress(Account a, String column) throws Exception {
        return single("SELECT " + column + " FROM user_badge_progress WHERE user_id = ?", a.id());
    }

    private static long single(String sql, String id) throws Exception {
        try (PreparedStatement st = root.prepareStatement(sql)) {
            st.setString(1, id);
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    /** {@code n} reactions of {@code type} by {@code reactor}, each on a new fail of {@code author}. */
    private static void insertReactions(String reactor, String author, String type, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            String fail = UUID.randomUUID().toString();
            sql("INSERT INTO fails (id, user_id, title, description, created_at, updated_at) "
                    + "VALUES (?, ?, 'seeded', '', NOW(3), NOW(3))", fail, author);
            sql("INSERT INTO reactions (id, fail_id, user_id, reaction_type, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, NOW(3), NOW(3))", UUID.randomUUID().toString(), fail, reactor, type);
        }
    }

    private static void insertComments(String user, String fail, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            sql("INSERT INTO comments (id, fail_id, user_id, content, created_at, updated_at) "
                    + "VALUES (?, ?, ?, 'seeded', NOW(3), NOW(3))", UUID.randomUUID().toString(), fail, user);
        }
    }

    private static void insertMarks(String user, String prefix, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            sql("INSERT INTO user_badge_marks (user_id, mark) VALUES (?, ?)", user, prefix + UUID.randomUUID());
        }
    }

    private static void insertRichMembers(int n, int points) throws Exception {
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            sql("INSERT INTO users (id, email, password_hash, created_at, updated_at) "
                    + "VALUES (?, ?, 'x', NOW(3), NOW(3))", id, "rich-" + id + "@example.test");
            sql("INSERT INTO user_points (user_id, points_total, created_at, updated_at) VALUES (?, ?, NOW(3), NOW(3))",
                    id, points);
        }
    }
}
