package io.faildaily.operator.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** The random-looking suffixes of pod names a ReplicaSet gives, here counted so that runs repeat. */
final class PodNames {
    private final AtomicInteger next = new AtomicInteger(36 * 36 * 36 * 36);

    String next() {
        return Integer.toString(next.getAndIncrement(), 36);
    }
}
