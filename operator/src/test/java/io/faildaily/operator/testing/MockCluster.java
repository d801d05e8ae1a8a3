package io.faildaily.operator.testing;

import java.io.InputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A stand-in for a cluster: fabric8's mock API server in CRUD mode (real HTTP, real watches) with the
 * generated FailDaily CRD registered, so that /status is a subresource. It runs no controllers: see
 * {@link Kubelet} and {@link GarbageCollector}.
 */
public final class MockCluster implements AutoCloseable {
    /** Where the crd-generator writes the CRD ("-v1": the apiextensions.k8s.io version, not FailDaily's). */
    public static final String CRD_RESOURCE = "/META-INF/fabric8/faildailies.faildaily.io-v1.yml";

    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final MockApiDispatcher dispatcher;
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final KubernetesClient fixtureClient;

    public MockCluster() {
        this(new MockApiDispatcher());
    }

    /** With a dispatcher of the caller's, e.g. one that counts more than the default does. */
    public MockCluster(MockApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        // The mock serves every request on one thread and scans all it stores for each, so under load it is
        // far slower than an API server: give requests and connections (watches) a minute, not the client's
        // default 10 seconds.
        KubernetesClient defaults = server.createClient();
        client = server.createClient(b -> b.withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
                defaults.getConfiguration()).withRequestTimeout(60_000).withConnectionTimeout(60_000).build()));
        defaults.close();
        fixtureClient = server.createClient(b -> b.withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
                        .withCustomHeaders(java.util.Map.of(MockApiDispatcher.FIXTURE_HEADER, "true")).build()));
        fixtureClient.apiextensions().v1().customResourceDefinitions().resource(crd()).create();
    }

    /** The CRD the build generated from the api classes. */
    public static CustomResourceDefinition crd() {
        try (InputStream in = MockCluster.class.getResourceAsStream(CRD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CRD_RESOURCE + " missing: run the build through process-classes");
            }
            return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The client the operator uses: its requests are counted. */
    public KubernetesClient client() {
        return client;
    }

    /** A client for the test and its fixtures: its requests are not counted. */
    public KubernetesClient fixtureClient() {
        return fixtureClient;
    }

    public MockApiDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Closes every open watch, as an API server does when it restarts or times a watch out; informers
     * must notice and watch again. Reaches into the mock's listener set, which it does not expose.
     */
    public int dropWatches() {
        try {
            java.lang.reflect.Field field = io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher.class
                    .getDeclaredField("watchEventListeners");
            field.setAccessible(true);
            java.util.Set<?> listeners = (java.util.Set<?>) field.get(dispatcher);
            int closed = 0;
            for (Object listener : java.util.List.copyOf(listeners)) {
                java.lang.reflect.Field socketField = listener.getClass().getDeclaredField("webSocketRef");
                socketField.setAccessible(true);
                Object socket = ((java.util.concurrent.atomic.AtomicReference<?>) socketField.get(listener)).get();
                if (socket instanceof io.fabric8.mockwebserver.http.WebSocket webSocket) {
                    webSocket.close(1001, "dropped by the test");
                    closed++;
                }
            }
            return closed;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the mock API server changed: update dropWatches()", e);
        }
    }

    public void createNamespace(String name) {
        fixtureClient.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                .build()).create();
    }

    @Override
    public void close() {
        fixtureClient.close();
        client.close();
        server.destroy();
    }
}
