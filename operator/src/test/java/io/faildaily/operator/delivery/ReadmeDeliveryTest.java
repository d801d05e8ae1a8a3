package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The README's quick start and delivery sections stay true to the chart and the seed. */
class ReadmeDeliveryTest {

    static String section(String name) {
        String readme = Repo.read("README.md");
        String start = "<!-- section:" + name + " -->";
        String end = "<!-- /section:" + name + " -->";
        assertThat(readme).contains(start, end);
        return readme.substring(readme.indexOf(start), readme.indexOf(end));
    }

    static void leaves(JsonNode node, String path, List<String> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.fields().forEachRemaining(f -> leaves(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), out));
        } else {
            out.add(path);
        }
    }

    @Test
    void everyChartValueIsInTheValuesTable() {
        String delivery = section("delivery");
        List<String> leaves = new ArrayList<>();
        leaves(Repo.yaml("helm/faildaily-operator/values.yaml"), "", leaves);
        assertThat(leaves).contains("image.repository", "watchNamespaces", "metrics.serviceMonitor.enabled");
        for (String leaf : leaves) {
            boolean documented = false;
            for (String prefix = leaf; !documented; prefix = prefix.substring(0, prefix.lastIndexOf('.'))) {
                documented = delivery.contains("| `" + prefix + "`") || delivery.contains(", `" + prefix + "`")
                        || delivery.contains("| `" + prefix + "`,");
                if (!prefix.contains(".")) {
                    break;
                }
            }
            assertThat(documented).as("values.yaml key %s is in the README's chart values table", leaf).isTrue();
        }
    }

    /** Leaf fields of the CRD's spec; resources and env items are Kubernetes types, documented as a whole. */
    static void specFields(JsonNode schema, String path, List<String> out) {
        JsonNode properties = schema.path("properties");
        if (properties.isObject() && !path.endsWith("resources") && !path.endsWith("env")) {
            properties.fields().forEachRemaining(f ->
                    specFields(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), out));
        } else if (!path.isEmpty()) {
            out.add(path);
        }
    }

    @Test
    void everyFailDailyFieldIsInTheFieldsTable() {
        String delivery = section("delivery");
        JsonNode spec = Repo.yaml(Repo.CRD).path("spec").path("versions").get(0)
                .path("schema").path("openAPIV3Schema").path("properties").path("spec");
        List<String> fields = new ArrayList<>();
        specFields(spec, "", fields);
        assertThat(fields).contains("database.external.host", "frontend.ingress.host", "deletionPolicy");
        List<String> rows = delivery.lines().filter(l -> l.startsWith("| `")).toList();
        for (String field : fields) {
            int dot = field.lastIndexOf('.');
            String parent = dot < 0 ? "" : field.substring(0, dot + 1);
            String leaf = field.substring(dot + 1);
            boolean documented = rows.stream().anyMatch(row -> {
                String first = row.split("\\|")[1];
                return first.contains("`" + field + "`")
                        || !parent.isEmpty() && first.contains("`" + parent) && first.contains("`." + leaf + "`");
            });
            assertThat(documented).as("spec.%s is in the README's FailDaily fields table", field).isTrue();
        }
    }

    @Test
    void quickStartIsTheKindScript() {
        String quickstart = section("quickstart");
        assertThat(quickstart).contains("scripts/kind-up.sh", "scripts/kind-down.sh", "kind-config.yaml",
                "http://localhost:8080/", "nodePort: 30080");
    }

    @Test
    void operatingSectionAnswersEverySeedDockerCommand() {
        String delivery = section("delivery");
        assertThat(delivery).contains("helm upgrade --install", "helm uninstall", "deletionPolicy",
                "never deletes CRDs");
        for (String command : List.of("docker ps", "docker volume ls", "docker network inspect",
                "logs backend", "docker exec -it", "docker stats", "docker system df")) {
            String row = delivery.lines()
                    .filter(l -> l.startsWith("| `") && l.split("\\|")[1].contains(command))
                    .findFirst().orElse(null);
            assertThat(row).as("a row for `%s` in Operating FailDaily", command).isNotNull();
            assertThat(row.split("\\|", 3)[2]).as("the Kubernetes equivalent of %s", command).contains("kubectl");
        }
        assertThat(delivery).contains("## Operating FailDaily");
    }
}
