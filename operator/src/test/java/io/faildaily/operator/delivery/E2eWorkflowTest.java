package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * .github/workflows/e2e.yml (it cannot run here): on push and pull requests, scripts/kind-up.sh then scripts/e2e.sh
 * on kind, once at each end of the chart's kubeVersion range, with Java 17, Helm 3 and a kubectl of the cluster's
 * version.
 */
class E2eWorkflowTest {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    static JsonNode workflow() {
        return Repo.yaml(".github/workflows/e2e.yml");
    }

    static JsonNode job() {
        JsonNode jobs = workflow().path("jobs");
        assertThat(jobs.size()).as("one job").isEqualTo(1);
        return jobs.elements().next();
    }

    static List<JsonNode> matrix() {
        List<JsonNode> entries = new ArrayList<>();
        job().path("strategy").path("matrix").path("include").forEach(entries::add);
        return entries;
    }

    static List<JsonNode> steps() {
        List<JsonNode> steps = new ArrayList<>();
        job().path("steps").forEach(steps::add);
        return steps;
    }

    /** [major, minor, patch] of the first x.y.z in a text. */
    static int[] version(String text) {
        Matcher m = VERSION.matcher(text);
        assertThat(m.find()).as("a version in '%s'", text).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    @Test
    void runsOnPushAndPullRequests() {
        JsonNode on = workflow().has("on") ? workflow().path("on") : workflow().path("true"); // YAML 1.1 reads on as true
        assertThat(on.has("push")).isTrue();
        assertThat(on.has("pull_request")).isTrue();
        assertThat(workflow().path("permissions").path("contents").asText()).isEqualTo("read");
    }

    @Test
    void theMatrixIsTheOldestAndNewestKubernetesOfTheChartsRange() {
        String kubeVersion = Repo.yaml("helm/faildaily-operator/Chart.yaml").path("kubeVersion").asText();
        Matcher lower = Pattern.compile(">=\\s*(\\d+\\.\\d+\\.\\d+)").matcher(kubeVersion);
        assertThat(lower.find()).as("a lower bound in kubeVersion %s", kubeVersion).isTrue();
        int[] minimum = version(lower.group(1));
        Matcher upper = Pattern.compile("<\\s*(\\d+\\.\\d+\\.\\d+)").matcher(kubeVersion);

        List<JsonNode> entries = matrix();
        assertThat(entries).as("two Kubernetes versions").hasSize(2);
        int[] oldest = version(entries.get(0).path("kubernetes").asText());
        int[] newest = version(entries.get(1).path("kubernetes").asText());
        assertThat(compare(oldest, minimum)).as("the oldest is not below kubeVersion %s", kubeVersion).isNotNegative();
        assertThat(oldest[0] == minimum[0] && oldest[1] == minimum[1])
                .as("the oldest is kubeVersion's minor, %d.%d", minimum[0], minimum[1]).isTrue();
        assertThat(newest[1]).as("the newest is a later minor than the oldest").isGreaterThan(oldest[1]);
        if (upper.find()) {
            assertThat(compare(newest, version(upper.group(1)))).as("below kubeVersion's upper bound").isNegative();
        }
    }

    @Test
    void eachNodeImageIsPinnedAndOfItsKindRelease() {
        int[] minimumKind = version(Pattern.compile("(?m)^MIN_KIND_VERSION=\"([^\"]+)\"").matcher(Repo.read("scripts/kind-up.sh"))
                .results().findFirst().orElseThrow().group(1));
        for (JsonNode entry : matrix()) {
            String kubernetes = entry.path("kubernetes").asText();
            assertThat(entry.path("node-image").asText())
                    .matches("kindest/node:v" + Pattern.quote(kubernetes) + "@sha256:[0-9a-f]{64}");
            assertThat(compare(version(entry.path("kind").asText()), minimumKind))
                    .as("kind %s is one kind-up.sh accepts", entry.path("kind").asText()).isNotNegative();
        }
        assertThat(job().path("env").path("KIND_NODE_IMAGE").asText()).isEqualTo("${{ matrix.node-image }}");
        assertThat(job().path("env").path("IMAGE_TAG").asText()).as("one tag for both scripts").isNotEmpty();
        assertThat(Repo.read("scripts/kind-up.sh")).contains("KIND_NODE_IMAGE=\"${KIND_NODE_IMAGE:-}\"",
                "args+=(--image \"${KIND_NODE_IMAGE}\")");
    }

    private static JsonNode stepUsing(String action) {
        return steps().stream().filter(s -> s.path("uses").asText().startsWith(action + "@")).findFirst()
                .orElseThrow(() -> new AssertionError("a step uses " + action));
    }

    @Test
    void setsUpJava17Helm3KindAndAKubectlOfTheClustersVersion() {
        assertThat(stepUsing("actions/checkout")).isNotNull();
        JsonNode java = stepUsing("actions/setup-java").path("with");
        assertThat(java.path("java-version").asText()).isEqualTo("17");
        assertThat(java.path("distribution").asText()).isNotEmpty();
        assertThat(stepUsing("azure/setup-helm").path("with").path("version").asText()).matches("v3\\.\\d+\\.\\d+");
        assertThat(stepUsing("azure/setup-kubectl").path("with").path("version").asText())
                .isEqualTo("v${{ matrix.kubernetes }}");
        JsonNode kind = steps().stream().filter(s -> s.path("run").asText().contains("kind-linux-amd64")).findFirst()
                .orElseThrow(() -> new AssertionError("a step installs kind"));
        assertThat(kind.path("env").path("KIND_VERSION").asText()).isEqualTo("${{ matrix.kind }}");
        assertThat(kind.path("run").asText()).contains("https://github.com/kubernetes-sigs/kind/releases/download/${KIND_VERSION}",
                "kind-linux-amd64.sha256sum", "sha256sum -c");
    }

    @Test
    void runsKindUpThenE2eAndAlwaysDeletesTheCluster() {
        List<String> runs = steps().stream().map(s -> s.path("run").asText().strip()).toList();
        int up = runs.indexOf("scripts/kind-up.sh");
        int e2e = runs.indexOf("scripts/e2e.sh");
        int down = runs.indexOf("scripts/kind-down.sh");
        assertThat(up).as("a step runs scripts/kind-up.sh").isNotNegative();
        assertThat(e2e).as("then scripts/e2e.sh").isGreaterThan(up);
        assertThat(down).as("then scripts/kind-down.sh").isGreaterThan(e2e);
        assertThat(steps().get(down).path("if").asText()).isEqualTo("always()");
        assertThat(steps().get(up).has("if")).isFalse();
        assertThat(steps().get(e2e).has("if")).isFalse();
        assertThat(job().path("timeout-minutes").asInt()).as("a bounded job").isBetween(1, 120);
    }
}
