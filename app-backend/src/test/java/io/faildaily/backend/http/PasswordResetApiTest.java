package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.MariaDbExtension;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.SmtpServer;
import io.faildaily.backend.testing.TestBackend;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password reset by e-mail (E1, E2) through a real SMTP server: the mail arrives, its link resets the password
 * once, a used or expired link is refused, and a request answers the same whether or not the address has an
 * account.
 */
@ExtendWith(MariaDbExtension.class)
class PasswordResetApiTest {
    private static final String WEB_URL = "https://faildaily.test";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(WEB_URL) + "/reset-password\\?token=([0-9a-f]{64})");
    private static final long MAIL_WAIT_MS = 15_000;

    private static MariaDbServer db;
    private static SmtpServer smtp;
    private static TestBackend backend;
    private static ApiClient api;

    @BeforeAll
    static void start(MariaDbServer server) {
        db = server;
        smtp = SmtpServer.start();
        Map<String, String> env = new HashMap<>(smtp.environment());
        env.put("APP_WEB_URL", WEB_URL + "/");
        backend = TestBackend.start(db, env);
        api = backend.api;
    }

    @AfterAll
    static void stop() {
        backend.close();
        smtp.close();
    }

    @Test
    void aRequestAnswersTheSameWhetherOrNotTheAddressHasAnAccount() throws Exception {
        Account known = Accounts.register(api);
        String unknown = "nobody-" + System.nanoTime() + "@example.test";

        Response forUnknown = requestReset(unknown);
        Response forKnown = requestReset("  " + known.email().toUpperCase() + " ");

        assertThat(forKnown.status()).as(forKnown.body()).isEqualTo(200);
        assertThat(forUnknown.status()).isEqualTo(forKnown.status());
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
        assertThat(forKnown.json().path("success").asBoolean()).isTrue();
        // One mail thread handles requests in order: once the known address's mail is here, the unknown one's
        // request has been handled too, and it sent nothing.
        MimeMessage mail = mailTo(known.email());
        assertThat(smtp.mails().stream().filter(m -> recipients(m).contains(unknown)).toList()).isEmpty();
        assertThat(tokenRows(known.id())).isEqualTo(1);

        assertThat(mail.getSubject()).contains("mot de passe").contains("FailDaily");
        assertThat(mail.getFrom()[0].toString()).contains("no-reply@faildaily.test");
        List<String> parts = SmtpServer.textParts(mail);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).startsWith("text/plain").contains("1 heure");
        assertThat(parts.get(1)).startsWith("text/html").contains("1 heure");
        String token = token(mail);
        assertThat(parts).allSatisfy(p -> assertThat(p).contains(WEB_URL + "/reset-password?token=" + token));
    }

    @Test
    void theMailedLinkResetsThePasswordOnce() throws Exception {
        Account user = Accounts.register(api);
        requestReset(user.email());
        String token = token(mailTo(user.email()));

        Response confirmed = confirm(token, "nouveau-secret");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("success").asBoolean()).isTrue();
        assertThat(login(user.email(), "nouveau-secret").status()).isEqualTo(200);
        assertError(login(user.email(), user.password()), 401, "INVALID_CREDENTIALS");

        assertError(confirm(token, "encore-autre"), 400, "TOKEN_USED");
        assertThat(login(user.email(), "nouveau-secret").status()).isEqualTo(200);
    }

    @Test
    void anExpiredLinkIsRefusedAndChangesNothing() throws Exception {
        Account user = Accounts.register(api);
        requestReset(user.email());
        String token = token(mailTo(user.email()));
        try (Connection c = connect()) {
            c.createStatement().executeUpdate("UPDATE password_reset_tokens SET expires_at = "
                    + "TIMESTAMPADD(SECOND, -1, UTC_TIMESTAMP(3)) WHERE user_id = '" + user.id() + "'");
        }

        assertError(confirm(token, "nouveau-secret"), 400, "TOKEN_EXPIRED");
        assertThat(login(user.email(), user.password()).status()).isEqualTo(200);
    }

    @Test
    void usingOneLinkClosesTheOtherLinksOfTheAccount() throws Exception {
        Account user = Accounts.register(api);
        requestReset(user.email());
        String first = token(mailTo(user.email()));
        requestReset(user.email());
        String second = token(awaitMails(user.email(), 2).get(1));
        assertThat(second).isNotEqualTo(first);

        assertThat(confirm(second, "nouveau-secret").status()).isEqualTo(200);
        assertError(confirm(first, "autre-secret"), 400, "TOKEN_USED");
        assertThat(login(user.email(), "nouveau-secret").status()).isEqualTo(200);
    }

    @Test
    void theDatabaseKeepsNoTokenThatOpensAnAccount() throws Exception {
        Account user = Accounts.register(api);
        requestReset(user.email());
        String token = token(mailTo(user.email()));
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT token_hash FROM password_reset_tokens WHERE user_id = '" + user.id() + "'")) {
            assertThat(rs.next()).isTrue();
            String stored = rs.getString(1);
            assertThat(stored).hasSize(64).isNotEqualTo(token);
            assertError(confirm(stored, "nouveau-secret"), 400, "INVALID_TOKEN");
        }
    }

    @Test
    void eachBadRequestHasItsCode() {
        assertError(api.post("/api/auth/password-reset", null, Map.of()), 400, "MISSING_EMAIL");
        assertError(requestReset("   "), 400, "MISSING_EMAIL");
        assertError(api.post("/api/auth/password-reset/confirm", null, Map.of("token", "abc")), 400, "MISSING_FIELDS");
        assertError(api.post("/api/auth/password-reset/confirm", null, Map.of("newPassword", "secret123")), 400,
                "MISSING_FIELDS");
        String wellFormed = "0".repeat(64);
        assertError(confirm(wellFormed, "12345"), 400, "PASSWORD_TOO_SHORT");
        assertError(confirm(wellFormed, "x".repeat(73)), 400, "PASSWORD_TOO_LONG");
        assertError(confirm(wellFormed, "secret123"), 400, "INVALID_TOKEN");
        assertError(confirm("not even hex", "secret123"), 400, "INVALID_TOKEN");
    }

    @Test
    void aMailServerThatIsDownChangesNothingInTheAnswer(MariaDbServer server) throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (TestBackend offline = TestBackend.start(server, Map.of("SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(closedPort)))) {
            Account user = Accounts.register(offline.api);
            Response r = offline.api.post("/api/auth/password-reset", null, Map.of("email", user.email()));
            Response unknown = offline.api.post("/api/auth/password-reset", null,
                    Map.of("email", "nobody@example.test"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(unknown.body()).isEqualTo(r.body());
            // The link exists (an administrator could see that the mail failed in the log); the backend still serves.
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(offline.databaseName()), server.user(),
                    server.password())) {
                long deadline = System.currentTimeMillis() + MAIL_WAIT_MS;
                while (count(c, user.id()) == 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(count(c, user.id())).isEqualTo(1);
            }
            assertThat(login(offline.api, user.email(), user.password()).status()).isEqualTo(200);
        }
    }

    private static Response requestReset(String email) {
        return api.post("/api/auth/password-reset", null, Map.of("email", email));
    }

    private static Response confirm(String token, String password) {
        return api.post("/api/auth/password-reset/confirm", null, Map.of("token", token, "newPassword", password));
    }

    private static Response login(String email, String password) {
        return login(api, email, password);
    }

    private static Response login(ApiClient client, String email, String password) {
        return client.post("/api/auth/login", null, Map.of("email", email, "password", password));
    }

    private static void assertError(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
        assertThat(r.json().path("code").asText()).isEqualTo(code);
        assertThat(r.json().path("message").asText()).isNotBlank();
    }

    private static MimeMessage mailTo(String email) throws InterruptedException {
        return awaitMails(email, 1).get(0);
    }

    /** The mails to {@code email}, once there are {@code n} of them (fails after the wait). */
    private static List<MimeMessage> awaitMails(String email, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + MAIL_WAIT_MS;
        List<MimeMessage> mine;
        do {
            mine = smtp.mails().stream().filter(m -> recipients(m).contains(email)).toList();
            if (mine.size() >= n) {
                return mine;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("expected " + n + " mail(s) to " + email + " within " + MAIL_WAIT_MS + " ms, got "
                + mine.size());
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            Address[] to = m.getAllRecipients();
            return to == null ? List.of() : java.util.Arrays.stream(to).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of the one reset link in the mail's plain text. */
    private static String token(MimeMessage mail) {
        String text = SmtpServer.textParts(mail).get(0);
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        String token = m.group(1);
        assertThat(m.find()).as("one link only").isFalse();
        return token;
    }

    private static long tokenRows(String userId) throws SQLException {
        try (Connection c = connect()) {
            return count(c, userId);
        }
    }

    private static long count(Connection c, String userId) throws SQLException {
        try (var st = c.prepareStatement("SELECT COUNT(*) FROM password_reset_tokens WHERE user_id = ?")) {
            st.setString(1, userId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(backend.databaseName()), db.user(), db.password());
    }
}
