package io.faildaily.backend.bench;

import io.faildaily.backend.BackendApp;
import io.faildaily.backend.config.AppConfig;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient;
import io.faildaily.backend.testing.FeedSeed;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.ServerCounters;
import io.faildaily.backend.testing.TestBackend;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmarked FailDaily: its own database seeded to a size (FeedSeed: every 10th fail hidden, every 7th
 * anonymous, one fail with 1,000 comments and 1,000 reactions), its own backend in this JVM, the 16 load users'
 * tokens, and what the routes address (the discussed fail, the newest visible fails).
 */
record Installation(int size, BackendApp app, Connection root, ApiClient api, List<String> tokens, Account author,
                    String discussed, List<String> targets, ServerCounters counters) implements AutoCloseable {
    static final int LOAD_USERS = 16;
    static final int READERS = 1_000;
    /** Fails the single-fail routes (read, react) spread over: the newest visible ones. */
    static final int TARGET_FAILS = 1_000;

    static Installation seed(MariaDbServer db, int authors, int size) throws Exception {
        String database = "faildaily_bench_" + authors + "_" + size;
        db.createDatabase(database);
        BackendApp app = BackendApp.start(AppConfig.from(TestBackend.environment(db, database,
                Files.createTempDirectory("faildaily-bench-"))));
        Connection root = DriverManager.getConnection(db.jdbcUrl(database), db.user(), db.password());
        ApiClient api = new ApiClient(app.port());
        List<Account> users = new ArrayList<>();
        for (int i = 0; i < LOAD_USERS; i++) {
            users.add(Accounts.register(api, "bench" + i + "@example.test", "Bench " + i));
        }
        Account author = users.get(0);
        FeedSeed.users(root, FeedSeed.AUTHORS, 1, authors);
        FeedSeed.users(root, FeedSeed.READERS, 0, READERS);
        FeedSeed.fails(root, 0, size, author.id(), authors);
        String discussed = FeedSeed.newestVisibleFail(root);
        FeedSeed.comments(root, discussed, 1_000, READERS);
        FeedSeed.reactions(root, discussed, READERS);
        FeedSeed.analyze(root);
        return new Installation(size, app, root, api, users.stream().map(Account::token).toList(), author, discussed,
                newestVisible(root, TARGET_FAILS), new ServerCounters(root));
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    String script(BackendBenchmark.Route route) {
        return WrkScript.of(route.method(), route.paths(), tokens, route.body());
    }

    private static List<String> newestVisible(Connection c, int n) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (var st = c.prepareStatement("SELECT id FROM fails WHERE moderation_status IS NULL "
                + "ORDER BY created_at DESC, id DESC LIMIT ?")) {
            st.setInt(1, n);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    @Override
    public void close() throws SQLException {
        app.close();
        root.close();
    }
}
