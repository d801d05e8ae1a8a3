package io.faildaily.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.testing.PodTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code render}: the examples render; bad files fail with one line naming the problem, never a stack trace. */
class RenderCommandTest {
    static final Path REPO = Path.of(System.getProperty("faildaily.repoRoot", ".."));

    record Result(int code, String out, String err) {
    }

    static Result render(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.commandLine()
                    .setOut(new java.io.PrintWriter(System.out, true))
                    .setErr(new java.io.PrintWriter(System.err, true))
                    .execute(Stream.concat(Stream.of("render"), Stream.of(args)).toArray(String[]::new));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(REPO.resolve("examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleRendersToKubernetesObjects(Path example) {
        Result result = render("-f", example.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        List<HasMetadata> objects = parseAll(result.out());
        assertThat(objects).extracting(HasMetadata::getKind)
                .contains("Secret", "Deployment", "Service", "PersistentVolumeClaim", "ConfigMap");
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "faildaily-operator"));
    }

    @Test
    void theMinimalExampleGivesTheWholeTopology() {
        Result result = render("-f", REPO.resolve("examples/faildaily-minimal.yaml").toString());
        List<String> names = parseAll(result.out()).stream()
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
        assertThat(names).containsExactly(
                "Secret/faildaily-credentials",
                "ConfigMap/faildaily-database-config",
                "Service/faildaily-database",
                "StatefulSet/faildaily-database",
                "PersistentVolumeClaim/faildaily-uploads",
                "PersistentVolumeClaim/faildaily-logs",
                "Service/faildaily-backend",
                "Deployment/faildaily-backend",
                "ConfigMap/faildaily-frontend-config",
                "ConfigMap/faildaily-web",
                "Service/faildaily-frontend",
                "Deployment/faildaily-frontend",
                "PersistentVolumeClaim/faildaily-backups",
                "ConfigMap/faildaily-backup-scripts",
                "CronJob/faildaily-backup",
                "CronJob/faildaily-verify",
                "NetworkPolicy/faildaily-default-deny",
                "NetworkPolicy/faildaily-frontend",
                "NetworkPolicy/faildaily-backend",
                "NetworkPolicy/faildaily-database");
    }

    /** The operator's environment in a process of its own, as an administrator sets it in the chart. */
    @Test
    void defaultImagesAndPullSecretsComeFromTheEnvironmentAsForRun(@TempDir Path dir) throws IOException {
        String example = REPO.resolve("examples/faildaily-minimal.yaml").toString();
        Map<String, String> environment = Map.of("FAILDAILY_IMAGE_REGISTRY", "registry.internal:5000/mirror",
                "FAILDAILY_DEFAULT_BACKEND_IMAGE", "harbor.corp/apps/faildaily-backend:0.1.0",
                "FAILDAILY_IMAGE_PULL_SECRETS", "corp-pull");
        OperatorProcess.Result result = OperatorProcess.start(dir, environment, "render", "-f", example)
                .awaitExit(Duration.ofSeconds(60));
        assertThat(result.code()).as(result.err()).isZero();

        Map<String, PodTemplateSpec> templates = PodTemplates.of(parseAll(result.out()));
        assertThat(templates).containsKeys("StatefulSet/faildaily-database", "Deployment/faildaily-backend",
                "Deployment/faildaily-frontend", "CronJob/faildaily-backup");
        templates.forEach((name, template) -> {
            assertThat(template.getSpec().getImagePullSecrets()).as(name).extracting(s -> s.getName())
                    .containsExactly("corp-pull");
            String expected = switch (name) {
                case "Deployment/faildaily-backend" -> "harbor.corp/apps/faildaily-backend:0.1.0";
                case "Deployment/faildaily-frontend" -> "registry.internal:5000/mirror/nginxinc/nginx-unprivileged:1.28.0-alpine";
                default -> "registry.internal:5000/mirror/library/mysql:8.0.43";
            };
            assertThat(template.getSpec().getContainers().get(0).getImage()).as(name).isEqualTo(expected);
        });
    }

    @Test
    void aBadEnvironmentValueIsOneLineNamingTheVariable(@TempDir Path dir) {
        String example = REPO.resolve("examples/faildaily-minimal.yaml").toString();
        OperatorProcess.Result result = OperatorProcess.start(dir, Map.of("FAILDAILY_DEFAULT_DATABASE_IMAGE", "mysql 8"),
                "render", "-f", example).awaitExit(Duration.ofSeconds(60));
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip()).doesNotContain("\n")
                .isEqualTo("error: FAILDAILY_DEFAULT_DATABASE_IMAGE='mysql 8': not an image reference (it has white space)");
    }

