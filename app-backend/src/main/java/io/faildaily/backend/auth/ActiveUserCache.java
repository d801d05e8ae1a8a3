package io.faildaily.backend.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers for a few seconds that a token's user exists and is active, so a page of the feed costs one
 * query instead of two. The original looked the user up on every request; the only effect of the cache is
 * that a user deleted or deactivated in the database keeps access for at most {@code ttl}.
 */
public final class ActiveUserCache {
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(AuthUser user, long expiresAt) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier nanoTime;

    public ActiveUserCache(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    public Optional<AuthUser> get(String userId) {
        if (ttlNanos <= 0) {
            return Optional.empty();
        }
        Entry e = entries.get(userId);
        if (e == null || nanoTime.getAsLong() - e.expiresAt() > 0) {
            return Optional.empty();
        }
        return Optional.of(e.user());
    }

    public void put(AuthUser user) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded: the cache only saves work, it is never the source of truth
        }
        entries.put(user.id(), new Entry(user, nanoTime.getAsLong() + ttlNanos));
    }

    public void forget(String userId) {
        entries.remove(userId);
    }
}
