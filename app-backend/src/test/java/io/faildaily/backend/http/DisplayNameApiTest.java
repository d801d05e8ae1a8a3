package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.FeedSeed;
import io.faildaily.backend.testing.MariaDbServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** E3 (check-display-name with excludeUserId) and E4 (generate-display-name), on the database's collation. */
class DisplayNameApiTest extends BackendTestBase {

    @Test
    void aUsersOwnNameIsAvailableToThemAndTakenForEveryoneElse() {
        Account owner = Accounts.register(api, "owner-" + System.nanoTime() + "@example.test", "Camille Owner");
        Account other = Accounts.register(api);

        assertThat(available("Camille Owner", null)).isFalse();
        assertThat(available("Camille Owner", owner.id())).isTrue();
        assertThat(available("Camille Owner", other.id())).isFalse();
        // The column's collation: case and accents do not make another name.
        assertThat(available("camille ÔWNER", null)).isFalse();
        assertThat(available("camille ÔWNER", owner.id())).isTrue();
        assertThat(available("Camille Someone Else", other.id())).isTrue();

        // What the edit-profile page does next: save with the unchanged name.
        Response saved = api.put("/api/auth/profile", owner.token(), Map.of("displayName", "Camille Owner",
                "bio", "inchangé"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    @Test
    void aTakenBaseGetsTheFirstFreeNumber() {
        String base = "Léo Base " + System.nanoTime() % 100_000;
        assertThat(generate(base)).isEqualTo(base);
        Accounts.register(api, "b0-" + System.nanoTime() + "@example.test", base);
        assertThat(generate(base)).isEqualTo(base + " 1");
        Accounts.register(api, "b1-" + System.nanoTime() + "@example.test", base + " 1");
        Accounts.register(api, "b3-" + System.nanoTime() + "@example.test", base + " 3");
        assertThat(generate(base)).isEqualTo(base + " 2");
        // Spelled another way, the same name under the collation.
        assertThat(generate(base.toUpperCase().replace("É", "E"))).isEqualTo(base.toUpperCase().replace("É", "E") + " 2");
        assertThat(generate("  " + base + "  ")).isEqualTo(base + " 2");
    }

    @Test
    void aSuggestionKeepsWithinTheDisplayNameLimit() {
        String base = ("Nom très long " + System.nanoTime()).repeat(4).substring(0, 50);
        Accounts.register(api, "long-" + System.nanoTime() + "@example.test", base);
        String suggestion = generate(base);
        assertThat(suggestion).endsWith(" 1").hasSizeLessThanOrEqualTo(50);
        assertThat(base).startsWith(suggestion.substring(0, suggestion.length() - 2));
        Response registered = api.post("/api/auth/register", null, Map.of("email", "sugg-" + System.nanoTime()
                + "@example.test", "password", "secret123", "displayName", suggestion, "agreeToTerms", true));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    @Test
    void whenEveryNumberIsTakenTheAnswerSaysSo(MariaDbServer db) throws Exception {
        // FeedSeed names its users "Seed <group> <n>": the base "Seed z900" with 1 ... 999 all taken.
        String group = "z900";
        String base = "Seed " + group;
        Accounts.register(api, "seedbase-" + System.nanoTime() + "@example.test", base);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(backend.databaseName()), db.user(), db.password())) {
            FeedSeed.users(c, group, 1, 999);
            assertThat(generate(base)).isEqualTo(base + " 999");
            FeedSeed.users(c, group, 999, 1000);
        }
        Response r = api.post("/api/registration/generate-display-name", null, Map.of("baseDisplayName", base));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("code").asText()).isEqualTo("DISPLAY_NAME_UNAVAILABLE");
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
    }

    @Test
    void aMissingBaseIsRefused() {
        for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(Map.of(), Map.of("baseDisplayName", " "))) {
            Response r = api.post("/api/registration/generate-display-name", null, body);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().path("code").asText()).isEqualTo("MISSING_DISPLAY_NAME");
        }
    }

    private static boolean available(String name, String excludeUserId) {
        String query = "/api/registration/check-display-name?displayName=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (excludeUserId == null ? "" : "&excludeUserId=" + excludeUserId);
        Response r = api.get(query, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("exists").asBoolean()).isEqualTo(!r.json().path("available").asBoolean());
        return r.json().path("available").asBoolean();
    }

    private static String generate(String base) {
        Response r = api.post("/api/registration/generate-display-name", null, Map.of("baseDisplayName", base));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("success").asBoolean()).isTrue();
        return r.json().path("displayName").asText();
    }
}
