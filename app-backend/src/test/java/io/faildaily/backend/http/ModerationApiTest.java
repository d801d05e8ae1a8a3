package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.MariaDbServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Moderation end to end (E6, E7, E18-E27): members report, the configured number of reporters hides, the staff
 * see every hidden or reported item in their queue and decide, and every count derived from visibility follows.
 * The settings are changed by the tests that need them and put back after.
 */
class ModerationApiTest extends BackendTestBase {
    private static MariaDbServer db;
    private static Account moderator;

    @BeforeAll
    static void staff(MariaDbServer server) throws Exception {
        db = server;
        moderator = withRole(Accounts.register(api), "moderator");
    }

    @Test
    void threeMembersReportsHideAFailAndItWaitsInTheQueue() {
        Account author = Accounts.register(api);
        String fail = post(author, "Signalé trois fois");
        Account first = Accounts.register(api);
        JsonNode r1 = report(first, fail).json();
        assertThat(r1.path("reports").asInt()).isEqualTo(1);
        assertThat(r1.path("threshold").asInt()).isEqualTo(3);
        assertThat(r1.path("autoHidden").asBoolean()).isFalse();
        assertThat(report(first, fail).json().path("reports").asInt()).as("a second report by the same member").isEqualTo(1);
        report(Accounts.register(api), fail);
        JsonNode r3 = report(Accounts.register(api), fail).json();
        assertThat(r3.path("reports").asInt()).isEqualTo(3);
        assertThat(r3.path("autoHidden").asBoolean()).isTrue();

        assertThat(feedIds(first)).doesNotContain(fail);
        assertThat(api.get("/api/fails/" + fail, first.token()).status()).isEqualTo(404);
        JsonNode queue = staffGet("/api/admin/fails/reported?threshold=1").json();
        JsonNode item = find(queue.path("items"), "fail_id", fail);
        assertThat(item.path("reports").asInt()).isEqualTo(3);
        assertThat(item.path("moderation_status").asText()).isEqualTo("hidden");
        assertThat(item.path("display_name").asText()).isEqualTo(author.displayName());
        assertThat(find(staffGet("/api/admin/fails/by-status?status=HIDDEN").json().path("items"), "fail_id", fail))
                .isNotNull();

        // A moderator brings it back; an approval sticks: the next reports do not hide it again.
        assertThat(staffPut("/api/admin/fails/" + fail + "/moderation", Map.of("status", "approved")).status()).isEqualTo(200);
        assertThat(feedIds(first)).contains(fail);
        report(Accounts.register(api), fail);
        assertThat(feedIds(first)).contains(fail);
        assertThat(find(staffGet("/api/admin/fails/reported?threshold=1").json().path("items"), "fail_id", fail)).isNull();
        assertThat(find(staffGet("/api/admin/fails/by-status?status=approved").json().path("items"), "fail_id", fail))
                .isNotNull();
    }

    @Test
    void thresholdsComeFromTheSettingsAModeratorChanges() throws Exception {
        try {
            JsonNode config = staffPut("/api/admin/moderation/config", Map.of("failReportThreshold", 2,
                    "commentReportThreshold", -4, "panelAutoRefreshSec", 1)).json().path("config");
            assertThat(config.path("failReportThreshold").asInt()).isEqualTo(2);
            assertThat(config.path("commentReportThreshold").asInt()).as("not a positive number: 1").isEqualTo(1);
            assertThat(config.path("panelAutoRefreshSec").asInt()).as("at least 5 s").isEqualTo(5);
            assertThat(staffGet("/api/admin/moderation/config").json().path("config")).isEqualTo(config);
            Map<String, Object> onlyOne = new HashMap<>();
            onlyOne.put("panelAutoRefreshSec", "soon");
            JsonNode kept = staffPut("/api/admin/moderation/config", onlyOne).json().path("config");
            assertThat(kept.path("failReportThreshold").asInt()).as("fields not sent are kept").isEqualTo(2);
            assertThat(kept.path("panelAutoRefreshSec").asInt()).as("not a number: 20").isEqualTo(20);

            String fail = post(Accounts.register(api), "Deux suffisent");
            report(Accounts.register(api), fail);
            JsonNode second = report(Accounts.register(api), fail).json();
            assertThat(second.path("autoHidden").asBoolean()).isTrue();
            assertThat(second.path("threshold").asInt()).isEqualTo(2);
        } finally {
            staffPut("/api/admin/moderation/config", Map.of("failReportThreshold", 3, "commentReportThreshold", 3,
                    "panelAutoRefreshSec", 20));
        }
    }

