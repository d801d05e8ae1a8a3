package io.faildaily.operator.bench;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.faildaily.operator.testing.MockApiDispatcher;
import io.faildaily.operator.testing.MockCluster;

/**
 * {@link MockCluster} for the benchmark: the same mock API server in CRUD mode with the generated CRD, but
 * its dispatcher also sorts the operator's writes by method and resource ("POST secrets", "PATCH
 * faildailies/status", ...), so the report can say which writes a FailDaily costs, and keeps the first
 * writes after a mark, so the report can name any write made while nothing should be written.
 */
final class BenchCluster implements AutoCloseable {
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final Writes writes = new Writes();
    private final KubernetesMockServer server =
            new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), writes, false);
    private final KubernetesClient client;
    private final KubernetesClient fixtureClient;

    BenchCluster() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        fixtureClient = server.createClient(b -> b.withConfig(new ConfigBuilder(client.getConfiguration())
                .withCustomHeaders(Map.of(MockApiDispatcher.FIXTURE_HEADER, "true")).build()));
        fixtureClient.apiextensions().v1().customResourceDefinitions().resource(MockCluster.crd()).create();
    }

    /** The operator's client: its writes are counted. */
    KubernetesClient client() {
        return client;
    }

    /** The benchmark's and the kubelet's client: not counted. */
    KubernetesClient fixtureClient() {
        return fixtureClient;
    }

    Writes writes() {
        return writes;
    }

    void createNamespace(String name) {
        fixtureClient.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                .build()).create();
    }

    @Override
    public void close() {
        fixtureClient.close();
        client.close();
        server.destroy();
    }

    /** The counting dispatcher, with the operator's writes sorted by "METHOD resource[/subresource]". */
    static final class Writes extends MockApiDispatcher {
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
}
