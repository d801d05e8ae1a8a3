package io.faildaily.operator.objectstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The emptyDir the two containers of a backup or restore pod share: the named pipe the dump flows through,
 * and the small files by which each side tells the other how it ended (written whole, by rename, so that the
 * other side never reads half of one). The pipe is made by the database image's script (mkfifo).
 */
public final class StreamDir {
    /** The dump's SQL text (backup: mysqldump writes, the upload reads) or gzip (restore: the download writes). */
    public static final String PIPE = "dump.pipe";
    /** Backup: mysqldump's exit status, written by backup.sh before it closes the pipe. */
    public static final String DUMP_STATUS = "dump.status";
    /** Backup: the store accepted the upload; backup.sh starts mysqldump into the pipe only then. */
    public static final String UPLOAD_READY = "upload.ready";
    /** Backup: the upload failed (its reason inside); the dump that stops on the closed pipe is not the cause. */
    public static final String UPLOAD_FAILED = "upload.failed";
    /** Restore: "ok" once the object matched its manifest, else "error=…": nothing is touched before it says ok. */
    public static final String VERIFIED = "verified";
    /** Restore drill: the rows per table the backup's manifest records ("TABLE<tab>ROWS" lines), written before "ok". */
    public static final String COUNTS = "counts";
    /** Restore drill: the name of the backup it restores (the newest complete one), written before "ok". */
    public static final String BACKUP = "backup";
    /** Restore: restore.sh has ended (its exit status inside), whether or not it read the pipe. */
    public static final String RESTORE_ENDED = "restore.ended";

    /** Opening one end of the pipe, which blocks until the other end is opened too. */
    public interface Opener<T> {
        T open(Path pipe) throws IOException;
    }

    private final Path dir;

    public StreamDir(Path dir) {
        this.dir = dir;
    }

    public Path pipe() {
        return dir.resolve(PIPE);
    }

    public void write(String name, String content) {
        try {
            Path partial = dir.resolve("." + name + ".partial");
            Files.writeString(partial, content + "\n", StandardCharsets.UTF_8);
            Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> read(String name) {
        try {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the pipe exists or {@code other} is written (the other side ended first); true for the pipe. */
    public boolean awaitPipeOr(String other, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(pipe())) {
                return true;
            }
            if (Files.exists(dir.resolve(other))) {
                return false;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no " + pipe() + " after " + limit.toSeconds() + " s: the other container never started");
    }

    /**
     * Opens the pipe (blocking until the other side opens its end), unless the other side writes {@code ended}
     * first: then empty, and the opening thread is left blocked as a daemon, ended with the JVM.
     */
    public <T> Optional<T> openUnless(Opener<T> opener, String ended) throws IOException, InterruptedException {
        CompletableFuture<T> opened = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                opened.complete(opener.open(pipe()));
            } catch (IOException | RuntimeException e) {
                opened.completeExceptionally(e);
            }
        }, "pipe-open");
        thread.setDaemon(true);
        thread.start();
        while (true) {
            try {
                return Optional.of(opened.get(50, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                if (Files.exists(dir.resolve(ended))) {
                    // One last look: the other side may have opened and ended in the same moment.
                    return opened.isDone() ? Optional.of(opened.join()) : Optional.empty();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    public Optional<String> await(String name, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> content = read(name);
            if (content.isPresent()) {
                return content;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

}
