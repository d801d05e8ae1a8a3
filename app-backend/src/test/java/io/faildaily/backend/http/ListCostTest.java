package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient;
import io.faildaily.backend.testing.FeedSeed;
import io.faildaily.backend.testing.MariaDbExtension;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.ServerCounters;
import io.faildaily.backend.testing.ServerCounters.Cost;
import io.faildaily.backend.testing.TestBackend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14: every list route (the staff's included) reads O(offset + limit) rows whatever the table size and the number of authors, held
 * with the database server's own counters (not a timing): at 10,000 fails by one author and by 1,000 authors, one
 * request reads at most {@value #ROWS_PER_LISTED} times (offset + limit) rows plus {@value #SLACK}, makes no
 * temporary table, sorts no row and joins nothing without an index, on page 1 and at offset 200.
 */
@ExtendWith(MariaDbExtension.class)
class ListCostTest {
    static final int FAILS = 10_000;
    static final int READERS = 1_000;
    static final int COMMENTS = 1_000;
    /** A listed row costs an index entry, its row by primary key, its author and "my reaction": 4 reads at most. */
    static final int ROWS_PER_LISTED = 4;
    /** The fail's own row, the viewer (when its cache entry expired), a hidden row skipped here and there. */
    static final int SLACK = 30;

    record Case(String path, String token, long offsetPlusLimit) {}

    @ParameterizedTest(name = "10,000 fails by {0} author(s)")
    @ValueSource(ints = {1, 1000})
    void everyListRouteReadsOffsetPlusLimitRows(int authors, MariaDbServer db) throws Exception {
        try (TestBackend backend = TestBackend.start(db);
             Connection root = DriverManager.getConnection(db.jdbcUrl(backend.databaseName()), db.user(), db.password())) {
            ApiClient api = backend.api;
            Account author = Accounts.register(api);
            Account reader = Accounts.register(api);
            // First the fail lists on a table of fails alone, as a new installation has it (one author: two
            // profiles, where a plan left to statistics scans and sorts), then comments and reactions.
            FeedSeed.users(root, FeedSeed.AUTHORS, 1, authors);
            FeedSeed.fails(root, 0, FAILS, author.id(), authors);
            FeedSeed.analyze(root);
            List<Case> failLists = new ArrayList<>();
            for (String feed : List.of("/api/fails", "/api/fails/anonymes", "/api/fails/public")) {
                failLists.add(new Case(feed + "?limit=20", reader.token(), 20));
                failLists.add(new Case(feed + "?limit=20&offset=200", reader.token(), 220));
            }
            failLists.add(new Case("/api/fails?page=11&limit=20", reader.token(), 220));
            for (Account viewer : List.of(author, reader)) { // the author sees their anonymous fails, others not
                failLists.add(new Case("/api/users/" + author.id() + "/fails?limit=20", viewer.token(), 20));
                failLists.add(new Case("/api/users/" + author.id() + "/fails?limit=20&offset=200", viewer.token(), 220));
            }
            ServerCounters counters = new ServerCounters(root);
            SoftAssertions soft = new SoftAssertions();
            measure(authors, api, counters, failLists, soft);

            String newest = FeedSeed.newestVisibleFail(root);
            FeedSeed.users(root, FeedSeed.READERS, 0, READERS);
            FeedSeed.comments(root, newest, COMMENTS, READERS);
            FeedSeed.reactions(root, newest, READERS);
            FeedSeed.analyze(root);
            // The staff's lists: reports spread over every fail and comment (the counters the queue walks), the
            // seeded hidden fails (every 10th), the accounts.
            Account staff = Accounts.register(api);
            try (var st = root.createStatement()) {
                st.executeUpdate("UPDATE users SET role = 'moderator' WHERE id = '" + staff.id() + "'");
                st.executeUpdate("UPDATE fails SET reports_count = 1 + CRC32(id) MOD 5");
                st.executeUpdate("UPDATE comments SET reports_count = 1 + CRC32(id) MOD 5");
            }
            FeedSeed.analyze(root);
            measure(authors, api, counters, List.of(
                    new Case("/api/fails/" + newest + "/comments?limit=20&page=1", reader.token(), 20),
                    new Case("/api/fails/" + newest + "/comments?limit=20&page=11", reader.token(), 220),
                    new Case("/api/fails/" + newest + "/reactions", reader.token(), 100),
                    new Case("/api/fails?limit=20&offset=200", reader.token(), 220),
                    new Case("/api/admin/fails/reported?threshold=1&limit=20", staff.token(), 20),
                    new Case("/api/admin/fails/reported?threshold=3&limit=20&offset=200", staff.token(), 220),
                    new Case("/api/admin/comments/reported?limit=20", staff.token(), 20),
                    new Case("/api/admin/fails/by-status?status=hidden", staff.token(), 500),
                    new Case("/api/admin/users?limit=20", staff.token(), 20),
                    new Case("/api/admin/users?limit=20&offset=200", staff.token(), 220)), soft);

            // The log lists over one entry per fail (10,000 in the last 6 days; every 10th a warning), by the fails' authors.
            Account admin = Accounts.register(api);
            try (var st = root.createStatement()) {
                st.executeUpdate("UPDATE users SET role = 'admin' WHERE id = '" + admin.id() + "'");
                st.executeUpdate("INSERT INTO system_logs (id, level, message, action, details, user_id, created_at) "
                        + "SELECT UUID(), IF(CRC32(id) MOD 10 = 0, 'warning', 'info'), 'Fail créé', "
                        + "IF(CRC32(id) MOD 3 = 0, 'fail_create', 'reaction_add'), CONCAT('{\"failId\":\"', id, '\"}'), "
                        + "user_id, UTC_TIMESTAMP(3) - INTERVAL (CRC32(id) MOD 500000) SECOND FROM fails");
            }
            FeedSeed.analyze(root);
            measure(authors, api, counters, List.of(
                    new Case("/api/admin/logs/list?limit=20", admin.token(), 20),
                    new Case("/api/admin/logs/list?limit=20&offset=200", admin.token(), 220),
                    new Case("/api/admin/logs/list?limit=20&action=fail_create", admin.token(), 20),
                    new Case("/api/admin/logs/list?limit=20&level=warning&offset=200", admin.token(), 220),
                    new Case("/api/admin/logs/list?limit=20&userId=" + author.id(), admin.token(), 20),
                    new Case("/api/logs/system?limit=20", admin.token(), 20),
                    new Case("/api/admin/logs/by-type?limit=20&periodHours=168", admin.token(), 100)), soft);
            soft.assertAll();

            // The pages are the right rows: the feed starts at the newest visible fail, page 11 of the comments is
            // full, the reader's view of the author's list has no anonymous fail and no e-mail.
            assertThat(api.get("/api/fails?limit=20", reader.token()).json().path("fails").get(0).path("id").asText())
                    .isEqualTo(newest);
            assertThat(api.get("/api/fails/" + newest + "/comments?limit=20&page=11", reader.token()).json()
                    .path("data").path("comments")).hasSize(20);
            var othersView = api.get("/api/users/" + author.id() + "/fails?limit=100", reader.token()).json().path("fails");
            assertThat(othersView).isNotEmpty().allSatisfy(f -> {
                assertThat(f.path("is_anonyme").asInt()).isZero();
                assertThat(f.has("email")).isFalse();
            });
        }
    }

    /** One request of each case, measured; soft assertions, so one run shows every route over its bound. */
    private static void measure(int authors, ApiClient api, ServerCounters counters, List<Case> cases,
                                SoftAssertions soft) throws Exception {
        for (Case c : cases) {
            ApiClient.Response warm = api.get(c.path(), c.token()); // prepared statements, the viewer's cache entry
            if (warm.status() != 200) {
                soft.fail("GET " + c.path() + " answered " + warm.status() + ": " + warm.body());
                continue;
            }
            Cost cost = counters.measure(() -> assertThat(api.get(c.path(), c.token()).status()).isEqualTo(200));
            System.out.printf("%d author(s) %-90s %s%n", authors, c.path(), cost);
            String what = authors + " author(s), GET " + c.path() + ": " + cost;
            soft.assertThat(cost.rowsRead()).as(what).isLessThanOrEqualTo(ROWS_PER_LISTED * c.offsetPlusLimit() + SLACK);
            soft.assertThat(cost.get("Created_tmp_tables")).as(what).isZero();
            soft.assertThat(cost.get("Created_tmp_disk_tables")).as(what).isZero();
            soft.assertThat(cost.get("Sort_rows")).as(what).isZero();
            soft.assertThat(cost.get("Select_full_join")).as(what).isZero();
        }
    }
}
