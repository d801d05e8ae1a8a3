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
    public static final String CRD_RESOURCE = "/META-INF/fabric8/faildailies.faildaily.io-v1.yml";

    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final CountingDispatcher dispatcher = new CountingDispatcher();
    private final KubernetesMockServer server =
            new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    private final KubernetesClient client;
    private final KubernetesClient fixtureClient;

    public MockCluster() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        fixtureClient = server.createClient(b -> b.withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
                        .withCustomHeaders(java.util.Map.of(CountingDispatcher.FIXTURE_HEADER, "true")).build()));
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

    public CountingDispatcher dispatcher() {
        return dispatcher;
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
