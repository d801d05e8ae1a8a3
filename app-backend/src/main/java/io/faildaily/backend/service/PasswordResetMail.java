package io.faildaily.backend.service;

import io.faildaily.backend.mail.MailMessage;

/**
 * The password reset e-mail, with the original's content: a greeting, that a reset was asked for, one link (a
 * button and the raw address in HTML), that it is valid one hour, and to ignore the mail otherwise. No name, no
 * IP address, no expiry time.
 */
final class PasswordResetMail {
    static final String SUBJECT = "Réinitialisation de votre mot de passe — FailDaily";

    private PasswordResetMail() {}

    static MailMessage to(String email, String link) {
        String text = "Bonjour,\n\n"
                + "Une réinitialisation du mot de passe de votre compte FailDaily a été demandée.\n"
                + "Pour choisir un nouveau mot de passe, ouvrez ce lien :\n\n"
                + link + "\n\n"
                + "Ce lien est valable 1 heure.\n"
                + "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne change pas.\n";
        String href = escape(link);
        String html = "<!DOCTYPE html><html lang=\"fr\"><body style=\"font-family:sans-serif\">"
                + "<p>Bonjour,</p>"
                + "<p>Une réinitialisation du mot de passe de votre compte FailDaily a été demandée.</p>"
                + "<p><a href=\"" + href + "\" style=\"display:inline-block;padding:10px 18px;background:#6c5ce7;"
                + "color:#fff;border-radius:6px;text-decoration:none\">Choisir un nouveau mot de passe</a></p>"
                + "<p>Ou copiez cette adresse dans votre navigateur :<br>" + href + "</p>"
                + "<p>Ce lien est valable 1 heure.</p>"
                + "<p>Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne "
                + "change pas.</p></body></html>";
        return new MailMessage(email, SUBJECT, text, html);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
