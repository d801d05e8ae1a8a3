package io.faildaily.operator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.faildaily.operator.testing.MockApiDispatcher;

/**
 * The mock API server's dispatcher for the benchmark: it also sorts the operator's writes by method and
 * resource ("POST secrets", "PATCH faildailies/status", ...), so the report can say which writes a
 * FailDaily costs, and keeps the first writes after a mark, so the report can name any write made while
 * nothing should be written.
 */
final class WriteBreakdown extends MockApiDispatcher {
    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int SAMPLE = 25;

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> readsByKind = new ConcurrentHashMap<>();
    private final Queue sample = new Queue();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (request.getHeader(FIXTURE_HEADER) == null && WRITE_METHODS.contains(request.getMethod())) {
            byKind.computeIfAbsent(kind(request.getMethod(), request.getPath()), k -> new LongAdder()).increment();
            sample.offer(request.getMethod() + " " + request.getPath());
        } else if (request.getHeader(FIXTURE_HEADER) == null && "GET".equals(request.getMethod())
                && !request.getPath().contains("watch=true")) {
            readsByKind.computeIfAbsent(kind("GET", request.getPath()), k -> new LongAdder()).increment();
        }
        return super.dispatch(request);
    }

    /** Writes so far by kind. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        byKind.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** The operator's GETs (lists and reads, not watches) so far by kind. */
    Map<String, Long> reads() {
        Map<String, Long> copy = new TreeMap<>();
        readsByKind.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** Keep the next writes, to name them in the report. */
    void mark() {
        sample.clear();
    }

    /** The first writes since {@link #mark()}, "METHOD path". */
    List<String> sinceMark() {
        return sample.items();
    }

    static String kind(String method, String path) {
        String[] parts = path.split("\\?", 2)[0].split("/");
        int at = -1;
        for (int i = 0; i < parts.length; i++) {
            if ("namespaces".equals(parts[i]) && i + 2 < parts.length) {
                at = i + 2;
                break;
            }
        }
        if (at < 0) {
            at = parts.length - 1; // cluster-scoped: name the last path segment
        }
        String resource = parts[at];
        boolean sub = at + 2 < parts.length;
        return method + " " + resource + (sub ? "/" + parts[at + 2] : "");
    }

    private static final class Queue {
        private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();

        void offer(String item) {
            if (size.incrementAndGet() <= SAMPLE) {
                items.add(item);
            }
        }

        void clear() {
            items.clear();
            size.set(0);
        }

        List<String> items() {
            return new ArrayList<>(items);
        }
    }
}
