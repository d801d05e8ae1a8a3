package io.faildaily.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.config.AppConfig;
import io.faildaily.backend.testing.OriginalInstallation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JwtAndPasswordTest {
    private final ObjectMapper json = new ObjectMapper();
    private final Clock now = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void tokenCarriesTheOriginalPayload() throws Exception {
        JwtCodec codec = new JwtCodec("s".repeat(40), Duration.ofHours(24), now, json);
        String token = codec.issue("user-1", "a@b.c");
        String[] parts = token.split("\\.");
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode payload = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("HS256");
        assertThat(payload.path("userId").asText()).isEqualTo("user-1");
        assertThat(payload.path("email").asText()).isEqualTo("a@b.c");
        assertThat(payload.path("exp").asLong() - payload.path("iat").asLong()).isEqualTo(86_400);
        assertThat(codec.verify(token).userId()).isEqualTo("user-1");
    }

    @Test
    void verifiesATokenMadeByNodeJsonwebtoken() {
        // jwt.sign({userId:'u-42', email:'n@x.y', iat:1767225600, exp:4102444800}, 'node-secret') from the Node backend
        String secret = "node-secret";
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"userId\":\"u-42\",\"email\":\"n@x.y\",\"iat\":1767225600,\"exp\":4102444800}");
        String token = header + "." + payload + "." + hmac(secret, header + "." + payload);
        assertThat(new JwtCodec(secret, Duration.ofHours(1), now, json).verify(token).userId()).isEqualTo("u-42");
    }

    @Test
    void aHeaderWrittenOtherwiseIsReadNotMatched() {
        // Our tokens' header is recognised as is; any other spelling is parsed: HS256 in another key order
        // passes, another algorithm fails even with a valid HMAC-SHA256 signature.
        String secret = "s".repeat(40);
        JwtCodec codec = new JwtCodec(secret, Duration.ofHours(1), now, json);
        String payload = b64("{\"userId\":\"u-7\",\"email\":\"x@y.z\",\"exp\":4102444800}");
        String reordered = b64("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        assertThat(codec.verify(reordered + "." + payload + "." + hmac(secret, reordered + "." + payload)).userId())
                .isEqualTo("u-7");
        String hs512 = b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
        assertThatThrownBy(() -> codec.verify(hs512 + "." + payload + "." + hmac(secret, hs512 + "." + payload)))
                .isInstanceOf(JwtCodec.TokenException.class);
    }

    @Test
    void rejectsTamperedExpiredAndAlgNone() {
        JwtCodec codec = new JwtCodec("s".repeat(40), Duration.ofHours(1), now, json);
        String token = codec.issue("user-1", "a@b.c");
        String[] p = token.split("\\.");
        String forged = p[0] + "." + b64("{\"userId\":\"admin\",\"email\":\"a@b.c\"}") + "." + p[2];
        assertThatThrownBy(() -> codec.verify(forged)).isInstanceOfSatisfying(JwtCodec.TokenException.class,
                e -> assertThat(e.expired()).isFalse());
        String none = b64("{\"alg\":\"none\"}") + "." + p[1] + ".";
        assertThatThrownBy(() -> codec.verify(none)).isInstanceOf(JwtCodec.TokenException.class);
        assertThatThrownBy(() -> codec.verify("a.b")).isInstanceOf(JwtCodec.TokenException.class);
        assertThatThrownBy(() -> codec.verify("%%%.%%%.%%%")).isInstanceOf(JwtCodec.TokenException.class);
        JwtCodec later = new JwtCodec("s".repeat(40), Duration.ofHours(1), Clock.offset(now, Duration.ofHours(2)), json);
        assertThatThrownBy(() -> later.verify(token)).isInstanceOfSatisfying(JwtCodec.TokenException.class,
                e -> assertThat(e.expired()).isTrue());
    }

    @Test
    void aTokenFoundValidBeforeStillExpiresOnTime() {
        // The codec remembers tokens it found valid; the expiry must still be checked on every use.
        Instant[] at = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock moving = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return at[0]; }
        };
        JwtCodec codec = new JwtCodec("s".repeat(40), Duration.ofHours(1), moving, json);
        String token = codec.issue("user-1", "a@b.c");
        assertThat(codec.verify(token).userId()).isEqualTo("user-1");
        assertThat(codec.verify(token).email()).isEqualTo("a@b.c");
        at[0] = at[0].plus(Duration.ofMinutes(59));
        assertThat(codec.verify(token).userId()).isEqualTo("user-1");
        at[0] = at[0].plus(Duration.ofMinutes(1));
        assertThatThrownBy(() -> codec.verify(token)).isInstanceOfSatisfying(JwtCodec.TokenException.class,
                e -> assertThat(e.expired()).isTrue());
        // A token signed with another secret stays refused however often it comes, and a full memory of valid
        // tokens empties itself rather than refusing new ones.
        String foreign = new JwtCodec("t".repeat(40), Duration.ofHours(1), moving, json).issue("user-1", "a@b.c");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> codec.verify(foreign)).isInstanceOf(JwtCodec.TokenException.class);
        }
        for (int i = 0; i <= JwtCodec.VERIFIED_CAPACITY; i++) {
            assertThat(codec.verify(codec.issue("user-" + i, "a@b.c")).userId()).isEqualTo("user-" + i);
        }
    }

    @Test
    void bcryptCostDefaultsToTwelve() {
        int rounds = AppConfig.from(Map.of()).bcryptRounds();
        assertThat(rounds).isEqualTo(12);
        PasswordHasher hasher = new PasswordHasher(rounds);
        String hash = hasher.hash("secret123");
        assertThat(hash).startsWith("$2a$12$");
        assertThat(hasher.matches("secret123", hash)).isTrue();
        assertThat(hasher.matches("secret124", hash)).isFalse();
    }

    @Test
    void acceptsBcryptjsHashes() {
        // Node bcrypt libraries write the $2b$ variant: the same hash under that prefix must verify too
        PasswordHasher hasher = new PasswordHasher(4);
        String hash = hasher.hash("secret123").replaceFirst("^\\$2a\\$", "\\$2b\\$");
        assertThat(hasher.matches("secret123", hash)).isTrue();
        assertThat(hasher.matches("x".repeat(80), hash)).isFalse();
    }

    @Test
    void theOriginalInstallationsAccountsVerifyWithTheirPassword() {
        // The hashes as the original backend (bcryptjs, cost 12) stored them in users.password_hash.
        Matcher row = Pattern.compile("\\('[0-9a-f-]{36}','([^'@]+@[^']+)',\\d+,'([^']*)'")
                .matcher(new String(OriginalInstallation.dump(), StandardCharsets.UTF_8));
        Map<String, String> hashes = new java.util.TreeMap<>();
        while (row.find()) {
            hashes.put(row.group(1), row.group(2));
        }
        assertThat(hashes).hasSize(7);
        assertThat(hashes.values()).allMatch(h -> h.matches("\\$2b\\$12\\$[./A-Za-z0-9]{53}"));
        List<OriginalInstallation.Account> accounts = OriginalInstallation.accounts();
        assertThat(accounts).hasSize(4);
        PasswordHasher hasher = new PasswordHasher(4); // verification takes its cost from the hash
        for (OriginalInstallation.Account account : accounts) {
            String hash = hashes.get(account.email());
            assertThat(hasher.matches(OriginalInstallation.PASSWORD, hash)).as(account.email()).isTrue();
            assertThat(hasher.matches(OriginalInstallation.PASSWORD + "x", hash)).as(account.email()).isFalse();
        }
    }

    @Test
    void aMissingOrMalformedHashNeverMatchesAndNeverThrows() {
        // An original account without a password (users.password_hash NULL, adopted as '') cannot log in.
        PasswordHasher hasher = new PasswordHasher(4);
        for (String hash : new String[] {"", "not-a-bcrypt-hash", "$2b$12$short", "$2b$99$" + "a".repeat(53)}) {
            assertThat(hasher.matches("secret123", hash)).as(hash).isFalse();
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String secret, String input) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
