package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile input gets a 4xx JSON error: never a 5xx, never a stack trace. */
class BadInputTest extends BackendTestBase {
    private static Account user;

    @BeforeAll
    static void registerUser() {
        user = Accounts.register(api);
    }

    private static void assertClientError(Response r, String what) {
        assertThat(r.status()).as(what + ": " + r.body()).isBetween(400, 499);
        assertThat(r.json()).as(what + " is JSON").isNotNull();
        assertThat(r.json().path("code").asText()).as(what).isNotBlank();
        assertThat(r.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("SQL");
    }

    @Test
    void malformedJsonIs400() {
        for (String body : List.of("{", "{\"title\":", "not json", "[1,2", "{\"a\":1}}", "{\"a\":1,\"a\":2}",
                "\u0000\u0001", "{'title':'single quotes'}")) {
            Response r = api.sendRaw("POST", "/api/fails", user.token(), "application/json",
                    body.getBytes(StandardCharsets.UTF_8));
            assertClientError(r, body);
            assertThat(r.code()).isEqualTo("INVALID_JSON");
        }
        assertClientError(api.sendRaw("POST", "/api/auth/login", null, "application/json",
                "{\"email\":".getBytes(StandardCharsets.UTF_8)), "login");
        assertClientError(api.sendRaw("POST", "/api/auth/register", null, "application/json",
                "[]".getBytes(StandardCharsets.UTF_8)), "array body");
    }

    @Test
    void wrongTypesAre400() {
        List<Map<String, Object>> bodies = List.of(
                Map.of("title", 42), Map.of("title", List.of("a")), Map.of("title", Map.of("x", 1)),
                Map.of("title", "ok", "is_anonyme", "maybe"), Map.of("title", "ok", "description", 12));
        for (Map<String, Object> b : bodies) {
            Response r = api.post("/api/fails", user.token(), b);
            assertClientError(r, b.toString());
        }
        assertClientError(api.post("/api/auth/login", null, Map.of("email", 1, "password", true)), "login types");
        assertClientError(api.post("/api/auth/register", null, Map.of("email", List.of(), "password", 1,
                "displayName", 2)), "register types");
        assertClientError(api.post("/api/fails/x/reactions", user.token(), Map.of("reactionType", 1)), "reaction type");
    }

    @Test
    void oversizedFieldsAndBodies() {
        assertClientError(api.post("/api/fails", user.token(), Map.of("title", "t".repeat(100_000))), "title");
        assertClientError(api.post("/api/auth/register", null, Map.of("email", "a".repeat(300) + "@x.y",
                "password", "secret1", "displayName", "Big")), "email");
        assertClientError(api.post("/api/auth/register", null, Map.of("email", "pw@x.y",
                "password", "p".repeat(100), "displayName", "LongPw")), "password > 72 bytes");
        String huge = api.announceBody("POST", "/api/fails", user.token(), "application/json", 11L * 1024 * 1024);
        assertThat(huge).as("11 MB JSON body").startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertClientError(api.sendRaw("POST", "/api/fails", user.token(), "application/json",
                deep.getBytes(StandardCharsets.UTF_8)), "deep nesting");
        assertClientError(api.sendRaw("POST", "/api/logs/comprehensive", null, "application/json",
                ("{\"x\":\"" + "y".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8)), "client log");
    }

    @Test
    void unknownRoutesAndIds() {
        Response r = api.get("/api/nope", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(r.json().path("path").asText()).isEqualTo("/api/nope");
        assertThat(r.json().path("error").asText()).isNotBlank();
        assertThat(api.delete("/api/nothing/here", user.token()).code()).isEqualTo("NOT_FOUND");
        for (String id : List.of("1", "abc", "%27%20OR%201%3D1--", "00000000-0000-4000-8000-000000000000")) {
            assertClientError(api.get("/api/fails/" + id, user.token()), id);
            assertClientError(api.get("/api/fails/" + id + "/comments", user.token()), id);
            assertClientError(api.post("/api/fails/" + id + "/comments", user.token(), Map.of("content", "x")), id);
            assertClientError(api.delete("/api/fails/" + id + "/comments/" + id, user.token()), id);
        }
    }

    @Test
    void clientEventLogAcceptsJsonAndWritesIt() throws Exception {
        Response r = api.post("/api/logs/comprehensive", null, Map.of("level", "info", "message", "page_view"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("success").asBoolean()).isTrue();
        assertThat(r.json().path("timestamp").asText()).isNotBlank();
        assertClientError(api.post("/api/logs/comprehensive", null, "\"just a string\""), "string log");
        java.nio.file.Path log = backend.directory().resolve("logs/client-events.log");
        long deadline = System.currentTimeMillis() + 5000;
        while ((!java.nio.file.Files.exists(log) || !java.nio.file.Files.readString(log).contains("page_view"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(java.nio.file.Files.readString(log)).contains("\"page_view\"").contains("client_event");
    }
}
