package io.faildaily.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Level;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.runtime.OperatorSettings;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.EveryObject;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.Kubelet;
import io.faildaily.operator.testing.LogCapture;
import io.faildaily.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;

/**
 * No generated secret value leaves the credentials Secret: not in a plain env value, command, argument,
 * ConfigMap, status, Event, metric or log line. The operator runs with DEBUG logging while a FailDaily with
 * every optional part (backups, an on-demand backup, a restore) goes to Ready, and everything it wrote or
 * said is searched for the values.
 */
class SecretHygieneTest {
    @Test
    void generatedValuesAppearNowhereButInTheSecret() {
        try (LogCapture logs = LogCapture.all(Level.DEBUG); MockCluster cluster = new MockCluster();
             Kubelet kubelet = new Kubelet(cluster.fixtureClient());
             FailDailyOperator operator = new FailDailyOperator(cluster.client(),
                     new OperatorSettings(Set.of(), false, null, 2))) {
            operator.start();
            KubernetesClient k8s = cluster.fixtureClient();
            cluster.createNamespace("shop");
            k8s.resource(FailDailies.asNew(EveryObject.failDaily("shop", "fd"))).create();
            Await.until("the restore Job exists", () -> !k8s.batch().v1().jobs().inNamespace("shop")
                    .withLabel("faildaily.io/part", "restore").list().getItems().isEmpty());
            Await.until("the backup-now Job exists", () -> !k8s.batch().v1().jobs().inNamespace("shop")
                    .withLabel("faildaily.io/part", "backup-now").list().getItems().isEmpty());
            Await.until("a status", () -> k8s.resources(FailDaily.class).inNamespace("shop").withName("fd").get()
                    .getStatus() != null);

            Secret secret = k8s.secrets().inNamespace("shop").withName("fd-credentials").get();
            List<String> values = secret.getData().values().stream()
                    .map(v -> new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)).toList();
            assertThat(values).hasSize(3).allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(32));

            List<String> haystacks = new ArrayList<>();
            haystacks.add(yaml(k8s.resources(FailDaily.class).inNamespace("shop").withName("fd").get()));
            k8s.configMaps().inNamespace("shop").list().getItems().forEach(o -> haystacks.add(yaml(o)));
            k8s.apps().deployments().inNamespace("shop").list().getItems().forEach(o -> haystacks.add(yaml(o)));
            k8s.apps().statefulSets().inNamespace("shop").list().getItems().forEach(o -> haystacks.add(yaml(o)));
            k8s.batch().v1().cronjobs().inNamespace("shop").list().getItems().forEach(o -> haystacks.add(yaml(o)));
            k8s.batch().v1().jobs().inNamespace("shop").list().getItems().forEach(o -> haystacks.add(yaml(o)));
            k8s.v1().events().inNamespace("shop").list().getItems().forEach(o -> haystacks.add(yaml(o)));
            haystacks.add(operator.registry().scrape());
            List<String> logLines = logs.lines();
            haystacks.addAll(logLines);

            assertThat(logLines).as("the log was captured at DEBUG").hasSizeGreaterThan(20);
            assertThat(haystacks).as("objects, events, metrics and log lines searched").hasSizeGreaterThan(logLines.size());
            for (String value : values) {
                assertThat(haystacks).noneMatch(h -> h.contains(value));
            }
            assertThat(haystacks.stream().filter(h -> h.contains(BackupModel.BACKUP_NOW_ANNOTATION))).isNotEmpty();
        }
    }

    private static String yaml(Object o) {
        return Serialization.asYaml(o);
    }
}
