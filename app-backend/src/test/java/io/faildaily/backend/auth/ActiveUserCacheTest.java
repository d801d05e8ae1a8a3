package io.faildaily.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ActiveUserCacheTest {

    @Test
    void remembersForTheTtlOnly() {
        AtomicLong now = new AtomicLong(0);
        ActiveUserCache cache = new ActiveUserCache(Duration.ofSeconds(5), now::get);
        AuthUser user = new AuthUser("u1", "a@b.c", "user");
        cache.put(user);
        assertThat(cache.get("u1")).contains(user);
        now.set(Duration.ofSeconds(5).toNanos());
        assertThat(cache.get("u1")).contains(user);
        now.set(Duration.ofSeconds(5).toNanos() + 1);
        assertThat(cache.get("u1")).isEmpty();
        assertThat(cache.get("other")).isEmpty();
    }

    @Test
    void zeroTtlDisablesIt() {
        ActiveUserCache cache = new ActiveUserCache(Duration.ZERO, System::nanoTime);
        cache.put(new AuthUser("u1", "a@b.c", "user"));
        assertThat(cache.get("u1")).isEmpty();
    }
}