    @Test
    void aHiddenCommentLeavesItsListAndCountsAndComesBackWhenApproved() {
        Account author = Accounts.register(api);
        Account commenter = Accounts.register(api);
        String fail = post(author, "Commenté");
        String kept = comment(commenter, fail, "Courage !");
        String reported = comment(commenter, fail, "Message déplacé");
        assertThat(commentsCount(fail)).isEqualTo(2);

        for (int i = 0; i < 3; i++) {
            Response r = api.post("/api/fails/" + fail + "/comments/" + reported + "/report",
                    Accounts.register(api).token(), Map.of("reason", "spam"));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("reports").asInt()).isEqualTo(i + 1);
        }
        JsonNode page = api.get("/api/fails/" + fail + "/comments", author.token()).json().path("data");
        assertThat(ids(page.path("comments"))).containsExactly(kept);
        assertThat(page.path("pagination").path("total").asInt()).isEqualTo(1);
        assertThat(commentsCount(fail)).as("the feed card's counter").isEqualTo(1);
        JsonNode queued = find(staffGet("/api/admin/comments/reported").json().path("items"), "comment_id", reported);
        assertThat(queued.path("reports").asInt()).isEqualTo(3);
        assertThat(queued.path("content").asText()).isEqualTo("Message déplacé");
        assertThat(queued.path("moderation_status").asText()).isEqualTo("hidden");

        Response approved = staffPut("/api/admin/comments/" + reported + "/moderation", Map.of("status", "approved"));
        assertThat(approved.json().path("status").asText()).isEqualTo("approved");
        assertThat(ids(api.get("/api/fails/" + fail + "/comments", author.token()).json().path("data")
                .path("comments"))).containsExactly(kept, reported);
        assertThat(commentsCount(fail)).isEqualTo(2);
        assertThat(find(staffGet("/api/admin/comments/by-status?status=approved").json().path("items"), "comment_id",
                reported)).isNotNull();

