package io.faildaily.backend.observability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends lines (JSON documents) to stdout and/or a file from one background thread, so request threads
 * never wait on disk or on a slow log collector. When the queue is full, lines are dropped and counted:
 * serving requests matters more than logging them.
 *
 * <p>The thread wakes every {@link #FLUSH_INTERVAL_MS} ms and writes what came in since, rather than blocking on
 * the queue: a blocked reader is woken by every line, so under load each request paid a thread wake-up and two
 * write system calls (stdout and the file) for its one line.
 */
public final class LineLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LineLog.class);
    private static final String POISON = "\u0000stop";
    static final long FLUSH_INTERVAL_MS = 50;

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(20_000);
    private final List<Writer> outputs = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private Writer stdoutWriter;

    public LineLog(String name, PrintStream stdout, Path file) {
        if (stdout != null) {
            stdoutWriter = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
            outputs.add(stdoutWriter);
        }
        if (file != null) {
            try {
                Files.createDirectories(file.getParent());
                outputs.add(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND));
            } catch (IOException | RuntimeException e) {
                // A read-only or missing log volume must not stop the API; stdout still has everything.
                LOG.warn("Cannot write {} ({}); logging to stdout only", file, e.toString());
            }
        }
        worker = new Thread(this::drain, "log-" + name);
        worker.setDaemon(true);
        worker.start();
    }

    public void append(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        List<String> batch = new ArrayList<>(512);
        try {
            while (true) {
                int taken = queue.drainTo(batch, 512);
                boolean stop = false;
                for (String line : batch) {
                    if (line == POISON) { // identity: only our own marker
                        stop = true;
                        break;
                    }
                    for (Writer w : outputs) {
                        w.write(line);
                        w.write('\n');
                    }
                }
                if (taken > 0) {
                    for (Writer w : outputs) {
                        w.flush();
                    }
                }
                batch.clear();
                if (stop) {
                    return;
                }
                if (taken < 512) {
                    Thread.sleep(FLUSH_INTERVAL_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Log output failed: {}", e.toString());
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        try {
            queue.put(POISON);
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Writer w : outputs) {
            try {
                w.flush();
                if (w != stdoutWriter) { // stdout belongs to the process, not to us
                    w.close();
                }
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
    }
}
