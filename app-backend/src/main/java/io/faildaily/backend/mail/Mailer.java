package io.faildaily.backend.mail;

import io.faildaily.backend.config.MailConfig;

/** Sends e-mail, or says why it could not. */
public interface Mailer {
    /** @throws MailFailure when the mail was not accepted by the server */
    void send(MailMessage message);

    /** Whether mails go anywhere at all (no SMTP_HOST: they do not). */
    boolean enabled();

    static Mailer of(MailConfig config) {
        return config.enabled() ? new SmtpMailer(config) : Disabled.INSTANCE;
    }

    /** What runs without SMTP_HOST: nothing is sent, and callers answer as if it had been. */
    enum Disabled implements Mailer {
        INSTANCE;

        @Override
        public void send(MailMessage message) {
            throw new MailFailure("no SMTP server configured (SMTP_HOST)", null);
        }

        @Override
        public boolean enabled() {
            return false;
        }
    }

    final class MailFailure extends RuntimeException {
        public MailFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