    @Test
    void readsStandardInput() {
        InputStreamSwap swap = new InputStreamSwap("apiVersion: faildaily.io/v1alpha1\nkind: FailDaily\n"
                + "metadata: {name: demo, namespace: web}\nspec: {}\n");
        try (swap) {
            Result result = render("-f", "-");
            assertThat(result.code()).isZero();
            assertThat(parseAll(result.out())).allSatisfy(o -> {
                assertThat(o.getMetadata().getNamespace()).isEqualTo("web");
                assertThat(o.getMetadata().getName()).startsWith("demo-");
            });
        }
    }

    record BadFile(String name, String yaml, String expectedError) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadFile> badFiles() {
        String head = "apiVersion: faildaily.io/v1alpha1\nkind: FailDaily\nmetadata: {name: x}\n";
        return Stream.of(
                new BadFile("unknown field", head + "spec:\n  databse: {}\n", "unknown field 'databse' in spec (line 5, column 3)"),
                new BadFile("not a FailDaily", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
                        "not a FailDaily: found apiVersion 'v1' kind 'ConfigMap'"),
                new BadFile("wrong type", head + "spec:\n  backend: {replicas: many}\n",
                        "wrong value at spec.backend.replicas: 'many' is not a number (line 5, column 13)"),
                new BadFile("bad enum", head + "spec:\n  frontend: {service: {type: Public}}\n",
                        "spec.frontend.service.type"),
                new BadFile("invalid value", head + "spec:\n  backend: {replicas: -1}\n",
                        "spec.backend.replicas: must be between 0 and 100, not -1"),
                new BadFile("bad cron", head + "spec:\n  backup: {schedule: '61 3 * * *'}\n",
                        "spec.backup.schedule"),
                new BadFile("bad quantity", head + "spec:\n  logs: {size: lots}\n", "spec.logs.size"),
                new BadFile("managed env", head + "spec:\n  backend: {env: [{name: DB_PASSWORD, value: x}]}\n",
                        "DB_PASSWORD is set by the operator"),
                new BadFile("broken YAML", "a: [\n", "not valid YAML at line 2, column 1"),
                new BadFile("tab indentation", head + "spec:\n\tbackend: {}\n", "not valid YAML at line 5, column 1"),
                new BadFile("duplicate key", head + "spec: {}\nspec:\n  backend: {replicas: 2}\n",
                        "Duplicate field 'spec'"),
                new BadFile("two documents", head + "spec: {}\n---\n" + head + "spec: {}\n",
                        "the file holds 2 YAML documents (starting at lines 1, 6); one FailDaily per file"),
                new BadFile("a FailDaily and a ConfigMap", head + "spec: {}\n---\napiVersion: v1\nkind: ConfigMap\n",
                        "the file holds 2 YAML documents"),
                new BadFile("empty file", "", "not a FailDaily"),
                new BadFile("no name", "apiVersion: faildaily.io/v1alpha1\nkind: FailDaily\nspec: {}\n",
                        "metadata.name is required"),
                new BadFile("name too long", "apiVersion: faildaily.io/v1alpha1\nkind: FailDaily\nmetadata: {name: "
                        + "a".repeat(41) + "}\nspec: {}\n", "metadata.name"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badFilesExitNonZeroWithOneLine(BadFile bad, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("fd.yaml");
        Files.writeString(file, bad.yaml());
        Result result = render("-f", file.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("error: " + file).contains(bad.expectedError());
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingFileIsOneLineToo() {
        Result result = render("-f", "/no/such/file.yaml");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("error: /no/such/file.yaml: cannot read: no such file");
    }

    @Test
    void emptyDocumentMarkersAndCommentsAroundTheOneFailDailyAreFine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fd.yaml");
        Files.writeString(file, "# the shop's FailDaily\n---\n---\napiVersion: faildaily.io/v1alpha1\nkind: FailDaily\n"
                + "metadata: {name: shop}\nspec: {}\n---\n");
        Result result = render("-f", file.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(parseAll(result.out())).isNotEmpty().allSatisfy(o -> assertThat(o.getMetadata().getName()).startsWith("shop-"));
    }

    @Test
    void aByteOrderMarkIsFine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fd.yaml");
        byte[] yaml = "apiVersion: faildaily.io/v1alpha1\nkind: FailDaily\nmetadata: {name: bom}\nspec: {}\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[yaml.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(yaml, 0, withBom, 3, yaml.length);
        Files.write(file, withBom);
        assertThat(render("-f", file.toString()).code()).isZero();
    }

    @Test
    void anOverLargeFileSaysSoAndIsNotCalledInvalidYaml(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        String head = "apiVersion: faildaily.io/v1alpha1\nkind: FailDaily\nmetadata: {name: x}\nspec: {}\n";
        Files.writeString(file, head + "# padding\n".repeat(InputFile.MAX_BYTES / 10));
        assertOneLineError(render("-f", file.toString()), file.toString())
                .contains("too large: " + Files.size(file) + " bytes; a FailDaily file is at most 1048576 bytes")
                .doesNotContain("YAML");

        try (InputStreamSwap swap = new InputStreamSwap(Files.readString(file))) {
            assertOneLineError(render("-f", "-"), "-").contains("too large: more than 1048576 bytes");
        }
    }

    @Test
    void aDirectoryIsNotAFile(@TempDir Path dir) {
        assertOneLineError(render("-f", dir.toString()), dir.toString())
                .endsWith("is a directory; -f takes one FailDaily file");
    }

    @Test
    void binaryAndNonUtf8InputAreRefusedByName(@TempDir Path dir) throws IOException {
        Path gzip = Files.write(dir.resolve("fd.yaml.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
        assertOneLineError(render("-f", gzip.toString()), gzip.toString())
                .contains("not a text file: binary data (a NUL byte at offset 3)");

        Path latin1 = Files.write(dir.resolve("latin1.yaml"),
                "metadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertOneLineError(render("-f", latin1.toString()), latin1.toString())
                .contains("not UTF-8 text (an invalid byte near offset 20)");

        Path utf16 = Files.write(dir.resolve("utf16.yaml"), "kind: FailDaily\n".getBytes(StandardCharsets.UTF_16));
        assertOneLineError(render("-f", utf16.toString()), utf16.toString()).contains("UTF-16 text; save the file as UTF-8");
    }

    @Test
    void helpSaysOneFailDailyPerFile() {
        Result help = render("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("several YAML", "documents is refused", "1 MiB");
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertOneLineError(Result result, String file) {
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return assertThat(result.err().strip()).doesNotContain("\n").startsWith("error: " + file + ": ");
    }

    @Test
    void aMissingOptionIsAOneLineUsageError() {
        Result result = render();
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n")
                .isEqualTo("error: Missing required option: '--file=FILE' (see 'faildaily-operator render --help')");
    }

    static List<HasMetadata> parseAll(String yaml) {
        return Stream.of(yaml.split("(?m)^---\\s*$"))
                .filter(doc -> !doc.isBlank())
                .map(doc -> (HasMetadata) Serialization.unmarshal(doc))
                .toList();
    }

    /** Replaces System.in for one test. */
    static final class InputStreamSwap implements AutoCloseable {
        private final java.io.InputStream old = System.in;

        InputStreamSwap(String text) {
            System.setIn(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void close() {
            System.setIn(old);
        }
    }
}
