package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.JwtCodec;
import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.TestBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error code of /api/auth and the token middleware, with the original's status codes. */
class AuthApiTest extends BackendTestBase {

    private static Map<String, Object> registration(String email, String name, String birthDate) {
        Map<String, Object> m = new HashMap<>();
        m.put("email", email);
        m.put("password", "secret123");
        m.put("displayName", name);
        if (birthDate != null) {
            m.put("birthDate", birthDate);
        }
        m.put("agreeToTerms", true);
        return m;
    }

    private static void assertError(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
        assertThat(r.json().path("code").asText()).isEqualTo(code);
        assertThat(r.json().path("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void registrationValidation() {
        assertError(api.post("/api/auth/register", null, Map.of("email", "a@b.c")), 400, "MISSING_FIELDS");
        Map<String, Object> shortPw = registration("short@example.test", "Shorty", "1990-01-01");
        shortPw.put("password", "12345");
        assertError(api.post("/api/auth/register", null, shortPw), 400, "PASSWORD_TOO_SHORT");
        assertError(api.post("/api/auth/register", null, registration("not-an-email", "NoMail", null)), 400,
                "INVALID_EMAIL");
        assertError(api.post("/api/auth/register", null, registration("bd@example.test", "BadDate", "31/12/1990")),
                400, "INVALID_BIRTH_DATE");
        String twelve = LocalDate.now(ZoneOffset.UTC).minusYears(12).toString();
        assertError(api.post("/api/auth/register", null, registration("kid@example.test", "Kid", twelve)), 400,
                "AGE_RESTRICTION");
    }

    @Test
    void duplicatesAreConflicts() {
        Account a = Accounts.register(api, "dup@example.test", "Dupont");
        assertError(api.post("/api/auth/register", null, registration("DUP@example.test", "Other", "1990-01-01")),
                409, "EMAIL_EXISTS");
        assertError(api.post("/api/auth/register", null, registration("other@example.test", "Dupont", "1990-01-01")),
                409, "DISPLAY_NAME_EXISTS");
        Response check = api.get("/api/auth/check-email?email=DUP@example.test", null);
        assertThat(check.json().path("exists").asBoolean()).isTrue();
        assertThat(api.get("/api/auth/check-email?email=nobody@example.test", null).json().path("exists").asBoolean())
                .isFalse();
        assertError(api.get("/api/auth/check-email", null), 400, "MISSING_EMAIL");
        assertError(api.get("/api/registration/check-display-name", null), 400, "MISSING_DISPLAY_NAME");
        assertThat(a.id()).isNotBlank();
    }

    @Test
    void teenagersRegisterButStayPending() {
        String fifteen = LocalDate.now(ZoneOffset.UTC).minusYears(15).toString();
        Response r = api.post("/api/auth/register", null, registration("teen@example.test", "Teen", fifteen));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertError(api.post("/api/auth/login", null, Map.of("email", "teen@example.test", "password", "secret123")),
                401, "USER_INACTIVE");
        // the token handed out at registration does not open protected routes either
        assertError(api.get("/api/fails", r.json().path("token").asText()), 401, "USER_INACTIVE");
        String seventeen = LocalDate.now(ZoneOffset.UTC).minusYears(17).toString();
        assertThat(api.post("/api/auth/register", null, registration("adult@example.test", "Adult", seventeen))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/auth/login", null, Map.of("email", "adult@example.test", "password", "secret123"))
                .status()).isEqualTo(200);
    }

    @Test
    void loginErrors() {
        Accounts.register(api, "login@example.test", "Loggy");
        assertError(api.post("/api/auth/login", null, Map.of("email", "login@example.test")), 400,
                "MISSING_CREDENTIALS");
        assertError(api.post("/api/auth/login", null, Map.of("email", "login@example.test", "password", "wrong!!")),
                401, "INVALID_CREDENTIALS");
        assertError(api.post("/api/auth/login", null, Map.of("email", "ghost@example.test", "password", "secret123")),
                401, "INVALID_CREDENTIALS");
        Response ok = api.post("/api/auth/login", null, Map.of("email", "LOGIN@example.test", "password", "secret123"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("user").path("displayName").asText()).isEqualTo("Loggy");
        assertThat(ok.json().has("token")).isTrue();
    }

    @Test
    void tokenErrors() {
        assertError(api.get("/api/auth/verify", null), 401, "NO_TOKEN");
        assertError(api.get("/api/auth/verify", "garbage"), 403, "INVALID_TOKEN");
        ObjectMapper json = new ObjectMapper();
        String foreign = new JwtCodec("another-secret-another-secret-another-secret", Duration.ofHours(1),
                Clock.systemUTC(), json).issue("00000000-0000-0000-0000-000000000000", "x@example.test");
        assertError(api.get("/api/auth/verify", foreign), 403, "INVALID_TOKEN");
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        String expired = new JwtCodec(TestBackend.SECRET, Duration.ofHours(24), past, json)
                .issue("00000000-0000-0000-0000-000000000000", "x@example.test");
        assertError(api.get("/api/auth/verify", expired), 403, "TOKEN_EXPIRED");
        String unknownUser = new JwtCodec(TestBackend.SECRET, Duration.ofHours(1), Clock.systemUTC(), json)
                .issue("00000000-0000-0000-0000-000000000000", "x@example.test");
        assertError(api.get("/api/auth/verify", unknownUser), 401, "USER_NOT_FOUND");
    }

    @Test
    void profileAndPassword() {
        Account a = Accounts.register(api, "prof@example.test", "Profiler");
        Accounts.register(api, "taken@example.test", "TakenName");
        Response upd = api.put("/api/auth/profile", a.token(), Map.of("bio", "Je rate souvent", "displayName", "Prof"));
        assertThat(upd.status()).as(upd.body()).isEqualTo(200);
        assertThat(upd.json().path("data").path("bio").asText()).isEqualTo("Je rate souvent");
        assertThat(upd.json().path("user").path("displayName").asText()).isEqualTo("Prof");
        assertError(api.put("/api/auth/profile", a.token(), Map.of()), 400, "NO_UPDATE_DATA");
        assertError(api.put("/api/auth/profile", a.token(), Map.of("displayName", "TakenName")), 409,
                "DISPLAY_NAME_EXISTS");
        assertError(api.put("/api/auth/profile", a.token(), Map.of("displayName", "x".repeat(51))), 400,
                "DISPLAY_NAME_TOO_LONG");
        assertError(api.put("/api/auth/profile", a.token(), Map.of("bio", "x".repeat(501))), 400, "BIO_TOO_LONG");

        assertError(api.put("/api/auth/password", a.token(), Map.of("currentPassword", "secret123")), 400,
                "MISSING_PASSWORDS");
        assertError(api.put("/api/auth/password", a.token(), Map.of("currentPassword", "secret123",
                "newPassword", "123")), 400, "PASSWORD_TOO_SHORT");
        assertError(api.put("/api/auth/password", a.token(), Map.of("currentPassword", "wrong-one",
                "newPassword", "newsecret")), 401, "INVALID_CURRENT_PASSWORD");
        assertThat(api.put("/api/auth/password", a.token(), Map.of("currentPassword", "secret123",
                "newPassword", "newsecret")).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/login", null, Map.of("email", "prof@example.test", "password", "newsecret"))
                .status()).isEqualTo(200);
        assertError(api.post("/api/auth/login", null, Map.of("email", "prof@example.test", "password", "secret123")),
                401, "INVALID_CREDENTIALS");
    }
}
