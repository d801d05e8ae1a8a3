package io.faildaily.operator.objectstore;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The small file written beside a dump once the dump is known good and wholly uploaded: its existence is what
 * makes a backup complete, and the newest manifest names the newest backup. Also what a restore checks the
 * object against (size, SHA-256), and what a restore drill compares row counts with.
 *
 * <p>Names: {@code faildaily_backup_YYYYMMDD_HHMMSS.sql.gz} and {@code faildaily_backup_YYYYMMDD_HHMMSS.manifest.json}
 * in the FailDaily's folder; they sort by time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "file", "database", "startedAt", "finishedAt", "size", "sha256", "tables", "binlog"})
public record Manifest(int format, String file, String database, String startedAt, String finishedAt, long size,
                       String sha256, Map<String, Long> tables, Binlog binlog) {
    public static final int FORMAT = 1;
    public static final String DUMP_SUFFIX = ".sql.gz";
    public static final String SUFFIX = ".manifest.json";
    public static final String PREFIX = "faildaily_backup_";

    /** Where the dump was taken in the binary log, for point-in-time recovery from it. */
    public record Binlog(String file, long position) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Manifest {
        tables = tables == null ? Map.of() : new LinkedHashMap<>(tables);
    }

    /** The manifest's name for a dump's name. */
    public static String nameFor(String dump) {
        if (!dump.endsWith(DUMP_SUFFIX)) {
            throw new IllegalArgumentException(dump + " is not a " + DUMP_SUFFIX + " backup");
        }
        return dump.substring(0, dump.length() - DUMP_SUFFIX.length()) + SUFFIX;
    }

    /** The dump's name for a manifest's name. */
    public static String dumpFor(String manifest) {
        return manifest.substring(0, manifest.length() - SUFFIX.length()) + DUMP_SUFFIX;
    }

    public static boolean isManifest(String name) {
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    public static boolean isDump(String name) {
        return name.startsWith(PREFIX) && name.endsWith(DUMP_SUFFIX);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("a manifest always serialises", e);
        }
    }

    public static Manifest fromJson(byte[] json, String name) throws StoreFailure {
        try {
            Manifest manifest = JSON.readValue(json, Manifest.class);
            if (manifest.format() != FORMAT || manifest.sha256() == null || manifest.file() == null) {
                throw new StoreFailure("BadManifest", name + " is not a manifest of format " + FORMAT);
            }
            return manifest;
        } catch (IOException e) {
            throw new StoreFailure("BadManifest", name + " is not a readable manifest: " + StoreFailure.firstLine(
                    String.valueOf(e.getMessage())));
        }
    }
}
