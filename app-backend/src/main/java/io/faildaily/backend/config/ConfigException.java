package io.faildaily.backend.config;

/** A setting is missing or malformed: the process must not start with it. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
