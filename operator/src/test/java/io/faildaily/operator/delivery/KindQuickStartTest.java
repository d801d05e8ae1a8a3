package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * kind-config.yaml and scripts/kind-up.sh tell one story: NodePort 30080 on the node, localhost:HOST_PORT on the
 * host, 8080 unless HOST_PORT says otherwise (kind-up.sh writes HOST_PORT into a copy of kind-config.yaml:
 * KindUpScriptTest runs that).
 */
class KindQuickStartTest {

    /** NAME=123, or the default of NAME="${NAME:-123}", in scripts/kind-up.sh. */
    static int scriptInt(String script, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "=(?:\"\\$\\{" + name + ":-(\\d+)}\"|(\\d+))$")
                .matcher(script);
        assertThat(matcher.find()).as("%s=... in scripts/kind-up.sh", name).isTrue();
        return Integer.parseInt(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }

    @Test
    void kindClusterHasOneControlPlaneOneWorkerAndPublishesTheFrontend() {
        JsonNode config = Repo.yaml("kind-config.yaml");
        assertThat(config.path("kind").asText()).isEqualTo("Cluster");
        assertThat(config.path("apiVersion").asText()).isEqualTo("kind.x-k8s.io/v1alpha4");
        List<String> roles = new ArrayList<>();
        config.path("nodes").forEach(n -> roles.add(n.path("role").asText()));
        assertThat(roles).containsExactly("control-plane", "worker");

        List<JsonNode> mappings = new ArrayList<>();
        config.path("nodes").forEach(n -> n.path("extraPortMappings").forEach(mappings::add));
        assertThat(mappings).hasSize(1);
        JsonNode mapping = mappings.get(0);

        String script = Repo.read("scripts/kind-up.sh");
        int nodePort = scriptInt(script, "NODE_PORT");
        int hostPort = scriptInt(script, "HOST_PORT");
        assertThat(mapping.path("containerPort").asInt()).isEqualTo(nodePort);
        assertThat(mapping.path("hostPort").asInt()).isEqualTo(hostPort);
        assertThat(nodePort).as("a NodePort the CRD accepts").isBetween(30000, 32767);
        assertThat(script).as("HOST_PORT comes from the environment")
                .contains("HOST_PORT=\"${HOST_PORT:-" + hostPort + "}\"");
        assertThat(ReadmeDeliveryTest.section("quickstart")).as("the README's URL is the default host port")
                .contains("http://localhost:" + hostPort + "/");
    }

    @Test
    void kindUpDoesEveryStepOfTheQuickStart() {
        String script = Repo.read("scripts/kind-up.sh");
        assertThat(script).contains(
                "KIND_CONFIG=\"kind-config.yaml\"",
                "create cluster --name \"${CLUSTER_NAME}\" --config \"${config_file}\"",
                "kind_config >\"${config_file}\"",
                "mvn -B -q -DskipTests package",
                "docker build -f operator/Dockerfile",
                "docker build -f app-backend/Dockerfile",
                "kind load docker-image",
                "helm upgrade --install faildaily-operator helm/faildaily-operator",
                "EXAMPLE=\"examples/faildaily-minimal.yaml\"",
                "kubectl patch --local -f \"${EXAMPLE}\"",
                "\\\"type\\\":\\\"NodePort\\\",\\\"nodePort\\\":${NODE_PORT}",
                "--for=jsonpath='{.status.phase}'=Ready",
                "http://localhost:${HOST_PORT}/");
        assertThat(script).as("no patch of the FailDaily after it was applied (it races the operator)")
                .doesNotContain("kubectl patch --namespace");
        assertThat(Repo.path("examples/faildaily-minimal.yaml")).exists();
        assertThat(Repo.read("scripts/kind-down.sh")).contains("kind delete cluster --name \"${CLUSTER_NAME}\"");
    }
}
