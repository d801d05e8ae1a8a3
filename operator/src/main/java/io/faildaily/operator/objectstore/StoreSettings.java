package io.faildaily.operator.objectstore;

import java.net.URI;
import java.util.Map;

import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.Patterns;

/**
 * Where the Job's object-store container reads and writes: the store, the bucket, this FailDaily's folder in
 * it, and the access key. It comes as environment variables (the operator renders them, the keys by
 * secretKeyRef), so that no secret is ever on a command line.
 */
public record StoreSettings(URI endpoint, String bucket, String prefix, String region, boolean pathStyle,
                            String accessKeyId, String secretAccessKey) {
    public static final String ENDPOINT = "OBJECT_STORE_ENDPOINT";
    public static final String BUCKET = "OBJECT_STORE_BUCKET";
    public static final String PREFIX = "OBJECT_STORE_PREFIX";
    public static final String REGION = "OBJECT_STORE_REGION";
    public static final String PATH_STYLE = "OBJECT_STORE_PATH_STYLE";
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";

    /** The settings of an environment; a missing or malformed variable is an IllegalArgumentException naming it. */
    public static StoreSettings fromEnvironment(Map<String, String> env) {
        String endpoint = required(env, ENDPOINT);
        if (!endpoint.matches(Patterns.ENDPOINT)) {
            throw new IllegalArgumentException(ENDPOINT + "='" + endpoint + "' is not an http:// or https:// URL of a host");
        }
        String bucket = required(env, BUCKET);
        String prefix = env.getOrDefault(PREFIX, "");
        if (!prefix.isEmpty() && !prefix.matches(Patterns.OBJECT_PREFIX)) {
            throw new IllegalArgumentException(PREFIX + "='" + prefix + "' is not a folder such as 'backups/shop'");
        }
        String region = env.getOrDefault(REGION, "");
        return new StoreSettings(URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint),
                bucket, prefix, region.isEmpty() ? Defaults.OBJECT_STORE_REGION : region,
                !"false".equals(env.get(PATH_STYLE)), required(env, ACCESS_KEY_ID), required(env, SECRET_ACCESS_KEY));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value.strip();
    }

    /** The key of a file in this FailDaily's folder. */
    public String key(String name) {
        return folder() + name;
    }

    /** The folder's key prefix, with its trailing '/', or "" for the bucket's root. */
    public String folder() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    /** The folder as people name it, for messages: s3://bucket/prefix/. */
    public String where() {
        return "s3://" + bucket + "/" + folder();
    }

    /** Without the secret key: these settings are logged. */
    @Override
    public String toString() {
        return where() + " at " + endpoint + " (region " + region + ", access key " + accessKeyId + ")";
    }
}
