package io.faildaily.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.api.BackendSpec;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.model.RandomStrings;
import io.faildaily.operator.model.Topology;
import io.faildaily.operator.testing.ApiServerEmulation;
import io.faildaily.operator.testing.EveryPlacementField;
import io.faildaily.operator.testing.FailDailies;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API-server emulation tier (GUIDE.md §4): every child of every example, of {@code spec: {}} and of a
 * spec with quantities written the way people write them, turned into what kube-apiserver returns
 * ({@link ApiServerEmulation}), must match what the operator wants on the next reconcile, in both apply
 * modes: with server-side apply through JOSDK's own SSA matcher (managed fields), without through the
 * matcher the dependents use ({@link ServerStateMatcher}). A mismatch here is a write on every reconcile
 * on a real cluster. ConfigMaps and Secrets are written without apply in both modes (JOSDK's default).
 */
class ServerShapedMatchTest {
    private static final String FIELD_MANAGER = "faildaily";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private final ApiServerEmulation server = new ApiServerEmulation();

    static Stream<Arguments> children() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (var spec : specs()) {
            for (HasMetadata child : Topology.of(spec.fd(), RandomStrings.secure())) {
                if (!(child instanceof Secret)) {
                    cases.add(Arguments.of(spec.name() + ": " + child.getKind() + " " + child.getMetadata().getName(),
                            spec.fd(), child));
                }
            }
        }
        return cases.stream();
    }

    record Spec(String name, FailDaily fd) {}

    static List<Spec> specs() throws IOException {
        List<Spec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                FailDaily fd = Serialization.unmarshal(Files.readString(file), FailDaily.class);
                fd.getMetadata().setUid("uid-" + fd.getMetadata().getName());
                specs.add(new Spec(file.getFileName().toString(), fd));
            }
        }
        specs.add(new Spec("spec: {}", FailDailies.of("default", "plain")));
        specs.add(new Spec("every placement field", EveryPlacementField.failDaily("default", "placed")));
        specs.add(new Spec("autoscaled frontend", FailDailies.of("default", "autoscaled", spec -> {
            io.faildaily.operator.api.AutoscalingSpec autoscaling = new io.faildaily.operator.api.AutoscalingSpec();
            autoscaling.setMaxReplicas(4);
            autoscaling.setTargetMemoryUtilizationPercentage(75);
            spec.getFrontend().setAutoscaling(autoscaling);
        })));
        specs.add(new Spec("quantities as people write them", FailDailies.of("default", "written", spec -> {
            BackendSpec backend = new BackendSpec();
            backend.setResources(new ResourceRequirementsBuilder()
                    .addToRequests("cpu", new Quantity("0.5")).addToRequests("memory", new Quantity("1024Mi"))
                    .addToLimits("memory", new Quantity("2048Mi")).build());
            backend.setUploads(new VolumeSpec("1024Mi"));
            spec.setBackend(backend);
            DatabaseSpec database = new DatabaseSpec();
            database.setStorage(new VolumeSpec("1.5Gi"));
            spec.setDatabase(database);
            spec.setLogs(new VolumeSpec("2048Mi"));
        })));
        return specs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("children")
    void withServerSideApplyJosdksMatcherFindsNothingToApply(String name, FailDaily fd, HasMetadata desired) {
        HasMetadata applied = withOwner(desired, fd);
        HasMetadata returned = server.afterApply(applied, FIELD_MANAGER);
        boolean matches = desired instanceof ConfigMap
                ? GenericKubernetesResourceMatcher.match(applied, returned, false, false, context()).matched()
                : SSABasedGenericKubernetesResourceMatcher.getInstance().matches(returned, applied, context());
        assertThat(matches).as("%s as the server returns it:%n%s", name, Serialization.asYaml(returned)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("children")
    void withoutServerSideApplyTheDependentsMatcherFindsNothingToWrite(String name, FailDaily fd, HasMetadata desired) {
        HasMetadata returned = server.afterUpdate(withOwner(desired, fd));
        assertThat(ServerStateMatcher.matches(desired, returned, SERIALIZATION))
                .as("%s as the server returns it:%n%s", name, Serialization.asYaml(returned)).isTrue();
    }

    /** The emulation is what makes the matchers' answers mean something: JOSDK's diff matcher fails on it. */
    @Test
    void josdksDiffMatcherSeesADifferenceInADefaultedDeployment() throws IOException {
        FailDaily fd = FailDailies.of("default", "plain");
        HasMetadata deployment = Topology.of(fd, RandomStrings.secure()).stream()
                .filter(o -> o instanceof Deployment).findFirst().orElseThrow();
        HasMetadata returned = server.afterUpdate(deployment);
        assertThat(GenericKubernetesResourceMatcher.match(deployment, returned, false, false, context()).matched())
                .as("zjsonpatch's copy operations for server defaults").isFalse();
        assertThat(ServerStateMatcher.matches(deployment, returned, SERIALIZATION)).isTrue();
    }

    @Test
    void aRealChangeIsStillSeen() {
        FailDaily fd = FailDailies.of("default", "plain");
        Deployment before = (Deployment) Topology.of(fd, RandomStrings.secure()).stream()
                .filter(o -> o instanceof Deployment).findFirst().orElseThrow();
        HasMetadata returned = server.afterApply(withOwner(before, fd), FIELD_MANAGER);
        Deployment changed = Serialization.clone(before);
        changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example/other:2");
        changed.getSpec().setReplicas(3);
        assertThat(ServerStateMatcher.matches(changed, returned, SERIALIZATION)).isFalse();
        assertThat(SSABasedGenericKubernetesResourceMatcher.getInstance().matches(returned, withOwner(changed, fd), context()))
                .isFalse();
    }

    /** What JOSDK adds before it writes an owned child. */
    private static HasMetadata withOwner(HasMetadata desired, FailDaily fd) {
        HasMetadata copy = Serialization.clone(desired);
        if (copy.getMetadata().getOwnerReferences() == null || copy.getMetadata().getOwnerReferences().isEmpty()) {
            copy.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion(fd.getApiVersion())
                    .withKind(fd.getKind()).withName(fd.getMetadata().getName()).withUid(fd.getMetadata().getUid())
                    .build()));
        }
        return copy;
    }

    /** The two things JOSDK's matchers ask of a Context: the field manager and the client's serialization. */
    @SuppressWarnings("unchecked")
    private static Context<FailDaily> context() {
        ControllerConfiguration<FailDaily> configuration = (ControllerConfiguration<FailDaily>) Proxy.newProxyInstance(
                ServerShapedMatchTest.class.getClassLoader(), new Class<?>[]{ControllerConfiguration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "fieldManager" -> FIELD_MANAGER;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        KubernetesClient client = (KubernetesClient) Proxy.newProxyInstance(ServerShapedMatchTest.class.getClassLoader(),
                new Class<?>[]{KubernetesClient.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getKubernetesSerialization" -> SERIALIZATION;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Context<FailDaily>) Proxy.newProxyInstance(ServerShapedMatchTest.class.getClassLoader(),
                new Class<?>[]{Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getControllerConfiguration" -> configuration;
                    case "getClient" -> client;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
