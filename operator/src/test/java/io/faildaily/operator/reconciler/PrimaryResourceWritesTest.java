package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.runtime.OperatorSettings;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.Kubelet;
import io.faildaily.operator.testing.MockApiDispatcher;
import io.faildaily.operator.testing.MockCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every write of the FailDaily itself (JOSDK's finalizer, the operator's status) carries no spec, in
 * both apply modes, and the user's spec is exactly as written once the instance is Ready.
 *
 * <p>The mock API server cannot apply: this test's dispatcher turns a server-side apply of an existing
 * FailDaily into a JSON merge patch of the same body. That is what a forced apply does to the fields it
 * names (they take the applied values, lists whole); it does not model field ownership (a field the
 * manager stops applying is not removed) nor create a missing object. Enough to see an applied default
 * land on the user's spec, which is the failure this test exists for; the bodies themselves are asserted
 * too, whatever a server would make of them.
 */
class PrimaryResourceWritesTest {
    private static final String FAILDAILIES = "/apis/faildaily.io/v1alpha1/namespaces/";

    @ParameterizedTest(name = "server-side apply for the FailDaily: {0}")
    @ValueSource(booleans = {true, false})
    void finalizerAndStatusWritesCarryNoSpecAndLeaveTheUsersSpecAsWritten(boolean serverSideApply) throws Exception {
        RecordingDispatcher dispatcher = new RecordingDispatcher();
        try (MockCluster cluster = new MockCluster(dispatcher);
             Kubelet kubelet = new Kubelet(cluster.fixtureClient());
             FailDailyOperator operator = new FailDailyOperator(cluster.client(),
                     new OperatorSettings(Set.of(), serverSideApply, null, 2),
                     // Children never by apply here: the mock cannot apply, and this test is about the FailDaily.
                     o -> o.withSSABasedCreateUpdateMatchForDependentResources(false))) {
            operator.start();
            cluster.createNamespace("writes");
            FailDaily production = production("writes");
            JsonNode written = specOf(production);
            cluster.fixtureClient().resource(FailDailies.asNew(production)).create();

            Await.until("the production example Ready", Duration.ofSeconds(60), () -> {
                FailDaily stored = cluster.fixtureClient().resources(FailDaily.class).inNamespace("writes")
                        .withName("faildaily").get();
                return stored.getStatus() != null && stored.getStatus().getPhase() == Phase.Ready;
            });

            FailDaily stored = cluster.fixtureClient().resources(FailDaily.class).inNamespace("writes")
                    .withName("faildaily").get();
            assertThat(stored.getFinalizers()).as("JOSDK added its finalizer").isNotEmpty();
            assertThat(specOf(stored)).as("the spec as the user wrote it, nothing reset, nothing added")
                    .isEqualTo(written);

            List<Write> writes = List.copyOf(dispatcher.primaryWrites);
            assertThat(writes).as("a finalizer write").anyMatch(w -> !w.status() && w.body().contains("finalizers"));
            assertThat(writes).as("a status write").anyMatch(Write::status);
            if (serverSideApply) {
                assertThat(writes).as("applied, in this mode").allMatch(w -> w.contentType().contains("apply-patch"));
            }
            for (Write write : writes) {
                assertThat(touchesSpec(write)).as("%s %s sends no spec: %s", write.method(), write.path(), write.body())
                        .isFalse();
            }
        }
    }

    private static FailDaily production(String namespace) throws Exception {
        String yaml = Files.readString(Path.of("..", "examples", "faildaily-production.yaml"));
        FailDaily fd = Serialization.unmarshal(yaml, FailDaily.class);
        fd.getMetadata().setNamespace(namespace);
        return fd;
    }

    private static JsonNode specOf(FailDaily fd) {
        return Serialization.jsonMapper().valueToTree(fd).path("spec");
    }

    /** A body with a spec, or a JSON Patch with an operation on it. */
    private static boolean touchesSpec(Write write) throws Exception {
        JsonNode body = new ObjectMapper(new YAMLFactory()).readTree(write.body());
        if (body.isArray()) {
            for (JsonNode op : body) {
                String path = op.path("path").asText();
                if (path.equals("/spec") || path.startsWith("/spec/")
                        || (path.isEmpty() || path.equals("/")) && op.path("value").has("spec")) {
                    return true;
                }
            }
            return false;
        }
        return body.has("spec");
    }

    record Write(String method, String path, String contentType, String body) {
        boolean status() {
            return path.contains("/status");
        }
    }

    /** Records the operator's writes of FailDaily objects; answers an apply as a merge patch (see above). */
    static final class RecordingDispatcher extends MockApiDispatcher {
        final List<Write> primaryWrites = new CopyOnWriteArrayList<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            boolean operator = request.getHeader(FIXTURE_HEADER) == null;
            boolean write = Set.of("PUT", "PATCH", "POST").contains(request.getMethod());
            if (operator && write && path.startsWith(FAILDAILIES) && path.contains("/faildailies/")) {
                String contentType = String.valueOf(request.getHeader("Content-Type"));
                // Reading the body consumes it: the request is passed on with a copy.
                String body = request.getUtf8Body();
                primaryWrites.add(new Write(request.getMethod(), path, contentType, body));
                boolean apply = contentType.startsWith(PatchType.SERVER_SIDE_APPLY.getContentType());
                var headers = request.getHeaders().newBuilder();
                String target = path;
                if (apply) {
                    headers.set("Content-Type", PatchType.JSON_MERGE.getContentType());
                    // fieldManager and force mean nothing to a merge patch, and the mock takes ".../status?..."
                    // for the object itself.
                    target = path.replaceFirst("\\?.*$", "");
                }
                return super.dispatch(withBody(request, target, headers.build(), apply ? asJson(body) : body));
            }
            return super.dispatch(request);
        }

        private static String asJson(String yamlOrJson) {
            try {
                return new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yamlOrJson));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
