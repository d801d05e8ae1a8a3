package io.faildaily.backend.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build knows about this backend: its version, the Maven project's, written into
 * {@code build.properties} by resource filtering. One release, one version, never a string in the code.
 */
public final class BuildInfo {
    private static final String RESOURCE = "build.properties";

    /** The Maven project version ("0.1.0"); "unknown" in a class path whose resources were not filtered. */
    public static final String VERSION = load();

    private BuildInfo() {}

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/faildaily/backend/" + RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            return version.isBlank() || version.startsWith("${") ? "unknown" : version.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
