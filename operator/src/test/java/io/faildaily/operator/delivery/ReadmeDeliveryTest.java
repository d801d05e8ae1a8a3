package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.RandomStrings;
import io.faildaily.operator.model.Topology;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, "What it builds" and delivery sections stay true to the chart, the model and the
 * seed; no document names a path of the machine it was written on.
 */
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

    /** Leaf fields of the CRD's spec; resources, env items and affinity are Kubernetes types, documented as a whole. */
    static void specFields(JsonNode schema, String path, List<String> out) {
        JsonNode properties = schema.path("properties");
        if (properties.isObject() && !path.endsWith("resources") && !path.endsWith("env") && !path.endsWith("affinity")) {
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
                "http://localhost:8080/", "nodePort: 30080", "`docker info`", "0.24 or later", "Helm 3", "Java 17",
                "HOST_PORT=8081 scripts/kind-up.sh", "scripts/image-tag.sh", ".dockerignore");
    }

    /** NAME="${NAME:-default}" lines of a script: each variable and its default. */
    static Map<String, String> environmentOf(String script) {
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)=\"\\$\\{\\1:-([^}]*)}\"$").matcher(Repo.read(script));
        while (m.find()) {
            variables.put(m.group(1), m.group(2));
        }
        return variables;
    }

    /** Every variable a script reads is a row of its README table, with the script's default. */
    static void assertEnvironmentTable(String script, String section, List<String> expected) {
        Map<String, String> variables = environmentOf(script);
        assertThat(variables.keySet()).as("variables of %s", script).containsAll(expected);
        List<String> rows = section(section).lines().filter(l -> l.startsWith("| `")).toList();
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String row = rows.stream().filter(r -> r.startsWith("| `" + variable.getKey() + "` |")).findFirst()
                    .orElse(null);
            assertThat(row).as("%s of %s in the README's table (section %s)", variable.getKey(), script, section)
                    .isNotNull();
            if (!variable.getValue().isEmpty()) {
                assertThat(row.split("\\|")[2].strip()).as("the default of %s", variable.getKey())
                        .isEqualTo("`" + variable.getValue() + "`");
            }
        }
    }

    @Test
    void everyVariableOfKindUpIsInTheQuickStart() {
        assertEnvironmentTable("scripts/kind-up.sh", "quickstart",
                List.of("CLUSTER_NAME", "HOST_PORT", "KIND_NODE_IMAGE", "IMAGE_TAG", "WAIT_TIMEOUT"));
    }

    @Test
    void theEndToEndTestIsDocumentedWithItsCommandAndVariables() {
        String e2e = section("e2e");
        assertThat(e2e).contains("## End-to-end test on a cluster", "IMAGE_TAG=\"$(scripts/image-tag.sh)\" scripts/e2e.sh",
                ".github/workflows/e2e.yml", "`deletionPolicy: Retain`", "faildaily.io/backup-now", "spec.restore");
        assertThat(Repo.read("scripts/kind-up.sh")).as("kind-up.sh ends with that command")
                .contains("IMAGE_TAG=${tag} scripts/e2e.sh");
        assertEnvironmentTable("scripts/e2e.sh", "e2e", List.of("IMAGE_TAG", "E2E_NAMESPACE", "READY_TIMEOUT",
                "BACKUP_TIMEOUT", "RESTORE_TIMEOUT", "DELETE_TIMEOUT", "HTTP_TIMEOUT"));
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

    /**
     * The keys a person reads a ConfigMap or the Secret by ({@code kubectl get cm -o jsonpath}, a mount): every key
     * the model writes is named in its row of "What it builds", and every file name a ConfigMap row names is a key.
     */
    @Test
    void whatItBuildsNamesTheKeysTheModelWrites() {
        List<String> rows = section("builds").lines().filter(l -> l.startsWith("| ")).toList();
        FailDaily fd = FailDailies.of("default", "faildaily");
        List<HasMetadata> withKeys = Topology.of(fd, RandomStrings.secure()).stream()
                .filter(o -> o instanceof ConfigMap || o instanceof Secret).toList();
        assertThat(withKeys).extracting(o -> o.getMetadata().getName())
                .contains("faildaily-credentials", "faildaily-database-config", "faildaily-backup-scripts");
        for (HasMetadata object : withKeys) {
            String name = "`<n>-" + object.getMetadata().getName().substring("faildaily-".length()) + "`";
            Set<String> keys = object instanceof ConfigMap cm ? cm.getData().keySet() : ((Secret) object).getData().keySet();
            String row = rows.stream().filter(r -> r.split("\\|")[2].contains(name)).findFirst().orElse(null);
            assertThat(row).as("a row for %s %s in What it builds", object.getKind(), name).isNotNull();
            for (String key : keys) {
                assertThat(row).as("%s %s names its key %s", object.getKind(), name, key).contains("`" + key + "`");
            }
            if (object instanceof ConfigMap) {
                Matcher file = FILE_NAME.matcher(row);
                while (file.find()) {
                    assertThat(keys).as("%s is a key of %s (README row: %s)", file.group(1), name, row)
                            .contains(file.group(1));
                }
            }
        }
    }

    private static final Pattern FILE_NAME = Pattern.compile("`([\\w-]+(?:\\.[\\w-]+)*\\.(?:cnf|conf|sh|html|js|css|ya?ml|json))`");

    /** Paths of a build machine (its checkout, temp dir or home) mean nothing to a reader of the repository. */
    @Test
    void noDocumentNamesAPathOfThisMachine() throws IOException {
        Set<String> machinePaths = new TreeSet<>(List.of("/work/", "/tmp/"));
        Path parent = Repo.root().getParent();
        if (parent != null && parent.getNameCount() > 0) {
            machinePaths.add(parent + "/");
        }
        String home = System.getProperty("user.home", "");
        if (home.length() > 1) {
            machinePaths.add(home + "/");
        }
        List<Path> documents = markdownFiles();
        assertThat(documents).extracting(p -> Repo.root().relativize(p).toString())
                .contains("README.md", "app-backend/README.md", "operator/RECONCILE.md");
        for (Path document : documents) {
            String text = Files.readString(document);
            for (String machinePath : machinePaths) {
                assertThat(text).as("%s names %s, a path of this machine", Repo.root().relativize(document), machinePath)
                        .doesNotContain(machinePath);
            }
        }
    }

    /** Every Markdown file of the repository, not build output or hidden directories (.git, .idea). */
    private static List<Path> markdownFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(Repo.root(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName().toString();
                boolean skipped = !dir.equals(Repo.root())
                        && (name.equals("target") || name.equals("node_modules") || name.startsWith("."));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.getFileName().toString().endsWith(".md")) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }
}
