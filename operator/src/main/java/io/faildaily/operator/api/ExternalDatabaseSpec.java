package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An existing MySQL server the backend connects to; its password comes from a Secret the user owns. */
@SpecData
public class ExternalDatabaseSpec {
    @JsonPropertyDescription("Host name or IP address of the MySQL server.")
    @Required
    @Pattern("^[^\\s/:]+$")
    private String host;

    @JsonPropertyDescription("Port. Default " + Defaults.DATABASE_PORT + ".")
    @Min(1)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription("Database name. Default " + Defaults.DATABASE_NAME + ".")
    @Pattern("^[A-Za-z0-9_$]{1,64}$")
    private String database;

    @JsonPropertyDescription("User name. Default " + Defaults.DATABASE_USER + ".")
    @Pattern("^[^\\s]{1,32}$")
    private String user;

    @JsonPropertyDescription("Name of a Secret in the same namespace holding the user's password.")
    @Required
    @Pattern(Patterns.OBJECT_NAME)
    private String passwordSecret;

    @JsonPropertyDescription("Key of the password in that Secret. Default 'password'.")
    @Pattern("^[-._a-zA-Z0-9]+$")
    private String passwordKey;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return Objects.requireNonNullElse(port, Defaults.DATABASE_PORT);
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getDatabase() {
        return Objects.requireNonNullElse(database, Defaults.DATABASE_NAME);
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getUser() {
        return Objects.requireNonNullElse(user, Defaults.DATABASE_USER);
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPasswordSecret() {
        return passwordSecret;
    }

    public void setPasswordSecret(String passwordSecret) {
        this.passwordSecret = passwordSecret;
    }

    public String getPasswordKey() {
        return Objects.requireNonNullElse(passwordKey, "password");
    }

    public void setPasswordKey(String passwordKey) {
        this.passwordKey = passwordKey;
    }
}
