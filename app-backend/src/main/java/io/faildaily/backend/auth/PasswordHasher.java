package io.faildaily.backend.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt as the original (bcryptjs, cost 12). Hashes are `$2a$`/`$2b$` strings, so accounts
 * migrated from the Node backend keep their passwords.
 */
public final class PasswordHasher {
    /** bcrypt only reads the first 72 bytes; longer inputs are refused rather than silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final int cost;

    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    public int cost() {
        return cost;
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        if (hash == null || password == null) {
            return false;
        }
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (pw.length > MAX_PASSWORD_BYTES) {
            return false;
        }
        try {
            return BCrypt.verifyer().verify(pw, hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException notABcryptHash) {
            // An empty or foreign hash (an original account without a password) is a failed login, not a 500.
            return false;
        }
    }
}