        // Deleted by a moderator: gone, and the counter follows (the original left it one too high).
        Response deleted = api.post("/api/admin/comments/" + reported + "/moderate", moderator.token(),
                Map.of("action", "delete"));
        assertThat(deleted.json().path("action").asText()).isEqualTo("delete");
        assertThat(commentsCount(fail)).isEqualTo(1);
        // The author deletes their listed comment: the counter follows.
        assertThat(api.delete("/api/fails/" + fail + "/comments/" + kept, commenter.token()).status()).isEqualTo(200);
        assertThat(commentsCount(fail)).isZero();
    }

    @Test
    void aModeratorsDecisionsOnAFail() {
        Account author = Accounts.register(api);
        Account reader = Accounts.register(api);
        String fail = post(author, "À modérer");
        assertThat(moderate(fail, "hide").json().path("action").asText()).isEqualTo("hide");
        assertThat(feedIds(reader)).doesNotContain(fail);
        assertThat(api.get("/api/fails/" + fail, author.token()).json().path("fail").path("is_anonyme").asBoolean())
                .as("hiding does not make the fail anonymous").isFalse();
        moderate(fail, "under_review");
        assertThat(feedIds(reader)).as("under review stays in the feed, as the original").contains(fail);
        moderate(fail, "approve");
        assertThat(feedIds(reader)).contains(fail);
        long before = totalFails(author);
        moderate(fail, "delete");
        assertThat(api.get("/api/fails/" + fail, author.token()).status()).isEqualTo(404);
        assertThat(totalFails(author)).isEqualTo(before - 1);

        assertCode(api.post("/api/admin/fails/" + fail + "/moderate", moderator.token(), Map.of("action", "hide")), 404,
                "FAIL_NOT_FOUND");
        String other = post(author, "Autre");
        assertCode(api.post("/api/admin/fails/" + other + "/moderate", moderator.token(), Map.of()), 400, "MISSING_ACTION");
        assertCode(api.post("/api/admin/fails/" + other + "/moderate", moderator.token(), Map.of("action", "burn")), 400,
                "INVALID_ACTION");
        assertCode(staffPut("/api/admin/fails/" + other + "/moderation", Map.of("status", "gone")), 400, "INVALID_STATUS");
        assertCode(staffPut("/api/admin/fails/00000000-0000-4000-8000-000000000000/moderation",
                Map.of("status", "hidden")), 404, "FAIL_NOT_FOUND");
        assertCode(staffGet("/api/admin/fails/by-status?status=rejected"), 400, "INVALID_STATUS");
        assertCode(staffPut("/api/admin/comments/short/moderation", Map.of("status", "hidden")), 400, "INVALID_ID");
        assertCode(staffPut("/api/admin/comments/00000000-0000-4000-8000-000000000000/moderation",
                Map.of("status", "hidden")), 404, "COMMENT_NOT_FOUND");
        assertCode(api.post("/api/fails/" + other + "/comments/00000000-0000-4000-8000-000000000000/report",
                author.token(), Map.of()), 404, "COMMENT_NOT_FOUND");
    }

    @Test
    void onlyStaffReachTheStaffRoutes() throws Exception {
        Account member = Accounts.register(api);
        Account admin = withRole(Accounts.register(api), "ADMIN");
        List<String[]> routes = List.of(new String[] {"GET", "/api/admin/moderation/config"},
                new String[] {"PUT", "/api/admin/moderation/config"},
                new String[] {"GET", "/api/admin/fails/reported"}, new String[] {"GET", "/api/admin/comments/reported"},
                new String[] {"GET", "/api/admin/fails/by-status?status=hidden"},
                new String[] {"GET", "/api/admin/comments/by-status?status=hidden"},
                new String[] {"PUT", "/api/admin/fails/00000000-0000-4000-8000-000000000000/moderation"},
                new String[] {"PUT", "/api/admin/comments/00000000-0000-4000-8000-000000000000/moderation"},
                new String[] {"POST", "/api/admin/fails/00000000-0000-4000-8000-000000000000/moderate"},
                new String[] {"POST", "/api/admin/comments/00000000-0000-4000-8000-000000000000/moderate"});
        for (String[] route : routes) {
            assertCode(send(route, member.token()), 403, "ADMIN_REQUIRED");
            assertCode(send(route, null), 401, "NO_TOKEN");
            assertThat(send(route, admin.token()).status()).as(route[1]).isNotIn(401, 403);
            assertThat(send(route, moderator.token()).status()).as(route[1]).isNotIn(401, 403);
        }
    }

    private static Response send(String[] route, String token) {
        return switch (route[0]) {
            case "GET" -> api.get(route[1], token);
            case "PUT" -> api.put(route[1], token, Map.of());
            default -> api.post(route[1], token, Map.of());
        };
    }

    private static Account withRole(Account account, String role) {
        return Accounts.withRole(db, backend.databaseName(), account, role);
    }

    private static String post(Account author, String title) {
        Response r = api.post("/api/fails", author.token(), Accounts.fail(title + " " + System.nanoTime()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("fail").path("id").asText();
    }

    private static String comment(Account who, String fail, String text) {
        Response r = api.post("/api/fails/" + fail + "/comments", who.token(), Map.of("content", text));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("data").path("id").asText();
    }

    private static Response report(Account who, String fail) {
        Response r = api.post("/api/fails/" + fail + "/report", who.token(), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static Response moderate(String fail, String action) {
        Response r = api.post("/api/admin/fails/" + fail + "/moderate", moderator.token(), Map.of("action", action));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static Response staffGet(String path) {
        return api.get(path, moderator.token());
    }

    private static Response staffPut(String path, Map<String, Object> body) {
        return api.put(path, moderator.token(), body);
    }

    /** The top-level ids of a list (findValuesAsText would also find each author's). */
    private static List<String> ids(JsonNode items) {
        List<String> ids = new java.util.ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<String> feedIds(Account viewer) {
        return ids(api.get("/api/fails?limit=100", viewer.token()).json().path("fails"));
    }

    private static int commentsCount(String fail) {
        return api.get("/api/fails/" + fail, moderator.token()).json().path("fail").path("commentsCount").asInt();
    }

    private static long totalFails(Account author) {
        return api.get("/api/auth/profile", author.token()).json().path("user").path("stats").path("totalFails").asLong();
    }

    private static JsonNode find(JsonNode items, String key, String id) {
        for (JsonNode item : items) {
            if (id.equals(item.path(key).asText())) {
                return item;
            }
        }
        return null;
    }

    private static void assertCode(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
    }
}
