package io.faildaily.backend.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests being served so that SIGTERM can wait for them (graceful drain), and, once draining,
 * asks keep-alive clients to reconnect elsewhere (Connection: close).
 */
public final class InFlightRequests implements Filter {
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean draining;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        active.incrementAndGet();
        try {
            if (draining && res instanceof HttpServletResponse http) {
                http.setHeader("Connection", "close");
            }
            chain.doFilter(req, res);
            // Complete the response (last chunk included) before counting the request as done: the container
            // would otherwise finish it after this filter returns, possibly after the drain let the server stop.
            if (!req.isAsyncStarted()) {
                try {
                    res.getOutputStream().close();
                } catch (IllegalStateException usedWriter) {
                    res.getWriter().close();
                }
            }
        } finally {
            // Only a drain waits: taking the monitor on every request made the request threads queue on it.
            // Safe without it: drain() sets the flag before it reads the count, and this reads the flag after
            // lowering the count, so either drain() sees zero or this sees the flag.
            if (active.decrementAndGet() == 0 && draining) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    public int active() {
        return active.get();
    }

    public boolean draining() {
        return draining;
    }

    /** Marks the server as draining and waits until no request is in flight, at most {@code timeout}. */
    public boolean drain(Duration timeout) {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (active.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
