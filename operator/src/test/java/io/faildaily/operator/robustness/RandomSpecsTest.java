package io.faildaily.operator.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.Phase;
import io.faildaily.operator.runtime.FailDailyOperator;
import io.faildaily.operator.runtime.OperatorSettings;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.LogCapture;
import io.faildaily.operator.testing.MockCluster;
import org.junit.jupiter.api.Test;

/**
 * Bad input at volume: 500 FailDaily specs mutated at random from the production example (wrong types,
 * negative, huge, empty, unicode, missing parts), stored as they are (the mock API server, like an API
 * server without the CRD's schema, lets them all in). No exception escapes the reconciler; every invalid
 * one gets phase Invalid with a message naming the field; every valid one reconciles.
 */
class RandomSpecsTest {
    private static final int COUNT = 500;
    private static final long SEED = 20261124L;

    @Test
    void everySpecGetsAVerdictAndNothingCrashes() throws Exception {
        ObjectNode base = (ObjectNode) new ObjectMapper(new YAMLFactory())
                .readTree(Path.of(System.getProperty("faildaily.repoRoot", "..")).resolve("examples/faildaily-production.yaml")
                        .toFile()).get("spec");
        SpecMutator mutator = new SpecMutator(SEED);
        Map<String, SpecMutator.Mutant> mutants = new LinkedHashMap<>();
        for (int i = 0; i < COUNT; i++) {
            mutants.put("fz-" + i, mutator.mutate(base));
        }
        long validCount = mutants.values().stream().filter(SpecMutator.Mutant::valid).count();
        assertThat(validCount).as("both kinds in the sample").isBetween(COUNT / 5L, COUNT * 4L / 5);

        try (LogCapture errors = LogCapture.errors(); MockCluster cluster = new MockCluster();
             FailDailyOperator operator = new FailDailyOperator(cluster.client(),
                     new OperatorSettings(Set.of(), false, null, 8))) {
            operator.start();
            KubernetesClient k8s = cluster.fixtureClient();
            cluster.createNamespace("fuzz");
            ObjectMapper json = new ObjectMapper();
            for (Map.Entry<String, SpecMutator.Mutant> mutant : mutants.entrySet()) {
                GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                        .withApiVersion("faildaily.io/v1alpha1").withKind("FailDaily")
                        .withNewMetadata().withName(mutant.getKey()).withNamespace("fuzz").endMetadata()
                        .addToAdditionalProperties("spec", json.convertValue(mutant.getValue().spec(), Map.class))
                        .build();
                k8s.genericKubernetesResources("faildaily.io/v1alpha1", "FailDaily").inNamespace("fuzz")
                        .resource(resource).create();
            }

            Await.until("every FailDaily has a phase", Duration.ofSeconds(180), () ->
                    k8s.genericKubernetesResources("faildaily.io/v1alpha1", "FailDaily").inNamespace("fuzz").list()
                            .getItems().stream().allMatch(r -> phaseOf(r) != null));

            List<String> wrong = new ArrayList<>();
            for (GenericKubernetesResource r : k8s.genericKubernetesResources("faildaily.io/v1alpha1", "FailDaily")
                    .inNamespace("fuzz").list().getItems()) {
                SpecMutator.Mutant mutant = mutants.get(r.getMetadata().getName());
                String phase = phaseOf(r);
                String message = readyMessage(r);
                if (mutant.valid() && Phase.Invalid.name().equals(phase)) {
                    wrong.add(r.getMetadata().getName() + " is valid " + mutant.mutations() + " but Invalid: " + message);
                } else if (!mutant.valid() && !Phase.Invalid.name().equals(phase)) {
                    wrong.add(r.getMetadata().getName() + " is invalid " + mutant.mutations() + " but " + phase);
                } else if (!mutant.valid() && (message == null || !message.startsWith("spec"))) {
                    wrong.add(r.getMetadata().getName() + " is Invalid without naming the field: " + message);
                }
            }
            assertThat(wrong).isEmpty();
            long reconciledValid = k8s.resources(FailDaily.class).inNamespace("fuzz").list().getItems().stream()
                    .filter(fd -> mutants.get(fd.getMetadata().getName()).valid())
                    .filter(fd -> k8s.secrets().inNamespace("fuzz").withName(fd.getMetadata().getName() + "-credentials").get() != null)
                    .count();
            assertThat(reconciledValid).as("valid ones got their children").isEqualTo(validCount);
            assertThat(errors.lines()).as("errors logged by the operator").isEmpty();
        }
    }

    private static String phaseOf(GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map && map.get("phase") != null ? map.get("phase").toString() : null;
    }

    private static String readyMessage(GenericKubernetesResource r) {
        JsonNode status = new ObjectMapper().valueToTree(r.getAdditionalProperties().get("status"));
        for (JsonNode condition : status.path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                return condition.path("message").asText(null);
            }
        }
        return null;
    }

}
