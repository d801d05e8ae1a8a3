package io.faildaily.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Registers adult users through the API and remembers their token and id. */
public final class Accounts {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Accounts() {}

    public record Account(String id, String email, String displayName, String password, String token) {}

    public static Account register(ApiClient api) {
        int n = SEQ.incrementAndGet();
        return register(api, "user" + n + "-" + System.nanoTime() + "@example.test", "User " + n + " " + System.nanoTime() % 100000);
    }

    public static Account register(ApiClient api, String email, String displayName) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", "secret123");
        body.put("displayName", displayName);
        body.put("birthDate", "1990-05-17");
        body.put("agreeToTerms", true);
        ApiClient.Response r = api.post("/api/auth/register", null, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Account(r.json().path("user").path("id").asText(), email.toLowerCase(), displayName, "secret123",
                r.json().path("token").asText());
    }

    /** Gives {@code account} a role in the database (as an administrator's SQL would); before its first request. */
    public static Account withRole(MariaDbServer db, String database, Account account, String role) {
        try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(database), db.user(), db.password());
             var st = c.prepareStatement("UPDATE users SET role = ? WHERE id = ?")) {
            st.setString(1, role);
            st.setString(2, account.id());
            assertThat(st.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return account;
    }

    public static Map<String, Object> fail(String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "Description of " + title);
        body.put("category", "Travail");
        return body;
    }
}
