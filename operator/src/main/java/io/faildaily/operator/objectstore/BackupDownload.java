package io.faildaily.operator.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The download side of a restore pod from the store. First proves the named backup whole without keeping
 * it: its manifest exists (the backup completed), and the object read end to end has the manifest's size
 * and SHA-256. Only then does it say "ok" to the restore script, which saves the current data and empties
 * the database, and stream the object a second time into the pipe it loads from. A backup that is missing,
 * incomplete, truncated or altered is refused before the database is touched.
 */
public final class BackupDownload {
    /** The restore side stopped reading (it failed, and says why): not this side's failure to report. */
    public static final class RestoreStopped extends Exception {
        RestoreStopped(String message) {
            super(message);
        }
    }

    private final ObjectStore store;
    private final StreamDir stream;
    private final Duration startLimit;

    public BackupDownload(ObjectStore store, StreamDir stream, Duration startLimit) {
        this.store = store;
        this.stream = stream;
        this.startLimit = startLimit;
    }

    /** Verifies and streams {@code name}; returns its manifest. */
    public Manifest run(String name) throws StoreFailure, RestoreStopped, InterruptedException {
        return run(name, manifest -> { });
    }

    /**
     * Verifies {@code name}, hands its manifest to {@code verified} (a drill writes the row counts the restored copy
     * must have) before it says "ok", then streams it; returns its manifest.
     */
    public Manifest run(String name, Consumer<Manifest> verified) throws StoreFailure, RestoreStopped, InterruptedException {
        Manifest manifest;
        try {
            manifest = verify(name);
        } catch (StoreFailure e) {
            stream.write(StreamDir.VERIFIED, "error=" + e.getMessage());
            throw e;
        }
        verified.accept(manifest);
        stream.write(StreamDir.VERIFIED, "ok");
        if (!stream.awaitPipeOr(StreamDir.RESTORE_ENDED, startLimit)) {
            throw new RestoreStopped("the restore ended before reading");
        }
        Optional<OutputStream> opened;
        try {
            opened = stream.openUnless(Files::newOutputStream, StreamDir.RESTORE_ENDED);
        } catch (IOException e) {
            throw new RestoreStopped("opening " + stream.pipe() + " failed: " + e.getMessage());
        }
        if (opened.isEmpty()) {
            throw new RestoreStopped("the restore ended before reading");
        }
        MessageDigest sha256 = BackupUpload.sha256();
        long size = 0;
        try (OutputStream pipe = opened.get(); InputStream in = store.open(name)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = read(in, buffer, name)) >= 0; ) {
                sha256.update(buffer, 0, n);
                size += n;
                try {
                    pipe.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new RestoreStopped("the restore stopped reading after " + size + " bytes");
                }
            }
        } catch (IOException e) {
            throw new RestoreStopped("the restore stopped reading: " + e.getMessage());
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (size != manifest.size() || !digest.equals(manifest.sha256())) {
            throw new StoreFailure("Changed", name + " changed while it was restored (" + size + " bytes, SHA-256 "
                    + digest + "; the manifest says " + manifest.size() + " bytes, " + manifest.sha256() + ")");
        }
        return manifest;
    }

    /** The newest complete backup of the folder: the newest manifest's dump (names sort by time). */
    public static String newest(ObjectStore store) throws StoreFailure {
        List<String> manifests = store.list().stream().filter(Manifest::isManifest).sorted().toList();
        if (manifests.isEmpty()) {
            throw new StoreFailure("NoBackup", "no complete backup in " + store.settings().where() + " (no manifest)");
        }
        return Manifest.dumpFor(manifests.get(manifests.size() - 1));
    }

    /** A manifest's row counts as verify.sh compares them: "TABLE<tab>ROWS" lines, sorted by name. */
    public static String counts(Manifest manifest) {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(manifest.tables()).forEach((table, rows) -> lines.append(table).append('\t').append(rows).append('\n'));
        return lines.toString().strip();
    }

    private Manifest verify(String name) throws StoreFailure {
        if (!Manifest.isDump(name)) {
            throw new StoreFailure("NoSuchBackup", name + " is not a backup of the object store (their names are "
                    + Manifest.PREFIX + "YYYYMMDD_HHMMSS" + Manifest.DUMP_SUFFIX + ")");
        }
        String manifestName = Manifest.nameFor(name);
        byte[] json = store.read(manifestName).orElseThrow(() -> new StoreFailure("NoSuchBackup",
                "no complete backup named " + name + " in " + store.settings().where() + " (no " + manifestName
                        + ": it never finished, or retention deleted it)"));
        Manifest manifest = Manifest.fromJson(json, manifestName);
        MessageDigest sha256 = BackupUpload.sha256();
        long size = 0;
        try (InputStream in = store.open(name)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = read(in, buffer, name)) >= 0; ) {
                sha256.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new StoreFailure("ReadFailed", "reading " + name + " failed: " + e.getMessage());
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (size != manifest.size() || !digest.equals(manifest.sha256())) {
            throw new StoreFailure("Corrupt", name + " is truncated or corrupt: " + size + " bytes with SHA-256 "
                    + digest + ", where its manifest says " + manifest.size() + " bytes with " + manifest.sha256());
        }
        return manifest;
    }

    private int read(InputStream in, byte[] buffer, String name) throws StoreFailure {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new StoreFailure("ReadFailed", "reading " + name + " from " + store.settings().where() + " failed: "
                    + e.getMessage());
        }
    }
}
