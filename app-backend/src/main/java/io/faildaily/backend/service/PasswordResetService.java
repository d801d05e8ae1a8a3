package io.faildaily.backend.service;

import static io.faildaily.backend.service.ApiException.badRequest;

import io.faildaily.backend.auth.PasswordHasher;
import io.faildaily.backend.config.MailConfig;
import io.faildaily.backend.mail.Mailer;
import io.faildaily.backend.mail.Mailer.MailFailure;
import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.Times;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password reset by e-mail (the original's E1 and E2). A request answers at once and the same way whether or not
 * the address has an account; the lookup, the token and the mail happen afterwards on one background thread, so
 * neither the answer nor its timing tells who is registered. A link is single use and lives one hour. The
 * database keeps a SHA-256 of each token, not the token: a copy of the database opens no account.
 */
public final class PasswordResetService implements AutoCloseable {
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** Requests waiting for the mail thread; more are dropped (logged), the answer unchanged. */
    private static final int QUEUE = 100;
    private static final Logger LOG = LoggerFactory.getLogger(PasswordResetService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbc jdbc;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final MailConfig mail;
    private final Clock clock;
    private final ThreadPoolExecutor worker;

    public PasswordResetService(Jdbc jdbc, PasswordHasher hasher, Mailer mailer, MailConfig mail, Clock clock) {
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.mailer = mailer;
        this.mail = mail;
        this.clock = clock;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "password-reset-mail");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> LOG.warn("Password reset request dropped: {} requests are already waiting", QUEUE));
    }

    /** E1: checks the body and hands the rest to the mail thread. */
    public void request(String rawEmail) {
        if (rawEmail == null || rawEmail.isBlank()) {
            throw badRequest("MISSING_EMAIL", "Email requis");
        }
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        worker.execute(() -> issue(email));
    }

    private void issue(String email) {
        try {
            Optional<String> userId = jdbc.read(c -> Jdbc.queryOne(c, "SELECT id FROM users WHERE email = ?",
                    rs -> rs.getString(1), email));
            if (userId.isEmpty()) {
                LOG.info("Password reset requested for an address without an account");
                return;
            }
            String token = newToken();
            LocalDateTime now = Times.now(clock);
            jdbc.read(c -> Jdbc.update(c, "INSERT INTO password_reset_tokens (id, user_id, token_hash, expires_at, "
                    + "created_at) VALUES (?, ?, ?, ?, ?)", Ids.newId(), userId.get(), hashOf(token),
                    now.plus(TOKEN_LIFETIME), now));
            if (!mailer.enabled()) {
                LOG.warn("Password reset requested by user {}: no mail sent, SMTP_HOST is not set", userId.get());
                return;
            }
            mailer.send(PasswordResetMail.to(email, mail.link("/reset-password?token=" + token)));
            LOG.info("Password reset mail sent to user {}", userId.get());
        } catch (MailFailure e) {
            LOG.warn("Password reset mail not sent: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Password reset request failed", e);
        }
    }

    /** E2: a new password for the account of an unused, unexpired link; every other open link of it is closed. */
    public void confirm(String token, String newPassword) {
        if (token == null || token.isBlank() || newPassword == null || newPassword.isBlank()) {
            throw badRequest("MISSING_FIELDS", "Token et nouveau mot de passe requis");
        }
        AuthService.checkPassword(newPassword, "PASSWORD_TOO_SHORT");
        String tokenHash = hashOf(token);
        // Checked before bcrypt runs, so a wrong token costs a key lookup, not a hash; checked again under the
        // row lock, for two uses of one link at once.
        jdbc.read(c -> usable(c, tokenHash, false));
        String passwordHash = hasher.hash(newPassword);
        jdbc.inTransaction(c -> {
            String userId = usable(c, tokenHash, true);
            LocalDateTime now = Times.now(clock);
            Jdbc.update(c, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", passwordHash, now, userId);
            Jdbc.update(c, "UPDATE password_reset_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                    now, userId);
            return null;
        });
        LOG.info("Password reset by link");
    }

    /** The account of a link that can still be used, or the original's error for it. */
    private String usable(Connection c, String tokenHash, boolean lock) throws SQLException {
        record Link(String userId, LocalDateTime expiresAt, LocalDateTime usedAt) {}
        Link link = Jdbc.queryOne(c, "SELECT user_id, expires_at, used_at FROM password_reset_tokens WHERE token_hash = ?"
                + (lock ? " FOR UPDATE" : ""), rs -> new Link(rs.getString(1),
                rs.getObject(2, LocalDateTime.class), rs.getObject(3, LocalDateTime.class)), tokenHash)
                .orElseThrow(() -> badRequest("INVALID_TOKEN", "Lien de réinitialisation invalide"));
        if (link.usedAt() != null) {
            throw badRequest("TOKEN_USED", "Ce lien de réinitialisation a déjà été utilisé");
        }
        if (Times.now(clock).isAfter(link.expiresAt())) {
            throw badRequest("TOKEN_EXPIRED", "Ce lien de réinitialisation a expiré");
        }
        return link.userId();
    }

    /** 32 random bytes as 64 lower-case hex characters, as the original's tokens. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String hashOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets the mails already asked for go out (up to 10 s), then stops the thread. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Stopping with {} password reset request(s) not handled", worker.getQueue().size());
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
