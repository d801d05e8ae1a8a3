package io.faildaily.operator.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The operator's chart rendered by Helm's own engine (helm-java), the way {@code helm template} does. */
final class Chart {
    static final String RELEASE = "faildaily-operator";
    static final String NAMESPACE = "faildaily-system";
    /** A current Kubernetes (Helm's template default is v1.20, below the chart's kubeVersion). */
    static final String KUBE_VERSION = "v1.33.1";

    private final List<JsonNode> objects;

    private Chart(List<JsonNode> objects) {
        this.objects = objects;
    }

    /** Renders with the default values plus {@code valuesYaml} (empty for the defaults). */
    static Chart render(String valuesYaml) {
        return render(valuesYaml, Map.of());
    }

    /**
     * Renders with the default values, then {@code valuesYaml}, then each {@code --set key=value}: Helm
     * types a set value itself ("2" becomes the integer 2), which a values file does not show.
     */
    static Chart render(String valuesYaml, Map<String, String> sets) {
        try {
            Path values = Files.createTempFile("faildaily-values", ".yaml");
            try {
                Files.writeString(values, valuesYaml, StandardCharsets.UTF_8);
                TemplateCommand template = new Helm(Repo.chart()).template()
                        .withName(RELEASE)
                        .withNamespace(NAMESPACE)
                        .withKubeVersion(KUBE_VERSION)
                        .withValuesFile(values);
                sets.forEach(template::set);
                String out = template.call();
                return new Chart(Repo.documents(out));
            } finally {
                Files.deleteIfExists(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> objects() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).collect(Collectors.toList());
    }

    JsonNode one(String kind) {
        List<JsonNode> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size() + ": " + found);
        }
        return found.get(0);
    }

    Optional<JsonNode> named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    JsonNode operatorContainer() {
        return one("Deployment").path("spec").path("template").path("spec").path("containers").get(0);
    }

    /** The value of an env var of the operator container; null when it is not set. */
    String env(String name) {
        for (JsonNode var : operatorContainer().path("env")) {
            if (name.equals(var.path("name").asText())) {
                return var.path("value").asText();
            }
        }
        return null;
    }
}
