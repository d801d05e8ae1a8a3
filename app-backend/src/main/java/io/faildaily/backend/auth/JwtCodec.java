package io.faildaily.backend.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens with the original backend's payload `{userId, email, iat, exp}`,
 * so tokens issued by either implementation verify in the other (same JWT_SECRET).
 * Only HS256 is accepted: a token naming any other algorithm (including "none") is invalid.
 */
public final class JwtCodec {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] secret;
    private final Duration lifetime;
    private final Clock clock;
    private final ObjectMapper json;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    /**
     * Tokens already found valid, with their expiry: a member sends the same token with every request, and
     * checking it again (HMAC, base64, JSON) was a tenth of a feed request's CPU. Only valid tokens enter, so
     * nobody without the secret can fill it; it is emptied when full rather than kept in order.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    static final int VERIFIED_CAPACITY = 10_000;

    private record Verified(Claims claims, long expiresAt) {}

    public JwtCodec(String secret, Duration lifetime, Clock clock, ObjectMapper json) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
        this.clock = clock;
        this.json = json;
    }

    public String issue(String userId, String email) {
        long now = clock.instant().getEpochSecond();
        ObjectNode payload = json.createObjectNode()
                .put("userId", userId)
                .put("email", email)
                .put("iat", now)
                .put("exp", now + lifetime.toSeconds());
        String body = B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        String signingInput = HEADER + "." + body;
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    /** Returns the claims of a valid token; throws {@link TokenException} saying why it is not. */
    public Claims verify(String token) {
        Verified known = verified.get(token);
        if (known == null) {
            known = check(token);
            if (verified.size() >= VERIFIED_CAPACITY) {
                verified.clear();
            }
            verified.put(token, known);
        }
        if (clock.instant().getEpochSecond() >= known.expiresAt()) {
            throw new TokenException(true);
        }
        return known.claims();
    }

    private Verified check(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new TokenException(false);
        }
        try {
            // The header every token of ours (and of the original's library) carries is recognised without parsing it.
            if (!HEADER.equals(parts[0])) {
                JsonNode header = json.readTree(B64D.decode(parts[0]));
                if (header == null || !"HS256".equals(header.path("alg").asText())) {
                    throw new TokenException(false);
                }
            }
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
                throw new TokenException(false);
            }
            JsonNode payload = json.readTree(B64D.decode(parts[1]));
            if (payload == null || !payload.path("userId").isTextual()) {
                throw new TokenException(false);
            }
            JsonNode exp = payload.get("exp");
            long expiresAt = exp != null && exp.isNumber() ? exp.asLong() : Long.MAX_VALUE;
            return new Verified(new Claims(payload.get("userId").asText(), payload.path("email").asText(null)),
                    expiresAt);
        } catch (TokenException e) {
            throw e;
        } catch (Exception e) { // bad base64, bad JSON: just an invalid token
            throw new TokenException(false);
        }
    }

    private byte[] sign(String input) {
        return macs.get().doFinal(input.getBytes(StandardCharsets.US_ASCII)); // doFinal leaves the Mac ready again
    }

    /** A keyed HMAC per thread: looking the algorithm up and keying it took a third of a token's check. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public record Claims(String userId, String email) {}

    /** The token is unusable; {@code expired} separates TOKEN_EXPIRED from INVALID_TOKEN. */
    public static final class TokenException extends RuntimeException {
        private final boolean expired;

        TokenException(boolean expired) {
            super(expired ? "token expired" : "token invalid", null, false, false);
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }
}
