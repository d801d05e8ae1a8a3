package io.faildaily.backend.mail;

/** One e-mail to one address, in plain text and HTML (clients show the one they can). */
public record MailMessage(String to, String subject, String text, String html) {}
