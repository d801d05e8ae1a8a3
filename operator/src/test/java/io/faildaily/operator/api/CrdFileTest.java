package io.faildaily.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** The checked-in CRD is the one the build generates from the api classes, and says what the issue asks. */
class CrdFileTest {
    /**
     * The crd-generator names its file after the CRD and the CRD's own API version (apiextensions.k8s.io/v1),
     * which readers took for the FailDaily version; the checked-in copy is named by the version it serves.
     */
    static final String GENERATED = "/META-INF/fabric8/faildailies.faildaily.io-v1.yml";
    static final Path CHECKED_IN = Path.of(System.getProperty("faildaily.repoRoot", ".."))
            .resolve("crds/faildailies.faildaily.io-" + FailDaily.VERSION + ".yml");

    @Test
    void checkedInCrdIsTheGeneratedOne() throws IOException {
        String generated;
        try (InputStream in = getClass().getResourceAsStream(GENERATED)) {
            assertThat(in).as("generated CRD (crd-generator runs at process-classes)").isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(CHECKED_IN))
                .as("crds/ is stale: cp operator/target/classes%s %s (and the same into helm/faildaily-operator/crds/)",
                        GENERATED, CHECKED_IN.normalize())
                .isEqualTo(generated);
    }

    @Test
    void namesScopeSubresourceAndColumns() throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(CHECKED_IN), CustomResourceDefinition.class);
        assertThat(crd.getSpec().getGroup()).isEqualTo("faildaily.io");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("FailDaily");
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("faildailies");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("fd");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getAdditionalPrinterColumns()).extracting(c -> c.getName())
                .contains("Phase", "Ready", "Age");
    }

    @Test
    void schemaCarriesTheValidationTheIssueAsksFor() throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(CHECKED_IN), CustomResourceDefinition.class);
        JSONSchemaProps spec = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
                .getProperties().get("spec");
        JSONSchemaProps backend = spec.getProperties().get("backend");
        JSONSchemaProps frontend = spec.getProperties().get("frontend");
        assertThat(backend.getProperties().get("replicas").getMinimum()).isEqualTo(0.0);
        assertThat(backend.getProperties().get("replicas").getMaximum()).isEqualTo(100.0);
        assertThat(frontend.getProperties().get("replicas").getMinimum()).isEqualTo(0.0);
        assertThat(frontend.getProperties().get("replicas").getMaximum()).isEqualTo(100.0);
        assertThat(spec.getProperties().get("database").getProperties().get("storage").getProperties()
                .get("size").getPattern()).isEqualTo(Patterns.QUANTITY);
        assertThat(backend.getProperties().get("image").getPattern()).isEqualTo(Patterns.IMAGE);
        assertThat(frontend.getProperties().get("service").getProperties().get("type").getEnum())
                .extracting(Object::toString).containsExactlyInAnyOrder("\"ClusterIP\"", "\"NodePort\"", "\"LoadBalancer\"");
        assertThat(spec.getProperties().get("deletionPolicy").getEnum()).extracting(Object::toString)
                .containsExactlyInAnyOrder("\"Retain\"", "\"Delete\"");
        JSONSchemaProps backup = spec.getProperties().get("backup");
        assertThat(backup.getProperties().get("schedule").getPattern()).isEqualTo(Patterns.CRON);
        assertThat(backup.getProperties().get("retention").getMinimum()).isEqualTo(1.0);
        assertThat(spec.getRequired()).as("spec: {} is valid").isNullOrEmpty();
    }

    @Test
    void backendEnvIsAMapListKeyedByName() throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(CHECKED_IN), CustomResourceDefinition.class);
        JSONSchemaProps env = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
                .getProperties().get("spec").getProperties().get("backend").getProperties().get("env");
        // The API server refuses two entries of one name itself (and server-side apply merges by name).
        assertThat(env.getXKubernetesListType()).isEqualTo("map");
        assertThat(env.getXKubernetesListMapKeys()).containsExactly("name");
        assertThat(env.getItems().getSchema().getRequired()).as("a map list's key is in every entry").containsExactly("name");
        assertThat(env.getMaxItems()).isEqualTo(Defaults.MAX_BACKEND_ENV);
        assertThat(env.getItems().getSchema().getProperties()).as("the patch kept the EnvVar schema")
                .containsKeys("name", "value", "valueFrom");
        assertThat(env.getXKubernetesValidations()).extracting(r -> r.getRule()).containsExactly(ReservedEnv.CEL_RULE);
    }

    @Test
    void celRulesUseOnlyFieldsKubernetes125Knows() throws IOException {
        // rule and message are all 1.25 has; messageExpression, reason, fieldPath and optionalOldSelf came later,
        // and kubectl's strict field validation would refuse the CRD on an older server.
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(CHECKED_IN.toFile());
        List<String> keys = new ArrayList<>();
        ruleKeys(crd, keys);
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key).isIn("rule", "message"));
    }

    private static void ruleKeys(JsonNode node, List<String> out) {
        node.fields().forEachRemaining(member -> {
            if (member.getKey().equals("x-kubernetes-validations")) {
                member.getValue().forEach(rule -> rule.fieldNames().forEachRemaining(out::add));
            } else {
                ruleKeys(member.getValue(), out);
            }
        });
        if (node.isArray()) {
            node.forEach(item -> ruleKeys(item, out));
        }
    }
}
