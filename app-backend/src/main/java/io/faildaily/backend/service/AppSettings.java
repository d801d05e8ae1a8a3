package io.faildaily.backend.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.Times;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The settings an administrator changes at run time (table app_config, V7): one JSON object per key, read over
 * the application's defaults (a missing row or a value that is not a JSON object means the defaults), written
 * whole. As in the original, keys this backend does not know are kept as they are.
 * <p>Posts, comments and reactions read the points settings on every action: each stored value is remembered
 * for {@link #CACHE_TTL} (a write through this backend forgets it at once; another backend pod sees the change
 * within that time).
 */
public final class AppSettings {
    public static final String MODERATION = "moderation";
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    public static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ConcurrentHashMap<String, Stored> cache = new ConcurrentHashMap<>();
    /** Keys written by a transaction not yet ended, per connection: what it reads of them is its own, not cached. */
    private final ConcurrentHashMap<Connection, Set<String>> uncommitted = new ConcurrentHashMap<>();

    /** A key's stored text (empty: no row) as read at {@code readAtNanos}. */
    private record Stored(Optional<String> text, long readAtNanos) {}

    public AppSettings(Jdbc jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** The stored object of {@code key} over {@code defaults}. */
    public Map<String, Object> read(Connection c, String key, Map<String, Object> defaults) throws SQLException {
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        Optional<String> stored = storedText(c, key);
        if (stored.isPresent()) {
            try {
                merged.putAll(json.readValue(stored.get(), OBJECT));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // Not an object (edited by hand): the defaults, as the original.
            }
        }
        return merged;
    }

    private Optional<String> storedText(Connection c, String key) throws SQLException {
        Set<String> written = uncommitted.get(c);
        if (written != null && written.contains(key)) {
            return Jdbc.queryOne(c, "SELECT config_value FROM app_config WHERE config_key = ?", rs -> rs.getString(1),
                    key);
        }
        Stored cached = cache.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAtNanos() < CACHE_TTL.toNanos()) {
            return cached.text();
        }
        Optional<String> text = Jdbc.queryOne(c, "SELECT config_value FROM app_config WHERE config_key = ?",
                rs -> rs.getString(1), key);
        cache.put(key, new Stored(text, now));
        return text;
    }

    public Map<String, Object> read(String key, Map<String, Object> defaults) {
        return jdbc.read(c -> read(c, key, defaults));
    }

    /** Stores {@code value} as the whole object of {@code key}. */
    public void write(Connection c, String key, Map<String, Object> value) throws SQLException {
        String text;
        try {
            text = json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        LocalDateTime now = Times.now(clock);
        Jdbc.update(c, "INSERT INTO app_config (id, config_key, config_value, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE config_value = ?, updated_at = ?",
                Ids.newId(), key, text, now, now, text, now);
        // Forgotten now and again when the transaction ends: until then this transaction reads its own value
        // uncached (it may still roll back), and a value another request cached meanwhile is the old one.
        cache.remove(key);
        uncommitted.computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet()).add(key);
        Jdbc.afterCompletion(c, () -> {
            uncommitted.remove(c);
            cache.remove(key);
        });
    }

    public ModerationSettings moderation(Connection c) throws SQLException {
        return ModerationSettings.from(read(c, MODERATION, ModerationSettings.DEFAULTS));
    }

    public ModerationSettings moderation() {
        return jdbc.read(this::moderation);
    }

    public PointsSettings points(Connection c) throws SQLException {
        return PointsSettings.from(read(c, PointsSettings.POINTS, PointsSettings.POINT_DEFAULTS),
                read(c, PointsSettings.REACTION_POINTS, PointsSettings.reactionDefaults()));
    }

    public BadgeThresholds badgeThresholds(Connection c) throws SQLException {
        return BadgeThresholds.from(read(c, BadgeThresholds.KEY, BadgeThresholds.DEFAULTS));
    }

    public PointsSettings points() {
        return jdbc.read(this::points);
    }
}
