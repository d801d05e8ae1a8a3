package io.faildaily.operator.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The upload side of a backup pod: reads the SQL mysqldump writes into the shared pipe, compresses it, and
 * streams it to the store as a multipart upload while hashing it and counting its rows; then, only if the
 * dump ended well (exit status 0 and mysqldump's closing line), completes the upload and writes the
 * manifest, and applies retention to the folder. A failed dump aborts the upload: no object of its name
 * appears, and the newest manifest still names the previous backup.
 */
public final class BackupUpload {
    /** Parts held in memory at a time: one. Well above S3's 5 MiB minimum, far below the pod's memory. */
    public static final int PART_SIZE = 8 * 1024 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    /** A backup that ended with the dump, not the store: the dump container reports why. */
    public static final class DumpFailed extends Exception {
        DumpFailed(String message) {
            super(message);
        }
    }

    /** A complete backup, and what retention deleted (or could not). */
    public record Result(Manifest manifest, List<String> deleted, String retentionProblem) {
    }

    private final ObjectStore store;
    private final StreamDir stream;
    private final String database;
    private final int retention;
    private final Clock clock;
    private final Duration startLimit;

    public BackupUpload(ObjectStore store, StreamDir stream, String database, int retention, Clock clock, Duration startLimit) {
        this.store = store;
        this.stream = stream;
        this.database = database;
        this.retention = retention;
        this.clock = clock;
        this.startLimit = startLimit;
    }

    public Result run() throws StoreFailure, DumpFailed, InterruptedException {
        if (!stream.awaitPipeOr(StreamDir.DUMP_STATUS, startLimit)) {
            throw new DumpFailed("the dump ended before it started (" + stream.read(StreamDir.DUMP_STATUS).orElse("") + ")");
        }
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<String> names;
        try {
            names = store.list();
        } catch (StoreFailure e) {
            giveUp(e);
            throw e;
        }
        String name = freeName(names, started);
        MultipartUpload upload;
        try {
            upload = store.upload(name, "application/gzip", PART_SIZE);
        } catch (StoreFailure e) {
            giveUp(e);
            throw e;
        }
        stream.write(StreamDir.UPLOAD_READY, name);
        MessageDigest sha256 = sha256();
        DumpFacts facts = new DumpFacts();
        Optional<InputStream> opened;
        try {
            opened = stream.openUnless(Files::newInputStream, StreamDir.DUMP_STATUS);
        } catch (IOException e) {
            upload.abort();
            throw new StoreFailure("ReadFailed", "opening " + stream.pipe() + " failed: " + e.getMessage());
        }
        if (opened.isEmpty()) {
            upload.abort();
            throw new DumpFailed("the dump ended without writing (" + stream.read(StreamDir.DUMP_STATUS).orElse("") + ")");
        }
        InputStream sql = opened.get();
        try {
            GZIPOutputStream gzip = new GZIPOutputStream(new DigestOutputStream(upload, sha256), 64 * 1024);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = sql.read(buffer)) >= 0; ) {
                facts.accept(buffer, 0, n);
                gzip.write(buffer, 0, n);
            }
            gzip.finish();
        } catch (IOException e) {
            StoreFailure failure = e.getCause() instanceof StoreFailure s ? s
                    : new StoreFailure("ReadFailed", "reading the dump from " + stream.pipe() + " failed: " + e.getMessage());
            // Said before the pipe closes: the dump that then fails on it knows it is not the cause.
            stream.write(StreamDir.UPLOAD_FAILED, failure.getMessage());
            upload.abort();
            throw failure;
        } finally {
            close(sql);
        }
        String status = stream.await(StreamDir.DUMP_STATUS, Duration.ofMinutes(1)).orElse("no status");
        if (!"0".equals(status)) {
            upload.abort();
            throw new DumpFailed("mysqldump ended with " + status + ": the upload was discarded");
        }
        if (!facts.completed()) {
            upload.abort();
            throw new DumpFailed("the dump does not end with mysqldump's '-- Dump completed' line: the upload was discarded");
        }
        try {
            upload.complete();
        } catch (StoreFailure e) {
            upload.abort();
            throw e;
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, name, database, started.toString(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), upload.size(),
                HexFormat.of().formatHex(sha256.digest()), facts.rows(),
                facts.binlogFile() == null ? null : new Manifest.Binlog(facts.binlogFile(), facts.binlogPosition()));
        store.write(Manifest.nameFor(name), manifest.toJson(), "application/json");
        return retention(manifest);
    }

    /** Retention after a complete backup; a store that refuses deletions does not make the backup fail. */
    private Result retention(Manifest manifest) {
        List<String> deleted = new ArrayList<>();
        try {
            for (String old : Retention.toDelete(store.list(), retention)) {
                store.delete(old);
                deleted.add(old);
            }
            return new Result(manifest, deleted, null);
        } catch (StoreFailure e) {
            return new Result(manifest, deleted, e.getMessage());
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the pipe: nothing to lose
        }
    }

    /** Tells the dump side, which waits for this side's word before it dumps, that there is nothing to dump into. */
    private void giveUp(StoreFailure e) {
        stream.write(StreamDir.UPLOAD_FAILED, e.getMessage());
    }

    /**
     * faildaily_backup_YYYYMMDD_HHMMSS.sql.gz, or with _01, _02, … when a backup of the same second exists
     * (a scheduled and an on-demand one): names still sort by time.
     */
    static String freeName(List<String> names, Instant started) {
        String stamp = Manifest.PREFIX + STAMP.format(started);
        String name = stamp + Manifest.DUMP_SUFFIX;
        for (int i = 1; names.contains(name) || names.contains(Manifest.nameFor(name)); i++) {
            name = stamp + String.format("_%02d", i) + Manifest.DUMP_SUFFIX;
        }
        return name;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
