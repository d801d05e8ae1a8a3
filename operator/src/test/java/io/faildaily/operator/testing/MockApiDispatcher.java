package io.faildaily.operator.testing;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The mock API server's CRUD dispatcher, counting the requests the operator makes (the test fixtures'
 * are told apart by a header), recording what each asks in RBAC's terms ({@link RequestInfo}), and, when
 * a test asks, answering a share of the operator's writes with an error instead, the way an overloaded or
 * failing API server does.
 *
 * <p>Its write path defaults what is created or replaced as kube-apiserver does ({@link
 * ApiServerEmulation#defaults}: pod template, container, probe, workload, Service and Job defaults,
 * canonical quantities), so every operator-on-mock test meets server-shaped objects, and a matcher that
 * takes a server default for a change shows up as writes in a steady state. It also answers the field
 * selectors of a LIST of Events as the server does ({@link EventFieldSelector}). Still not modelled here:
 * server-side apply (the mock answers 415/404), managedFields, admission, immutable fields; a PATCH's
 * result is not defaulted again. The emulation tier (ServerShapedMatchTest) covers apply and managedFields.
 */
public class MockApiDispatcher extends KubernetesCrudDispatcher {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Header the fixtures (kubelet, garbage collector, tests) send so their own writes are not counted. */
    public static final String FIXTURE_HEADER = "X-Test-Fixture";

    private final AtomicLong writes = new AtomicLong();
    private final java.util.Deque<String> lastWrites = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong watches = new AtomicLong();
    private final java.util.Map<String, AtomicLong> writesByNamespace = new java.util.concurrent.ConcurrentHashMap<>();
    /** Distinct requests of the operator: the mock authorises nothing, so RbacRulesTest checks these. */
    private final Set<RequestInfo> operatorRequests = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Map<RequestInfo, AtomicLong> requestCounts = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String reviewedRules = DEFAULT_REVIEWED_RULES;

    private final java.util.Random random = new java.util.Random(42);
    private volatile double faultRate;
    private volatile int[] faultCodes = {500};
    private final AtomicLong faults = new AtomicLong();

    /** From now on, answer this share of the operator's writes with one of these codes (0 stops). */
    public void injectFaults(double rate, int... codes) {
        this.faultCodes = codes;
        this.faultRate = rate;
    }

    /** Faults injected so far. */
    public long faults() {
        return faults.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        boolean fixture = request.getHeader(FIXTURE_HEADER) != null;
        if (!fixture) {
            RequestInfo info = RequestInfo.of(request.getMethod(), request.getPath());
            operatorRequests.add(info);
            requestCounts.computeIfAbsent(info, k -> new AtomicLong()).incrementAndGet();
        }
        if (request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
            return authorizedForLeases();
        }
        if (!fixture && WRITES.contains(request.getMethod()) && faultRate > 0) {
            synchronized (random) {
                if (random.nextDouble() < faultRate) {
                    faults.incrementAndGet();
                    int code = faultCodes[random.nextInt(faultCodes.length)];
                    return new MockResponse().setResponseCode(code).setHeader("Retry-After", "1")
                            .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                                    + ",\"reason\":\"InjectedFault\",\"message\":\"injected by the test\"}");
                }
            }
        }
        if (!fixture) {
            if (WRITES.contains(request.getMethod())) {
                writes.incrementAndGet();
                lastWrites.addLast(request.getMethod() + " " + request.getPath());
                writesByNamespace.computeIfAbsent(namespaceOf(request.getPath()), k -> new AtomicLong()).incrementAndGet();
                while (lastWrites.size() > 50) {
                    lastWrites.pollFirst();
                }
            } else if ("GET".equals(request.getMethod()) && request.getPath().contains("watch=true")) {
                watches.incrementAndGet();
            } else if ("GET".equals(request.getMethod())) {
                gets.incrementAndGet();
            }
        }
        Optional<EventFieldSelector> eventSelector = EventFieldSelector.of(request);
        if (eventSelector.isPresent()) {
            return eventSelector.get().dispatch(request, super::dispatch);
        }
        return super.dispatch(defaulted(request));
    }

    private final AtomicLong serial = new AtomicLong();

    /** A create or replace with the server's defaults added to its body; other requests as they are. */
    private RecordedRequest defaulted(RecordedRequest request) {
        if (!("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod())) || request.getBody() == null) {
            return request;
        }
        String body = request.getUtf8Body();
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object && ApiServerEmulation.defaults(object.path("kind").asText())) {
                ApiServerEmulation.defaults(object, (int) serial.incrementAndGet());
                body = JSON.writeValueAsString(object);
            }
        } catch (java.io.IOException notJson) {
            // Passed on as it came: the mock answers it as it would have.
        }
        return withBody(request, request.getPath(), request.getHeaders(), body);
    }

    /** The request with another path, headers and body (reading a request's body consumes it). */
    public static RecordedRequest withBody(RecordedRequest request, String path, Headers headers, String body) {
        return new RecordedRequest(request.getRequestLine(), request.method(), path, headers,
                new Buffer(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The Lease verbs the chart grants (JOSDK refuses to elect a leader without create, get and update). */
    private static final String DEFAULT_REVIEWED_RULES = "[{\"apiGroups\":[\"coordination.k8s.io\"],"
            + "\"resources\":[\"leases\"],\"verbs\":[\"create\",\"get\",\"patch\",\"update\"]}]";

    /**
     * The authorizer's answer to "what may I do here?", which JOSDK asks before leader election. The CRUD
     * mock stores objects but authorizes nothing, so the answer is given: by default {@link #DEFAULT_REVIEWED_RULES},
     * or the rules a test read from the chart ({@link #answerRulesReviewWith}).
     */
    private MockResponse authorizedForLeases() {
        return new MockResponse().setResponseCode(201).setBody("{\"apiVersion\":\"authorization.k8s.io/v1\","
                + "\"kind\":\"SelfSubjectRulesReview\",\"status\":{\"incomplete\":false,\"resourceRules\":"
                + reviewedRules + ",\"nonResourceRules\":[]}}");
    }

    /** Answer JOSDK's SelfSubjectRulesReview with these resource rules (a JSON array of RBAC rules). */
    public void answerRulesReviewWith(String resourceRulesJson) {
        this.reviewedRules = resourceRulesJson;
    }

    /** Every distinct request the operator made since the server started, in RBAC's terms. */
    public Set<RequestInfo> operatorRequests() {
        return Set.copyOf(operatorRequests);
    }

    /** How many requests of the operator since the server started were of this sort. */
    public long operatorRequests(java.util.function.Predicate<RequestInfo> which) {
        return requestCounts.entrySet().stream().filter(e -> which.test(e.getKey())).mapToLong(e -> e.getValue().get()).sum();
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

    /** Watches the operator opened since the server started. */
    public long watches() {
        return watches.get();
    }

    /** Non-watch GETs (lists and reads) by the operator since the server started. */
    public long gets() {
        return gets.get();
    }
}
