package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.operator.cli.Main;
import io.faildaily.operator.testing.CrdCelRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Examples users can trust: every file in examples/ is valid against the CRD's schema (unknown fields
 * refused) and its CEL rules, and renders with the operator's own `render`; every file in invalid-examples/
 * is refused by both.
 */
class ExamplesTest {
    private static final CrdSchema SCHEMA = CrdSchema.load();
    private static final CrdCelRules CEL = CrdCelRules.ofGeneratedCrd();

    record Rendered(int exitCode, String out, String err) {}

    static Stream<Path> examples() throws IOException {
        return yamlFiles(Repo.path("examples"));
    }

    static Stream<Path> invalidExamples() throws IOException {
        return yamlFiles(Path.of("src/test/resources/invalid-examples").toAbsolutePath());
    }

    private static Stream<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().collect(Collectors.toList());
            return list.stream();
        }
    }

    /** Runs the operator's command line, capturing what it prints. */
    static synchronized Rendered render(Path file) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = Main.execute("render", "-f", file.toString());
            System.out.flush();
            System.err.flush();
            return new Rendered(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void theExamplesAreThere() throws IOException {
        assertThat(examples().map(p -> p.getFileName().toString())).contains("faildaily-minimal.yaml",
                "faildaily-external-database.yaml", "faildaily-ingress.yaml", "faildaily-original-images.yaml");
        assertThat(invalidExamples().count()).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleIsValidAgainstTheCrdSchema(Path example) {
        List<JsonNode> documents = Repo.documents(Repo.read("examples/" + example.getFileName()));
        assertThat(documents).as("one FailDaily per example").hasSize(1);
        assertThat(SCHEMA.validate(documents.get(0))).as("%s against the CRD schema", example.getFileName()).isEmpty();
        assertThat(CEL.validate(documents.get(0))).as("%s against the CRD's CEL rules", example.getFileName()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleRenders(Path example) {
        Rendered rendered = render(example);
        assertThat(rendered.exitCode()).as("render -f %s: %s", example.getFileName(), rendered.err()).isZero();
        assertThat(Repo.documents(rendered.out())).extracting(o -> o.path("kind").asText())
                .contains("Secret", "Deployment", "Service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void invalidExampleIsRefusedByTheSchema(Path example) throws IOException {
        JsonNode object = Repo.yamlOf(Files.readString(example));
        String field = refusedField(example);
        List<String> problems = new ArrayList<>(SCHEMA.validate(object));
        problems.addAll(CEL.validate(object));
        assertThat(problems).as("%s must be refused by the CRD schema or its CEL rules", example.getFileName()).isNotEmpty();
        // Messages start with a JSON pointer: "/spec/backend/port: must have a minimum value of 1024".
        String pointer = "/" + field.replace('.', '/');
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String leaf = pointer.substring(pointer.lastIndexOf('/') + 1);
        assertThat(problems).as("%s: a problem at %s", example.getFileName(), field).anyMatch(p ->
                p.startsWith(pointer + ":") || p.startsWith(pointer + "/") || p.startsWith(parent + ":") && p.contains("'" + leaf + "'"));
    }

    /** The field an invalid example gets wrong: its first line is "# FIELD: why". */
    static String refusedField(Path example) throws IOException {
        String first = Files.readAllLines(example).get(0);
        assertThat(first).as("%s starts with '# FIELD: why'", example.getFileName()).matches("# spec[.a-zA-Z]*: .+");
        return first.substring(2, first.indexOf(':'));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void invalidExampleIsRefusedByRender(Path example) throws IOException {
        Rendered rendered = render(example);
        assertThat(rendered.exitCode()).as("render -f %s (stdout: %s)", example.getFileName(), rendered.out())
                .isEqualTo(1);
        String field = refusedField(example);
        assertThat(rendered.err()).startsWith("error: ").contains(field.substring(field.lastIndexOf('.') + 1));
        assertThat(rendered.out()).isEmpty();
    }

    @Test
    void externalDatabaseExampleRunsNoDatabase() {
        Rendered rendered = render(Repo.path("examples/faildaily-external-database.yaml"));
        assertThat(rendered.exitCode()).isZero();
        List<JsonNode> objects = Repo.documents(rendered.out());
        assertThat(objects).extracting(o -> o.path("kind").asText()).doesNotContain("StatefulSet");
        assertThat(rendered.out()).contains("mysql.databases.svc.cluster.local", "faildaily-db-password");
    }

    @Test
    void originalImagesExampleGivesTheOriginalBackendItsContractAndTheDatabaseItsSchema() {
        Rendered rendered = render(Repo.path("examples/faildaily-original-images.yaml"));
        assertThat(rendered.exitCode()).as(rendered.err()).isZero();
        List<JsonNode> objects = Repo.documents(rendered.out());
        JsonNode database = kind(objects, "StatefulSet").path("spec").path("template").path("spec");
        assertThat(database.path("volumes").findValuesAsText("name")).contains("faildaily-original-schema");
        assertThat(database.path("containers").get(0).path("volumeMounts").findValuesAsText("mountPath"))
                .contains("/docker-entrypoint-initdb.d");
        JsonNode backend = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")
                && o.path("metadata").path("name").asText().equals("faildaily-backend")).findFirst().orElseThrow()
                .path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(backend.path("image").asText()).isEqualTo("registry.example.com/faildaily/backend-node:4b40e0e");
        assertThat(backend.path("env").findValuesAsText("name")).contains("NODE_ENV", "DB_HOST", "DB_PORT", "DB_USER",
                "DB_PASSWORD", "DB_NAME", "JWT_SECRET", "CORS_ORIGIN", "LOGS_DB_DISABLED");
        assertThat(backend.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/api/health");
        assertThat(backend.path("volumeMounts").findValuesAsText("mountPath")).contains("/app/uploads");
        // The frontend image's own web application, with the policy for one.
        assertThat(objects).noneMatch(o -> o.path("kind").asText().equals("ConfigMap")
                && o.path("metadata").path("name").asText().equals("faildaily-web"));
        String nginxConf = objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
                && o.path("data").has("nginx.conf")).findFirst().orElseThrow().path("data").path("nginx.conf").asText();
        assertThat(nginxConf).contains("add_header Content-Security-Policy \"object-src 'none'; base-uri 'self'; "
                + "frame-ancestors 'self'\" always;");
    }

    private static JsonNode kind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void ingressExampleRendersAnIngressForItsHost() {
        Rendered rendered = render(Repo.path("examples/faildaily-ingress.yaml"));
        assertThat(rendered.exitCode()).isZero();
        JsonNode ingress = Repo.documents(rendered.out()).stream()
                .filter(o -> o.path("kind").asText().equals("Ingress")).findFirst().orElseThrow();
        assertThat(ingress.path("spec").path("rules").get(0).path("host").asText()).isEqualTo("faildaily.example.com");
        assertThat(ingress.path("spec").path("tls").get(0).path("secretName").asText())
                .isEqualTo("faildaily-example-com-tls");
    }

    @Test
    void theSchemaConversionRefusesUnknownFieldsButKeepsMaps() {
        JsonNode spec = SCHEMA.converted().path("properties").path("spec");
        assertThat(spec.path("additionalProperties").asBoolean(true)).isFalse();
        JsonNode limits = spec.path("properties").path("backend").path("properties").path("resources")
                .path("properties").path("limits");
        assertThat(limits.path("additionalProperties").isObject()).as("resource limits stay a map").isTrue();
        JsonNode valid = Repo.yamlOf("""
                apiVersion: faildaily.io/v1alpha1
                kind: FailDaily
                metadata: {name: faildaily, labels: {team: a}}
                spec:
                  backend:
                    resources: {limits: {cpu: 500m, memory: 1Gi}, requests: {cpu: 1}}
                """);
        assertThat(SCHEMA.validate(valid)).isEmpty();
        JsonNode wrongKind = Repo.yamlOf("apiVersion: faildaily.io/v1alpha1\nkind: Other\nmetadata: {name: x}\n");
        assertThat(SCHEMA.validate(wrongKind)).isNotEmpty();
    }
}
