package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The SMTP server the backend sends its mails through (password reset links): app-backend's SMTP_* variables, its
 * login from a Secret the user owns (keys {@code username} and {@code password}, as a kubernetes.io/basic-auth
 * Secret has them), and APP_WEB_URL, the base of the links, set to the application's URL.
 */
@SpecData
public class SmtpSpec {
    /** The variables the operator sets when smtp is given; spec.backend.env may not set them then. */
    public static final String CEL_NAMES = "['SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE', 'SMTP_USER', 'SMTP_PASS', "
            + "'SMTP_FROM', 'APP_WEB_URL']";
    /** The same names for the operator's check. */
    public static final java.util.Set<String> NAMES = ReservedEnv.parse(CEL_NAMES);
    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";

    @JsonPropertyDescription("Host name or IP address of the SMTP server.")
    @Required
    @Pattern(Patterns.HOST_NAME)
    private String host;

    @JsonPropertyDescription("Port. Default " + Defaults.SMTP_PORT + " (submission with STARTTLS); 465 with secure: true.")
    @Min(1)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription("true: implicit TLS from the first byte (SMTPS, usually port 465). false (default): "
            + "STARTTLS when the server offers it. The server's certificate is always verified.")
    private Boolean secure;

    @JsonPropertyDescription("Sender, e.g. 'FailDaily <no-reply@example.org>'. Default: the backend's "
            + "(FailDaily <no-reply@faildaily.com>).")
    @Pattern(Patterns.MAIL_SENDER)
    private String from;

    @JsonPropertyDescription("Name of a Secret in the same namespace with the SMTP login: keys 'username' and "
            + "'password'. None: no login (a relay that trusts the cluster).")
    @Pattern(Patterns.OBJECT_NAME)
    private String credentialsSecret;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return Objects.requireNonNullElse(port, Defaults.SMTP_PORT);
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Boolean getSecure() {
        return Objects.requireNonNullElse(secure, false);
    }

    public void setSecure(Boolean secure) {
        this.secure = secure;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getCredentialsSecret() {
        return credentialsSecret;
    }

    public void setCredentialsSecret(String credentialsSecret) {
        this.credentialsSecret = credentialsSecret;
    }
}
