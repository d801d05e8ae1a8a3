package io.faildaily.backend.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server for the mail tests (GreenMail) on a free loopback port, plain SMTP. What it does not do that
 * a production relay does: no STARTTLS and no implicit TLS with a trusted certificate (the backend's TLS settings
 * are not exercised here), no relay or delivery anywhere, and it accepts any login unless users are added.
 */
public final class SmtpServer implements AutoCloseable {
    private final GreenMail mail;
    private final int port;

    private SmtpServer(GreenMail mail, int port) {
        this.mail = mail;
        this.port = port;
    }

    public static SmtpServer start() {
        int port = freePort();
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return new SmtpServer(mail, port);
    }

    /** The backend's SMTP_* variables for this server. */
    public Map<String, String> environment() {
        return Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(port),
                "SMTP_FROM", "FailDaily <no-reply@faildaily.test>");
    }

    public int port() {
        return port;
    }

    /** Waits up to {@code millis} until {@code count} mails in all have arrived; the mails received so far. */
    public List<MimeMessage> awaitMails(int count, long millis) {
        mail.waitForIncomingEmail(millis, count);
        return List.of(mail.getReceivedMessages());
    }

    public List<MimeMessage> mails() {
        return List.of(mail.getReceivedMessages());
    }

    /** Each text part of a mail (the plain text and the HTML alternative), decoded. */
    public static List<String> textParts(MimeMessage message) {
        try {
            List<String> parts = new ArrayList<>();
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    parts.add(part.getContentType().toLowerCase() + "\n" + part.getContent());
                }
            } else {
                parts.add(message.getContentType().toLowerCase() + "\n" + content);
            }
            return parts;
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        mail.stop();
    }
}
