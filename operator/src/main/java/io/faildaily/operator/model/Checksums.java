package io.faildaily.operator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checksums of rendered configuration. Written into a pod template annotation, a change of the
 * configuration changes the template, so the workload controller rolls the pods.
 */
public final class Checksums {
    public static final String CONFIG_ANNOTATION = "faildaily.io/config-checksum";

    private Checksums() {}

    /** SHA-256 of the entries of a ConfigMap's data, in key order. */
    public static String of(Map<String, String> data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> entry : new TreeMap<>(data).entrySet()) {
                digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(entry.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
