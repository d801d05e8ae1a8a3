package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** kind-config.yaml and scripts/kind-up.sh tell one story: NodePort 30080 on the node, localhost:8080 on the host. */
class KindQuickStartTest {

    private static int scriptInt(String script, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "=(\\d+)$").matcher(script);
        assertThat(matcher.find()).as("%s=... in scripts/kind-up.sh", name).isTrue();
        return Integer.parseInt(matcher.group(1));
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
    }

    @Test
    void kindUpDoesEveryStepOfTheQuickStart() {
        String script = Repo.read("scripts/kind-up.sh");
        assertThat(script).contains(
                "kind create cluster --name \"${CLUSTER_NAME}\" --config kind-config.yaml",
                "mvn -B -q -DskipTests package",
                "docker build -f operator/Dockerfile",
                "docker build -f app-backend/Dockerfile",
                "kind load docker-image",
                "helm upgrade --install faildaily-operator helm/faildaily-operator",
                "EXAMPLE=\"examples/faildaily-minimal.yaml\"",
                "\\\"type\\\":\\\"NodePort\\\",\\\"nodePort\\\":${NODE_PORT}",
                "--for=jsonpath='{.status.phase}'=Ready",
                "http://localhost:${HOST_PORT}/");
        assertThat(Repo.path("examples/faildaily-minimal.yaml")).exists();
        assertThat(Repo.read("scripts/kind-down.sh")).contains("kind delete cluster --name \"${CLUSTER_NAME}\"");
    }
}
