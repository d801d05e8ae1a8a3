package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** The chart through Helm's own engine: lint, and what it renders for the default and other value sets. */
class HelmChartTest {

    @Test
    void lintStrictPasses() {
        LintResult result = new Helm(Repo.chart()).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void chartCrdIsByteIdenticalToTheGeneratedOne() throws Exception {
        byte[] generated = Files.readAllBytes(Repo.path(Repo.CRD));
        byte[] copy = Files.readAllBytes(Repo.chart().resolve("crds").resolve(Repo.CRD_FILE_NAME));
        assertThat(copy)
                .as("helm/faildaily-operator/crds/ must be a copy of crds/: cp " + Repo.CRD + " helm/faildaily-operator/crds/")
                .isEqualTo(generated);
        try (var files = Files.list(Repo.chart().resolve("crds"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(Repo.CRD_FILE_NAME);
        }
    }

    @Test
    void defaultValuesRenderTheOperatorClusterWide() {
        Chart chart = Chart.render("");
        assertThat(chart.objects()).extracting(o -> o.path("kind").asText())
                .containsExactlyInAnyOrder("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment",
                        "Service");
        for (JsonNode object : chart.objects()) {
            assertThat(object.path("metadata").path("labels").path("app.kubernetes.io/name").asText())
                    .isEqualTo("faildaily-operator");
            if (!object.path("kind").asText().startsWith("Cluster")) {
                assertThat(object.path("metadata").path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
            }
        }
        JsonNode binding = chart.one("ClusterRoleBinding");
        assertThat(binding.path("roleRef").path("name").asText())
                .isEqualTo(chart.one("ClusterRole").path("metadata").path("name").asText());
        assertThat(binding.path("subjects").get(0).path("name").asText())
                .isEqualTo(chart.one("ServiceAccount").path("metadata").path("name").asText());
        assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo(Chart.NAMESPACE);

        assertThat(chart.env("FAILDAILY_NAMESPACES")).isEmpty();
        assertThat(chart.env("FAILDAILY_SERVER_SIDE_APPLY")).isEqualTo("true");
        assertThat(chart.env("FAILDAILY_HTTP_PORT")).isEqualTo("8080");
        assertThat(chart.env("FAILDAILY_LEADER_ELECTION_NAMESPACE")).isEmpty();
        assertThat(chart.env("FAILDAILY_LOG_LEVEL")).isEqualTo("INFO");
        assertThat(chart.one("Deployment").path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(chart.one("Deployment").path("spec").path("strategy").path("type").asText())
                .as("one operator without leader election: never two pods at once").isEqualTo("Recreate");
        assertThat(chart.ofKind("Role")).as("no leader election Role with one replica").isEmpty();
    }

    @Test
    void operatorPodRunsRestrictedWithProbesAndLimits() {
        JsonNode deployment = Chart.render("").one("Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);

        assertThat(container.path("image").asText()).isEqualTo("ghcr.io/faildaily/faildaily-operator:0.1.0");
        List<String> commandLine = new ArrayList<>();
        container.path("command").forEach(c -> commandLine.add(c.asText()));
        container.path("args").forEach(c -> commandLine.add(c.asText()));
        assertThat(commandLine).containsExactly("java", "-jar", "/opt/faildaily/faildaily-operator.jar", "run");

        assertThat(pod.path("automountServiceAccountToken").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(1001);
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        JsonNode security = container.path("securityContext");
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(security.path("capabilities").has("add")).isFalse();
        assertThat(security.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");

        assertThat(container.path("volumeMounts").toString()).contains("\"mountPath\":\"/tmp\"");
        JsonNode tmp = pod.path("volumes").get(0);
        assertThat(tmp.path("name").asText()).isEqualTo("tmp");
        assertThat(tmp.has("emptyDir")).isTrue();

        for (String kind : List.of("requests", "limits")) {
            assertThat(container.path("resources").path(kind).path("cpu").asText()).as(kind).isNotEmpty();
            assertThat(container.path("resources").path(kind).path("memory").asText()).as(kind).isNotEmpty();
        }
        assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("http");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http");

        JsonNode service = Chart.render("").one("Service");
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
        assertThat(service.path("spec").path("selector").path("app.kubernetes.io/component").asText())
                .isEqualTo("operator");
    }

    @Test
    void listedNamespacesGetRolesThereAndNothingClusterWide() {
        Chart chart = Chart.render("watchNamespaces: [team-a, team-b, team-a]\n");
        assertThat(chart.ofKind("ClusterRole")).isEmpty();
        assertThat(chart.ofKind("ClusterRoleBinding")).isEmpty();
        assertThat(chart.ofKind("Role")).extracting(r -> r.path("metadata").path("namespace").asText())
                .containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(chart.ofKind("RoleBinding")).extracting(r -> r.path("metadata").path("namespace").asText())
                .containsExactlyInAnyOrder("team-a", "team-b");
        for (JsonNode binding : chart.ofKind("RoleBinding")) {
            assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("Role");
            assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
        }
        assertThat(chart.env("FAILDAILY_NAMESPACES")).isEqualTo("team-a,team-b");
    }

    @Test
    void severalReplicasTurnLeaderElectionOnInTheReleaseNamespace() {
        Chart chart = Chart.render("replicas: 3\n");
        assertThat(chart.one("Deployment").path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(chart.env("FAILDAILY_LEADER_ELECTION_NAMESPACE")).isEqualTo(Chart.NAMESPACE);
        assertThat(chart.one("Deployment").path("spec").path("strategy").path("type").asText())
                .isEqualTo("RollingUpdate");
        JsonNode role = chart.one("Role");
        assertThat(role.path("metadata").path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
        assertThat(role.path("rules").toString()).contains("coordination.k8s.io", "leases");
        assertThat(chart.one("RoleBinding").path("roleRef").path("name").asText())
                .isEqualTo(role.path("metadata").path("name").asText());

        Chart asked = Chart.render("leaderElection:\n  enabled: true\n");
        assertThat(asked.env("FAILDAILY_LEADER_ELECTION_NAMESPACE")).isEqualTo(Chart.NAMESPACE);
        assertThat(asked.ofKind("Role")).hasSize(1);
    }

    @Test
    void otherValueSetsRender() {
        Chart chart = Chart.render("""
                image:
                  repository: registry.example.com/faildaily-operator
                  tag: dev
                  pullPolicy: Never
                imagePullSecrets: [{name: regcred}]
                logLevel: DEBUG
                httpPort: 9090
                serviceAccount:
                  name: custom-sa
                  annotations: {example.com/role: operator}
                metrics:
                  serviceMonitor:
                    enabled: true
                    labels: {release: prometheus}
                podAnnotations: {example.com/scrape: "true"}
                nodeSelector: {kubernetes.io/os: linux}
                tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]
                priorityClassName: system-cluster-critical
                resources:
                  requests: {cpu: 50m, memory: 200Mi}
                  limits: {cpu: 500m, memory: 400Mi}
                """);
        JsonNode container = chart.operatorContainer();
        assertThat(container.path("image").asText()).isEqualTo("registry.example.com/faildaily-operator:dev");
        assertThat(container.path("imagePullPolicy").asText()).isEqualTo("Never");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(9090);
        assertThat(chart.env("FAILDAILY_HTTP_PORT")).isEqualTo("9090");
        assertThat(chart.env("FAILDAILY_LOG_LEVEL")).isEqualTo("DEBUG");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("400Mi");
        assertThat(chart.one("ServiceAccount").path("metadata").path("name").asText()).isEqualTo("custom-sa");
        assertThat(chart.one("ClusterRoleBinding").path("subjects").get(0).path("name").asText()).isEqualTo("custom-sa");
        JsonNode pod = chart.one("Deployment").path("spec").path("template").path("spec");
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("custom-sa");
        assertThat(pod.path("imagePullSecrets").get(0).path("name").asText()).isEqualTo("regcred");
        assertThat(pod.path("priorityClassName").asText()).isEqualTo("system-cluster-critical");

        JsonNode monitor = chart.one("ServiceMonitor");
        assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("prometheus");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/metrics");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText())
                .isEqualTo(chart.one("Service").path("spec").path("ports").get(0).path("name").asText());
        JsonNode service = chart.one("Service");
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(label ->
                assertThat(service.path("metadata").path("labels").path(label.getKey()).asText())
                        .as("ServiceMonitor selects the metrics Service by %s", label.getKey())
                        .isEqualTo(label.getValue().asText()));

        Chart noMetrics = Chart.render("metrics:\n  service:\n    enabled: false\n");
        assertThat(noMetrics.ofKind("Service")).isEmpty();

        Chart existingAccount = Chart.render("serviceAccount:\n  create: false\n  name: existing\n");
        assertThat(existingAccount.ofKind("ServiceAccount")).isEmpty();
        assertThat(existingAccount.one("ClusterRoleBinding").path("subjects").get(0).path("name").asText())
                .isEqualTo("existing");
    }

    /** The backup alerts: off by default; on, one rule group whose expressions use the metrics the operator exports. */
    @Test
    void thePrometheusRuleIsOptInAndAlertsOnTheBackupMetrics() {
        assertThat(Chart.render("").ofKind("PrometheusRule")).isEmpty();
        // helm-java's lint takes no values: lintStrictPasses parses the template; rendering it on runs Helm's engine.

        JsonNode rule = Chart.render("prometheusRule:\n  enabled: true\n  labels: {release: prometheus}\n").one("PrometheusRule");
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.path("metadata").path("labels").path("release").asText()).isEqualTo("prometheus");
        JsonNode rules = rule.path("spec").path("groups").get(0).path("rules");
        java.util.Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
        rules.forEach(r -> byName.put(r.path("alert").asText(), r));
        assertThat(byName).containsOnlyKeys("FailDailyNoRecentBackup", "FailDailyBackupFailed",
                "FailDailyBackupVerificationFailed", "FailDailyPointInTimeLagHigh");
        assertThat(byName.get("FailDailyNoRecentBackup").path("expr").asText())
                .isEqualTo("time() - faildaily_backup_last_success_timestamp_seconds > 26 * 3600");
        assertThat(byName.get("FailDailyBackupFailed").path("expr").asText())
                .isEqualTo("increase(faildaily_backup_failures_total[1h]) > 0");
        assertThat(byName.get("FailDailyBackupVerificationFailed").path("expr").asText())
                .isEqualTo("faildaily_backup_verification_succeeded == 0");
        assertThat(byName.get("FailDailyPointInTimeLagHigh").path("expr").asText())
                .isEqualTo("faildaily_backup_pitr_lag_seconds > 15 * 60");
        byName.values().forEach(r -> {
            // Prometheus's own templates survive Helm's: the texts name the FailDaily by its labels.
            assertThat(r.path("annotations").path("summary").asText()).startsWith("FailDaily {{ $labels.namespace }}/{{ $labels.name }}: ");
            assertThat(r.path("annotations").path("description").asText()).isNotBlank();
            assertThat(r.path("labels").path("severity").asText()).isIn("warning", "critical");
        });
    }

    /** The images of FailDaily's pods: one place in the values, handed to the operator as its environment. */
    @Test
    void imagesValuesBecomeTheOperatorsDefaultImageVariables() {
        Chart defaults = Chart.render("");
        for (String variable : List.of("FAILDAILY_IMAGE_REGISTRY", "FAILDAILY_DEFAULT_DATABASE_IMAGE",
                "FAILDAILY_DEFAULT_BACKEND_IMAGE", "FAILDAILY_DEFAULT_FRONTEND_IMAGE", "FAILDAILY_IMAGE_PULL_SECRETS")) {
            assertThat(defaults.env(variable)).as("%s unset: the operator's built-in defaults", variable).isNull();
        }

        Chart chart = Chart.render("""
                images:
                  registry: registry.internal:5000/mirror
                  database: registry.internal:5000/mysql:8.0.44
                  backend: registry.internal:5000/faildaily-backend:0.1.0
                  frontend: registry.internal:5000/nginx-unprivileged:1.28.0-alpine
                  pullSecrets: [corp-pull, mirror-pull, corp-pull]
                """);
        assertThat(chart.env("FAILDAILY_IMAGE_REGISTRY")).isEqualTo("registry.internal:5000/mirror");
        assertThat(chart.env("FAILDAILY_DEFAULT_DATABASE_IMAGE")).isEqualTo("registry.internal:5000/mysql:8.0.44");
        assertThat(chart.env("FAILDAILY_DEFAULT_BACKEND_IMAGE")).isEqualTo("registry.internal:5000/faildaily-backend:0.1.0");
        assertThat(chart.env("FAILDAILY_DEFAULT_FRONTEND_IMAGE"))
                .isEqualTo("registry.internal:5000/nginx-unprivileged:1.28.0-alpine");
        assertThat(chart.env("FAILDAILY_IMAGE_PULL_SECRETS")).isEqualTo("corp-pull,mirror-pull");

        Chart registryOnly = Chart.render("", Map.of("images.registry", "harbor.example.com/proxy"));
        assertThat(registryOnly.env("FAILDAILY_IMAGE_REGISTRY")).isEqualTo("harbor.example.com/proxy");
        assertThat(registryOnly.env("FAILDAILY_DEFAULT_BACKEND_IMAGE")).isNull();

        for (String values : List.of("images:\n  registry: https://registry.internal\n", "images:\n  backend: a b\n",
                "images:\n  pullSecrets: [{name: regcred}]\n", "images:\n  pullSecrets: [Corp_Pull]\n",
                "images:\n  mirror: x\n")) {
            assertThatThrownBy(() -> Chart.render(values)).as("values %s", values)
                    .hasMessageContaining("values don't meet the specifications of the schema");
        }
    }

    /** Helm types values: YAML reads 2 as a float64, --set as an int64; printf "%s" of either is garbage. */
    @Test
    void aNumericImageTagIsThatTag() {
        String repository = "ghcr.io/faildaily/faildaily-operator:";
        assertThat(image(Chart.render("", Map.of("image.tag", "2")))).as("--set image.tag=2").isEqualTo(repository + "2");
        assertThat(image(Chart.render("image:\n  tag: 2\n"))).as("tag: 2 in a values file").isEqualTo(repository + "2");
        assertThat(image(Chart.render("image:\n  tag: 20261124\n"))).as("no exponent").isEqualTo(repository + "20261124");
        assertThat(image(Chart.render("", Map.of("image.tag", "0")))).as("0 is a tag, not 'unset'").isEqualTo(repository + "0");
        assertThat(image(Chart.render("", Map.of("image.tag", "1.10")))).as("--set keeps 1.10 a string")
                .isEqualTo(repository + "1.10");
        assertThat(image(Chart.render("image:\n  tag: \"1.10\"\n"))).isEqualTo(repository + "1.10");
        assertThat(image(Chart.render("", Map.of("image.tag", "")))).as("empty: appVersion")
                .isEqualTo(repository + ImageVersionsTest.appVersion());
        // YAML reads an unquoted 1.10 as the number 1.1: refused, so that it is quoted, not silently changed.
        assertThatThrownBy(() -> Chart.render("image:\n  tag: 1.10\n"))
                .hasMessageContaining("values don't meet the specifications of the schema");
        assertThatThrownBy(() -> Chart.render("", Map.of("image.tag", "-1")))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    private static String image(Chart chart) {
        return chart.operatorContainer().path("image").asText();
    }

    @Test
    void everyRenderedObjectHasOnlyFieldsKubernetesKnows() {
        List<String> problems = new ArrayList<>();
        int typed = 0;
        for (String values : List.of("", "watchNamespaces: [a, b]\nreplicas: 2\n",
                "metrics:\n  serviceMonitor:\n    enabled: true\nimagePullSecrets: [{name: x}]\n"
                        + "tolerations: [{key: k, operator: Exists}]\nnodeSelector: {a: b}\n")) {
            for (JsonNode object : Chart.render(values).objects()) {
                if (KnownFields.check(object, problems)) {
                    typed++;
                }
            }
        }
        assertThat(typed).isGreaterThanOrEqualTo(15);
        assertThat(problems).isEmpty();

        List<String> typo = new ArrayList<>();
        KnownFields.check(Repo.yamlOf("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers: [{name: c, image: i, securityContext: {readOnlyRootFileSystem: true}}]
                """), typo);
        assertThat(typo).as("the check sees a typo").hasSize(1);
        assertThat(typo.get(0)).contains("readOnlyRootFileSystem");
    }

    @Test
    void valuesOutsideTheSchemaAreRefused() {
        for (String values : List.of("replicas: 0\n", "replica: 2\n", "logLevel: LOUD\n",
                "watchNamespaces: team-a,team-b\n", "watchNamespaces: [Team_A]\n",
                "image:\n  pullPolicy: Sometimes\n", "leaderElection:\n  enabled: \"yes\"\n",
                "httpPort: http\n", "metrics:\n  serviceMonitor:\n    interval: often\n")) {
            assertThatThrownBy(() -> Chart.render(values)).as("values %s", values)
                    .hasMessageContaining("values don't meet the specifications of the schema");
        }
    }

    @Test
    void inconsistentValuesAreRefused() {
        assertThatThrownBy(() -> Chart.render("serviceAccount:\n  create: false\n"))
                .hasMessageContaining("serviceAccount.name is required");
        assertThatThrownBy(() -> Chart.render(
                "metrics:\n  service:\n    enabled: false\n  serviceMonitor:\n    enabled: true\n"))
                .hasMessageContaining("needs metrics.service.enabled");
    }
}
