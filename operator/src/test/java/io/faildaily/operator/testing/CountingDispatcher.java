package io.faildaily.operator.testing;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** The mock API server's CRUD dispatcher, counting the writes it serves (the test fixtures' writes excluded). */
public class CountingDispatcher extends KubernetesCrudDispatcher {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Header the fixtures (kubelet, garbage collector, tests) send so their own writes are not counted. */
    public static final String FIXTURE_HEADER = "X-Test-Fixture";

    private final AtomicLong writes = new AtomicLong();
    private final java.util.Deque<String> lastWrites = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final AtomicLong gets = new AtomicLong();
    private final java.util.Map<String, AtomicLong> writesByNamespace = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        boolean fixture = request.getHeader(FIXTURE_HEADER) != null;
        if (!fixture) {
            if (WRITES.contains(request.getMethod())) {
                writes.incrementAndGet();
                lastWrites.addLast(request.getMethod() + " " + request.getPath());
                writesByNamespace.computeIfAbsent(namespaceOf(request.getPath()), k -> new AtomicLong()).incrementAndGet();
                while (lastWrites.size() > 50) {
                    lastWrites.pollFirst();
                }
            } else if ("GET".equals(request.getMethod()) && !request.getPath().contains("watch=true")) {
                gets.incrementAndGet();
            }
        }
        return super.dispatch(request);
    }

    /** Writes by the operator to objects of one namespace since the server started. */
    public long writes(String namespace) {
        AtomicLong count = writesByNamespace.get(namespace);
        return count == null ? 0 : count.get();
    }

    private static String namespaceOf(String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/namespaces/([^/?]+)").matcher(path);
        return m.find() ? m.group(1) : "";
    }

    /** Writes by the operator since the server started. */
    public long writes() {
        return writes.get();
    }

    /** The last writes by the operator, "METHOD path", oldest first: for failure messages. */
    public java.util.List<String> lastWrites() {
        return java.util.List.copyOf(lastWrites);
    }

    /** Non-watch GETs (lists and reads) by the operator since the server started. */
    public long gets() {
        return gets.get();
    }
}
