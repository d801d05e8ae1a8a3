package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faildaily.operator.testing.CrdCelRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scripts/kind-up.sh run with stand-ins for docker, kind, kubectl, helm, java and mvn: what it checks before it
 * creates anything, and what it asks each program to do.
 */
class KindUpScriptTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String OPERATOR = "ghcr.io/faildaily/faildaily-operator";
    private static final String BACKEND = "ghcr.io/faildaily/faildaily-backend";
    /** Calls that create or change something; none may happen when a check fails. */
    private static final List<String> CHANGES = List.of("kind create", "kind load", "docker build", "mvn ",
            "helm upgrade", "kubectl apply", "kubectl config use-context");

    private ScriptSandbox sandbox;
    private int freePort;

    @BeforeEach
    void sandbox() throws IOException {
        freePort = freePort();
        sandbox = new ScriptSandbox()
                .stub("docker", """
                        case "$1" in
                          info) if [ -n "${STUB_DOCKER_INFO_FAILS:-}" ]; then
                                  echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.' >&2; exit 1
                                fi ;;
                          port) echo "${STUB_DOCKER_PORT:-}" ;;
                        esac""")
                .stub("kind", """
                        case "$1" in
                          version) echo "${STUB_KIND_VERSION:-kind v0.24.0 go1.22.6 linux/amd64}" ;;
                          get) if [ -n "${STUB_KIND_CLUSTERS:-}" ]; then echo "${STUB_KIND_CLUSTERS}"; else echo 'No kind clusters found.' >&2; fi ;;
                          create) while [ $# -gt 0 ]; do
                                    if [ "$1" = --config ]; then cp "$2" "$SANDBOX/kind-config.yaml"; fi
                                    shift
                                  done ;;
                        esac""")
                .stub("helm", """
                        if [ "$1" = version ]; then echo "${STUB_HELM_VERSION:-v3.16.2+g13654a5}"; fi""")
                .stub("java", """
                        if [ "$1" = -version ]; then echo "${STUB_JAVA_VERSION:-openjdk version \\"17.0.15\\" 2025-04-15}" >&2; fi""")
                .stub("mvn", "")
                .stub("kubectl", """
                        case "$1" in
                          patch) # patch --local -f FILE ...: the real kubectl if there is one, else FILE unchanged
                            if [ -n "${REAL_KUBECTL:-}" ]; then exec "$REAL_KUBECTL" "$@"; fi
                            while [ $# -gt 0 ]; do if [ "$1" = -f ]; then cat "$2"; fi; shift; done ;;
                          apply) case " $* " in
                                   *" -f - "*) cat >"$SANDBOX/applied.yaml"; echo faildaily.faildaily.io/faildaily ;;
                                 esac ;;
                          get) case " $* " in
                                 *metadata.generation*) echo 1 ;;
                                 *) echo 'NAME        AGE   PHASE   READY' ;;
                               esac ;;
                          wait) exit "${STUB_WAIT_EXIT:-0}" ;;
                          rollout) exit "${STUB_ROLLOUT_EXIT:-0}" ;;
                        esac""")
                .env("HOST_PORT", Integer.toString(freePort))
                .env("IMAGE_TAG", "t1");
        ScriptSandbox.onSystemPath("kubectl").ifPresent(k -> sandbox.env("REAL_KUBECTL", k.toString()));
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private ScriptSandbox.Result run() {
        return sandbox.run("scripts/kind-up.sh", TIMEOUT);
    }

    private List<String> changes() {
        return sandbox.commandLines().stream().filter(c -> CHANGES.stream().anyMatch(c::startsWith)).toList();
    }

    private String callOf(String prefix) {
        return sandbox.commandLines().stream().filter(c -> c.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no call '" + prefix + "...' in " + sandbox.commandLines()));
    }

    @Test
    void createsTheClusterBuildsLoadsInstallsAndAppliesInThatOrder() {
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(changes()).containsExactly(
                "kind create cluster --name faildaily --config " + configFile() + " --wait 120s",
                "kubectl config use-context kind-faildaily",
                "mvn -B -q -DskipTests package",
                "docker build -f operator/Dockerfile -t " + OPERATOR + ":t1 .",
                "docker build -f app-backend/Dockerfile -t " + BACKEND + ":t1 .",
                "kind load docker-image --name faildaily " + OPERATOR + ":t1 " + BACKEND + ":t1",
                "kubectl apply --server-side --force-conflicts -f helm/faildaily-operator/crds/" + Repo.CRD_FILE_NAME,
                "helm upgrade --install faildaily-operator helm/faildaily-operator --namespace faildaily-system"
                        + " --create-namespace --set image.repository=" + OPERATOR + " --set-string image.tag=t1"
                        + " --set image.pullPolicy=IfNotPresent --set-string images.backend=" + BACKEND + ":t1"
                        + " --wait --timeout 5m",
                "kubectl apply --namespace default -f - -o name");
        String ready = "kubectl wait --namespace default --for=jsonpath={.status.phase}=Ready"
                + " faildaily.faildaily.io/faildaily --timeout=15m";
        assertThat(sandbox.commandLines()).filteredOn(c -> c.startsWith("kubectl wait") || c.startsWith("kubectl rollout"))
                .as("the spec seen, Ready, the backend on the image just built and rolled out, Ready again")
                .containsExactly(
                        "kubectl wait --namespace default --for=jsonpath={.status.observedGeneration}=1"
                                + " faildaily.faildaily.io/faildaily --timeout=15m",
                        ready,
                        "kubectl wait --namespace default --for=jsonpath={.spec.template.spec.containers[0].image}="
                                + BACKEND + ":t1 deployment/faildaily-backend --timeout=15m",
                        "kubectl rollout status --namespace default deployment/faildaily-backend --timeout=15m",
                        ready);
        assertThat(result.out()).contains("FailDaily is up: http://localhost:" + freePort + "/",
                "End-to-end test on this cluster: IMAGE_TAG=t1 scripts/e2e.sh");
    }

    /** The kind config file the script passed to kind create cluster (a temp file, removed on exit). */
    private String configFile() {
        List<String> create = sandbox.calls("kind").stream().filter(c -> c.get(0).equals("create")).findFirst()
                .orElseThrow();
        String file = create.get(create.indexOf("--config") + 1);
        assertThat(file).startsWith(sandbox.dir().resolve("tmp").toString());
        return file;
    }

    @Test
    void theClusterConfigIsKindConfigYamlWithHostPortSetToHostPort() {
        assertThat(run().exitCode()).isZero();
        JsonNode config = Repo.yamlOf(sandbox.read("kind-config.yaml"));
        JsonNode checkedIn = Repo.yaml("kind-config.yaml");
        JsonNode mapping = config.path("nodes").get(0).path("extraPortMappings").get(0);
        assertThat(mapping.path("hostPort").asInt()).isEqualTo(freePort);
        assertThat(mapping.path("containerPort").asInt()).isEqualTo(30080);
        ((ObjectNode) checkedIn.path("nodes").get(0).path("extraPortMappings").get(0)).put("hostPort", freePort);
        assertThat(config).as("nothing but hostPort differs from kind-config.yaml").isEqualTo(checkedIn);
        assertThat(sandbox.file("tmp").toFile().list()).as("the temp config is removed").isEmpty();
    }

    @Test
    void kindNodeImageChoosesTheNodes() {
        sandbox.env("KIND_NODE_IMAGE", "kindest/node:v1.25.16@sha256:abc");
        assertThat(run().exitCode()).isZero();
        assertThat(callOf("kind create cluster")).endsWith("--wait 120s --image kindest/node:v1.25.16@sha256:abc");
    }

    /**
     * The manifest carries the node port (no patch of the FailDaily after it exists) and no backend image: the
     * FailDaily follows the operator's default, the chart's images.backend.
     */
    @Test
    void theAppliedFailDailyCarriesTheNodePortAndNoBackendImage() {
        assertThat(run().exitCode()).isZero();
        List<String> patch = sandbox.calls("kubectl").stream().filter(c -> c.get(0).equals("patch")).toList().get(0);
        assertThat(patch.subList(0, 6)).containsExactly("patch", "--local", "-f", "examples/faildaily-minimal.yaml",
                "--type", "merge");
        JsonNode manifest = mergePatch(Repo.yaml("examples/faildaily-minimal.yaml"),
                Repo.yamlOf(patch.get(patch.indexOf("-p") + 1)));
        assertFailDailyOfKindUp(manifest);
        assertThat(sandbox.calls("kubectl")).as("only local patches").allMatch(c -> !c.get(0).equals("patch")
                || c.contains("--local"));
        if (sandbox.read("applied.yaml").contains("NodePort")) { // what the real kubectl made of it
            assertFailDailyOfKindUp(Repo.yamlOf(sandbox.read("applied.yaml")));
        }
    }

    private static void assertFailDailyOfKindUp(JsonNode manifest) {
        assertThat(manifest.path("metadata").path("name").asText()).isEqualTo("faildaily");
        JsonNode service = manifest.path("spec").path("frontend").path("service");
        assertThat(service.path("type").asText()).isEqualTo("NodePort");
        assertThat(service.path("nodePort").asInt()).isEqualTo(30080);
        assertThat(manifest.path("spec").path("backend").path("image").isMissingNode())
                .as("no spec.backend.image: the operator's default backend image").isTrue();
        assertThat(CrdSchema.load().validate(manifest)).as("the CRD's schema").isEmpty();
        assertThat(CrdCelRules.ofGeneratedCrd().validate(manifest)).as("the CRD's CEL rules").isEmpty();
    }

    @Test
    void theRealKubectlRendersTheManifestOffline() {
        assumeTrue(ScriptSandbox.onSystemPath("kubectl").isPresent(), "kubectl is not installed");
        assertThat(run().exitCode()).isZero();
        assertFailDailyOfKindUp(Repo.yamlOf(sandbox.read("applied.yaml")));
    }

    /** JSON merge patch (RFC 7386), as kubectl patch --type merge applies it. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : Repo.YAML.createObjectNode();
        patch.fields().forEachRemaining(f -> {
            if (f.getValue().isNull()) {
                result.remove(f.getKey());
            } else {
                result.set(f.getKey(), mergePatch(result.path(f.getKey()), f.getValue()));
            }
        });
        return result;
    }

    /**
     * A re-run after a code change: new tag, so a new operator pod with the new default backend image, which rolls
     * the FailDaily's backend; the FailDaily's own spec stays the same, and the script waits for the roll.
     */
    @Test
    void aNewTagReachesTheOperatorReleaseAndThroughItTheFailDaily() {
        assertThat(run().exitCode()).isZero();
        sandbox.env("IMAGE_TAG", "t2").env("STUB_KIND_CLUSTERS", "faildaily")
                .env("STUB_DOCKER_PORT", "127.0.0.1:" + freePort);
        assertThat(run().exitCode()).isZero();
        List<String> helm = sandbox.commandLines().stream().filter(c -> c.startsWith("helm upgrade")).toList();
        assertThat(helm).hasSize(2);
        assertThat(helm.get(0)).contains("--set-string image.tag=t1 ", "--set-string images.backend=" + BACKEND + ":t1 ");
        assertThat(helm.get(1)).contains("--set-string image.tag=t2 ", "--set-string images.backend=" + BACKEND + ":t2 ");
        List<List<String>> patches = sandbox.calls("kubectl").stream().filter(c -> c.get(0).equals("patch")).toList();
        assertThat(patches).hasSize(2);
        assertThat(patches.get(1)).as("the same FailDaily both times").isEqualTo(patches.get(0));
        assertThat(String.join(" ", patches.get(1))).doesNotContain("image");
        assertThat(sandbox.commandLines()).contains("kubectl wait --namespace default"
                + " --for=jsonpath={.spec.template.spec.containers[0].image}=" + BACKEND + ":t2"
                + " deployment/faildaily-backend --timeout=15m");
        assertThat(sandbox.commandLines()).filteredOn(c -> c.startsWith("kind create")).hasSize(1);
    }

    @Test
    void withoutImageTagTheImagesAreTaggedByImageTagSh() {
        assumeTrue(ScriptSandbox.onSystemPath("git").isPresent() && Repo.path(".git").toFile().exists(),
                "not a git checkout");
        sandbox.env("IMAGE_TAG", "");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).as(result.err()).isZero();
        String tag = ImageTagScriptTest.runImageTag(sandbox, Repo.root());
        assertThat(tag).startsWith(ImageVersionsTest.appVersion() + "-g");
        assertThat(callOf("docker build -f operator/Dockerfile")).contains("-t " + OPERATOR + ":" + tag + " ");
        assertThat(callOf("helm upgrade")).contains("--set-string image.tag=" + tag + " ",
                "--set-string images.backend=" + BACKEND + ":" + tag + " ");
    }

    static Stream<Arguments> missingOrTooOld() {
        return Stream.of(
                Arguments.of("docker missing", "docker", null, null, "docker is needed"),
                Arguments.of("docker not running", null, "STUB_DOCKER_INFO_FAILS", "1", "docker does not answer ('docker info' failed)"),
                Arguments.of("kind missing", "kind", null, null, "kind 0.24.0 or later is needed (https://kind.sigs.k8s.io"),
                Arguments.of("kind too old", null, "STUB_KIND_VERSION", "kind v0.23.0 go1.22.2 linux/amd64", "kind 0.24.0 or later is needed, found 0.23.0"),
                Arguments.of("kind unreadable", null, "STUB_KIND_VERSION", "kind: command failed", "kind 0.24.0 or later is needed, found an unknown version"),
                Arguments.of("kubectl missing", "kubectl", null, null, "kubectl is needed"),
                Arguments.of("helm missing", "helm", null, null, "Helm 3 is needed (https://helm.sh"),
                Arguments.of("helm 2", null, "STUB_HELM_VERSION", "Client: v2.17.0+ga690bad", "Helm 3 is needed, found 2.17.0"),
                Arguments.of("java missing", "java", null, null, "Java 17 is needed to build the jars"),
                Arguments.of("java 11", null, "STUB_JAVA_VERSION", "openjdk version \"11.0.22\" 2024-01-16", "Java 17 or later is needed to build the jars, found 11"),
                Arguments.of("java 8", null, "STUB_JAVA_VERSION", "java version \"1.8.0_392\"", "Java 17 or later is needed to build the jars, found 8"),
                Arguments.of("mvn missing", "mvn", null, null, "mvn is needed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingOrTooOld")
    void aMissingOrTooOldPrerequisiteIsOneLineAndNothingIsCreated(String name, String removed, String variable,
                                                                  String value, String message) {
        if (removed != null) {
            sandbox.remove(removed);
        }
        if (variable != null) {
            sandbox.env(variable, value);
        }
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).as("stderr").hasSize(1);
        assertThat(result.errLines().get(0)).startsWith("kind-up: ").contains(message);
        assertThat(changes()).as("nothing created").isEmpty();
        assertThat(sandbox.calls("kind")).noneMatch(c -> c.get(0).equals("get"));
    }

    @Test
    void everyProblemIsReportedAtOnceOneLineEach() {
        sandbox.remove("helm").env("STUB_JAVA_VERSION", "openjdk version \"11.0.22\" 2024-01-16")
                .env("STUB_DOCKER_INFO_FAILS", "1");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(3).allMatch(l -> l.startsWith("kind-up: "));
        assertThat(result.err()).contains("docker does not answer", "Helm 3 is needed", "Java 17 or later");
        assertThat(changes()).isEmpty();
    }

    @Test
    void newerVersionsPass() {
        sandbox.env("STUB_KIND_VERSION", "kind v0.33.0 go1.26.1 linux/amd64")
                .env("STUB_HELM_VERSION", "v3.21.0+gabcdef0")
                .env("STUB_JAVA_VERSION", "Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version \"21.0.4\" 2024-07-16");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    @Test
    void javaHomeIsTheJavaThatIsChecked() throws IOException {
        Path home = sandbox.file("jdk");
        Files.createDirectories(home.resolve("bin"));
        Path javaBinary = home.resolve("bin/java");
        Files.writeString(javaBinary, "#!/usr/bin/env bash\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        Files.setPosixFilePermissions(javaBinary, PosixFilePermissions.fromString("rwxr-xr-x"));
        sandbox.env("JAVA_HOME", home.toString());
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Java 17 or later is needed to build the jars, found 11", home + "/bin/java -version");
    }

    @Test
    void aHostPortInUseStopsBeforeTheClusterIsCreated() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            sandbox.env("HOST_PORT", Integer.toString(taken.getLocalPort()));
            ScriptSandbox.Result result = run();
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.err()).startsWith("kind-up: port " + taken.getLocalPort() + " on 127.0.0.1 is in use")
                    .contains("HOST_PORT=");
            assertThat(changes()).isEmpty();
        }
    }

    @ParameterizedTest(name = "HOST_PORT={0}")
    @ValueSource(strings = {"http", "80a", "0", "65536"})
    void aHostPortThatIsNoPortIsRefused(String port) {
        sandbox.env("HOST_PORT", port);
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("kind-up: HOST_PORT must be");
        assertThat(changes()).isEmpty();
    }

    @Test
    void anExistingClusterIsReusedWhenItPublishesHostPort() {
        sandbox.env("STUB_KIND_CLUSTERS", "other\nfaildaily").env("STUB_DOCKER_PORT", "127.0.0.1:" + freePort);
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(sandbox.commandLines()).noneMatch(c -> c.startsWith("kind create"))
                .contains("docker port faildaily-control-plane 30080/tcp", "kubectl config use-context kind-faildaily");
    }

    @Test
    void anExistingClusterOnAnotherHostPortIsRefusedWithTheWayOut() {
        sandbox.env("STUB_KIND_CLUSTERS", "faildaily").env("STUB_DOCKER_PORT", "127.0.0.1:8080")
                .env("HOST_PORT", "9090");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("publishes node port 30080 on '127.0.0.1:8080', not on port 9090",
                "scripts/kind-down.sh", "HOST_PORT=8080 scripts/kind-up.sh");
        assertThat(sandbox.commandLines()).noneMatch(c -> c.startsWith("docker build") || c.startsWith("helm upgrade"));
    }

    @Test
    void anExistingClusterThatPublishesNothingIsRefused() {
        sandbox.env("STUB_KIND_CLUSTERS", "faildaily").env("STUB_DOCKER_PORT", "");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
                .endsWith("publishes node port 30080 on 'nothing', not on port " + freePort + ": run scripts/kind-down.sh first");
        assertThat(changes()).isEmpty();
    }

    @Test
    void notReadyInTimeIsAFailureWithTheConditions() {
        sandbox.env("STUB_WAIT_EXIT", "1").env("WAIT_TIMEOUT", "2s");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("kind-up: not Ready after 2s");
        Optional<String> conditions = sandbox.commandLines().stream()
                .filter(c -> c.startsWith("kubectl get") && c.contains(".status.conditions")).findFirst();
        assertThat(conditions).as("the conditions are printed").isPresent();
    }

    @Test
    void aBackendThatDoesNotRollOutInTimeIsAFailureWithTheConditions() {
        sandbox.env("STUB_ROLLOUT_EXIT", "1").env("WAIT_TIMEOUT", "2s");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("kind-up: not Ready after 2s");
        assertThat(result.out()).doesNotContain("FailDaily is up");
        assertThat(sandbox.commandLines()).anyMatch(c -> c.startsWith("kubectl get") && c.contains(".status.conditions"));
    }
}
