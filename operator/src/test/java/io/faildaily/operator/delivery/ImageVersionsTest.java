package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * One place names each version: the chart's appVersion is the operator image's tag and the tag of the backend
 * image the operator deploys by default; the Dockerfiles are pinned and run as a non-root user.
 */
class ImageVersionsTest {
    static final String OPERATOR_IMAGE = "ghcr.io/faildaily/faildaily-operator";
    static final String BACKEND_IMAGE = "ghcr.io/faildaily/faildaily-backend";
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");

    static String appVersion() {
        return Repo.yaml("helm/faildaily-operator/Chart.yaml").path("appVersion").asText();
    }

    @Test
    void appVersionIsTheBackendImageTagAndTheOperatorImageTag() {
        String appVersion = appVersion();
        assertThat(appVersion).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(Defaults.BACKEND_IMAGE).isEqualTo(BACKEND_IMAGE + ":" + appVersion);

        var values = Repo.yaml("helm/faildaily-operator/values.yaml");
        assertThat(values.path("image").path("repository").asText()).isEqualTo(OPERATOR_IMAGE);
        assertThat(values.path("image").path("tag").asText())
                .as("the tag defaults to appVersion, so that the version is written once").isEmpty();
        assertThat(Chart.render("").operatorContainer().path("image").asText())
                .isEqualTo(OPERATOR_IMAGE + ":" + appVersion);
        // The object-store backup Jobs run the operator's own command: built in, and in the chart the image it runs.
        assertThat(Defaults.OPERATOR_IMAGE).isEqualTo(OPERATOR_IMAGE + ":" + appVersion);
        assertThat(Chart.render("").env("FAILDAILY_OPERATOR_IMAGE")).isEqualTo(OPERATOR_IMAGE + ":" + appVersion);
        assertThat(Chart.render("image:\n  tag: 9.9.9\n").env("FAILDAILY_OPERATOR_IMAGE")).isEqualTo(OPERATOR_IMAGE + ":9.9.9");

        String[] cliVersion = Main.class.getAnnotation(Command.class).version();
        assertThat(cliVersion).containsExactly("faildaily-operator " + appVersion);
    }

    @Test
    void kindScriptTakesTheTagsFromTheChart() {
        String script = Repo.read("scripts/kind-up.sh");
        assertThat(script).contains("scripts/image-tag.sh", OPERATOR_IMAGE, BACKEND_IMAGE)
                .as("no version written in the script").doesNotContain(":" + appVersion());
        assertThat(Repo.read("scripts/image-tag.sh")).as("the tag starts with the chart's appVersion")
                .contains("helm/faildaily-operator/Chart.yaml");
    }

    @Test
    void operatorDockerfileIsPinnedNonRootAndRunsTheShadedJar() {
        String dockerfile = Repo.read("operator/Dockerfile");
        assertPinnedAndNonRoot(dockerfile, "operator/Dockerfile");
        assertThat(dockerfile).contains("COPY operator/target/faildaily-operator.jar /opt/faildaily/faildaily-operator.jar");
        assertThat(dockerfile).containsPattern("FROM eclipse-temurin:17\\.[0-9.]+_[0-9]+-jre");
        assertThat(dockerfile).contains("USER 1001:1001");
        List<String> chartCommand = List.of("java", "-jar", "/opt/faildaily/faildaily-operator.jar");
        var command = Chart.render("").operatorContainer().path("command");
        assertThat(command.size()).isEqualTo(chartCommand.size());
        for (int i = 0; i < chartCommand.size(); i++) {
            assertThat(command.get(i).asText()).isEqualTo(chartCommand.get(i));
        }
    }

    @Test
    void backendDockerfileIsPinnedAndNonRoot() {
        assumeTrue(Files.isRegularFile(Repo.path("app-backend/Dockerfile")), "app-backend/Dockerfile not written yet");
        assertPinnedAndNonRoot(Repo.read("app-backend/Dockerfile"), "app-backend/Dockerfile");
    }

    private static void assertPinnedAndNonRoot(String dockerfile, String name) {
        Matcher from = FROM.matcher(dockerfile);
        int bases = 0;
        while (from.find()) {
            bases++;
            String image = from.group(1);
            if (image.matches("[a-z0-9_-]+") && !image.contains(":")) {
                continue; // a previous build stage, by name
            }
            assertThat(image).as("%s: base image pinned to a release", name)
                    .matches(".+:[^:]*\\d+\\.\\d+[^:]*|.+@sha256:[0-9a-f]{64}")
                    .doesNotEndWith(":latest");
        }
        assertThat(bases).as("%s has a FROM", name).isPositive();
        Matcher user = USER.matcher(dockerfile);
        String last = null;
        while (user.find()) {
            last = user.group(1);
        }
        assertThat(last).as("%s: the last USER is numeric and not root", name).isNotNull()
                .matches("[1-9][0-9]*(:[0-9]+)?");
    }
}
