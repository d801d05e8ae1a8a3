package io.faildaily.backend.mail;

import io.faildaily.backend.config.ConfigException;
import io.faildaily.backend.config.MailConfig;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Mail through an SMTP server (Jakarta Mail). Implicit TLS with {@code SMTP_SECURE=true}; otherwise the connection
 * is upgraded with STARTTLS when the server offers it, as the original's mailer did. The server's certificate is
 * always verified, its name included. Time-outs are bounded so a dead server cannot hold the sending thread.
 */
final class SmtpMailer implements Mailer {
    private static final String TIMEOUT_MS = "10000";

    private final Session session;
    private final InternetAddress from;

    SmtpMailer(MailConfig config) {
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new ConfigException("SMTP_FROM is not an e-mail address: '" + config.from() + "'");
        }
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        if (config.implicitTls()) {
            p.put("mail.smtp.ssl.enable", "true");
        } else {
            p.put("mail.smtp.starttls.enable", "true");
        }
        Authenticator login = null;
        if (config.user() != null) {
            p.put("mail.smtp.auth", "true");
            String user = config.user();
            String password = config.password();
            login = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        this.session = Session.getInstance(p, login);
    }

    @Override
    public void send(MailMessage message) {
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(from);
            mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
            mime.setContent(alternatives);
            mime.setSentDate(new Date());
            Transport.send(mime);
        } catch (MessagingException e) {
            throw new MailFailure(e.getMessage(), e);
        }
    }

    @Override
    public boolean enabled() {
        return true;
    }
}
