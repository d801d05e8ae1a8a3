package io.faildaily.backend.config;

import java.net.URI;

/**
 * Outgoing e-mail, from the original's variables: {@code SMTP_HOST}, {@code SMTP_PORT} (587), {@code SMTP_SECURE}
 * ({@code true} = implicit TLS, otherwise STARTTLS when the server offers it), {@code SMTP_USER}, {@code SMTP_PASS},
 * {@code SMTP_FROM} and {@code APP_WEB_URL}, the base of the links in mails. Without {@code SMTP_HOST} nothing is
 * sent (the API answers the same). The original also required {@code SMTP_USER}; here an unauthenticated relay
 * (common inside a cluster) works too.
 */
public record MailConfig(String host, int port, boolean implicitTls, String user, String password, String from,
                         URI webUrl) {
    public static final String DEFAULT_FROM = "FailDaily <no-reply@faildaily.com>";
    public static final String DEFAULT_WEB_URL = "http://localhost:8080";

    public boolean enabled() {
        return host != null;
    }

    /** {@code webUrl} + {@code path}, one slash between them whatever the user wrote. */
    public String link(String pathAndQuery) {
        String base = webUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    }

    static URI webUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException("APP_WEB_URL must be an http(s) URL such as https://faildaily.example, got '"
                        + value + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("APP_WEB_URL is not a URL: '" + value + "'");
        }
    }
}
