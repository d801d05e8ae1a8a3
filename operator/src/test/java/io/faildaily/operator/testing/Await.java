package io.faildaily.operator.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls until a condition holds, failing with a description of what never happened. */
public final class Await {
    private Await() {}

    public static final Duration DEFAULT = Duration.ofSeconds(30);

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(50);
        }
        AssertionError error = new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
        if (last != null) {
            error.initCause(last);
        }
        throw error;
    }

    /** The value once it is non-null. */
    public static <T> T value(String what, Supplier<T> supplier) {
        Object[] holder = new Object[1];
        until(what, () -> (holder[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T value = (T) holder[0];
        return value;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
