package io.faildaily.backend.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.Times;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log store's writer (system_logs, V10): what the backend records of its members' and staff's actions, for the
 * staff's log views. A request only queues its entry; one thread writes the queue in batches (one transaction of
 * two statements per batch, the entries and their per-day tallies), so logging adds no database round trip to any
 * request. An entry reaches the table within {@link #FLUSH_EVERY}; one queued when the process dies is lost, and
 * when the queue is full (the database down for long) new entries are dropped and counted. Entries older than the
 * retention (LOG_RETENTION_DAYS) are deleted by the same thread, hourly.
 */
public final class ActivityLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityLog.class);
    public static final Duration FLUSH_EVERY = Duration.ofMillis(200);
    static final int QUEUE = 20_000;
    static final int BATCH = 500;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final int PRUNE_CHUNK = 5_000;
    static final int MAX_MESSAGE = 2_000;

    public enum Level {
        INFO, WARNING, ERROR, DEBUG;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<Level> parse(String value) {
            for (Level l : values()) {
                if (l.wireName().equals(value)) {
                    return java.util.Optional.of(l);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** Who did it and from where; {@code userId} may be null. */
    public record Actor(String userId, String ip, String userAgent) {
        public static final Actor NONE = new Actor(null, null, null);
    }

    record Entry(String id, String level, String message, String action, String details, Actor actor,
                 LocalDateTime at) {}

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration retention;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public ActivityLog(Jdbc jdbc, ObjectMapper json, Clock clock, int retentionDays) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.retention = Duration.ofDays(retentionDays);
        this.writer = new Thread(this::run, "activity-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues an entry; never blocks, never fails the caller. */
    public void record(Level level, String action, String message, Map<String, ?> details, Actor actor) {
        if (!queue.offer(entry(level, action, message, details, actor))) {
            dropped.incrementAndGet();
        }
    }

    /** Writes an entry now (the staff's own POST /api/logs/system answers its id) and returns its id. */
    public String recordNow(Level level, String action, String message, Map<String, ?> details, Actor actor) {
        Entry e = entry(level, action, message, details, actor);
        jdbc.inTransaction(c -> {
            write(c, List.of(e));
            return null;
        });
        return e.id();
    }

    public long dropped() {
        return dropped.get();
    }

    private Entry entry(Level level, String action, String message, Map<String, ?> details, Actor actor) {
        String text = null;
        if (details != null) {
            try {
                text = json.writeValueAsString(details);
            } catch (JsonProcessingException e) {
                text = null;
            }
        }
        String m = message == null ? "" : message;
        return new Entry(Ids.newId(), level.wireName(), m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) : m,
                action, text, actor == null ? Actor.NONE : actor, Times.now(clock));
    }

    private void run() {
        long nextPrune = System.nanoTime();
        List<Entry> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    writeBatch(batch);
                    batch.clear();
                }
                if (System.nanoTime() - nextPrune >= 0) {
                    prune();
                    nextPrune = System.nanoTime() + PRUNE_EVERY.toNanos();
                }
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException e) {
                LOG.warn("Activity log: {} entries not written: {}", batch.size(), e.getMessage());
                batch.clear();
            }
        }
    }

    private void writeBatch(List<Entry> batch) {
        jdbc.inTransaction(c -> {
            write(c, batch);
            return null;
        });
    }

    private static void write(Connection c, List<Entry> batch) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO system_logs (id, level, message, action, details, "
                + "user_id, ip_address, user_agent, created_at) VALUES ");
        List<Object> params = new ArrayList<>();
        // Tallies in key order: two backends writing batches lock the same rows in the same order.
        Map<String, Object[]> tallies = new TreeMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Entry e = batch.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(java.util.Arrays.asList(e.id(), e.level(), e.message(), e.action(), e.details(),
                    e.actor().userId(), clip(e.actor().ip(), 64), clip(e.actor().userAgent(), 255), e.at()));
            String userKey = e.actor().userId() == null ? "" : e.actor().userId();
            String day = e.at().toLocalDate().toString();
            tallies.compute(day + '|' + e.action() + '|' + e.level() + '|' + userKey, (k, v) -> v == null
                    ? new Object[] {day, e.action(), e.level(), userKey, 1} : new Object[] {v[0], v[1], v[2], v[3],
                    (int) v[4] + 1});
        }
        Jdbc.update(c, sql.toString(), params.toArray());
        StringBuilder upsert = new StringBuilder("INSERT INTO system_log_tallies (day, action, level, user_key, "
                + "entries) VALUES ");
        List<Object> tallyParams = new ArrayList<>();
        int i = 0;
        for (Object[] t : tallies.values()) {
            upsert.append(i++ == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
            tallyParams.addAll(java.util.Arrays.asList(t));
        }
        upsert.append(" ON DUPLICATE KEY UPDATE entries = entries + VALUES(entries)");
        Jdbc.update(c, upsert.toString(), tallyParams.toArray());
    }

    private void prune() {
        LocalDateTime cutoff = Times.now(clock).minus(retention);
        jdbc.read(c -> {
            while (Jdbc.update(c, "DELETE FROM system_logs WHERE created_at < ? ORDER BY created_at LIMIT "
                    + PRUNE_CHUNK, cutoff) == PRUNE_CHUNK) {
                // chunks: no long lock on the table
            }
            Jdbc.update(c, "DELETE FROM system_log_tallies WHERE day < ?", cutoff.toLocalDate());
            return null;
        });
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
