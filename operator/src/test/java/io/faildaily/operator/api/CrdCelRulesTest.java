package io.faildaily.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.reconciler.SpecValidator;
import io.faildaily.operator.reconciler.Violation;
import io.faildaily.operator.testing.CrdCelRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CEL rules of the generated CRD, run by a real CEL engine on the objects a user would apply: valid
 * ones pass, and each invalid one is refused by exactly the rule meant for it, with its message. The
 * operator's own check refuses the same objects (defence in depth: an old CRD, {@code render} offline).
 */
class CrdCelRulesTest {
    private static final CrdCelRules RULES = CrdCelRules.ofGeneratedCrd();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final String NAME_REFUSED = InstanceName.CEL_MESSAGE;
    private static final String NODE_PORT_REFUSED = "/spec/frontend/service: nodePort needs service type NodePort or LoadBalancer";
    private static final String RESERVED_ENV_REFUSED = "/spec/backend/env: " + ReservedEnv.CEL_MESSAGE;
    private static final String ENV_OWNED_REFUSED = "/spec/backend: " + BackendSpec.ENV_OWNED_MESSAGE;
    private static final String INIT_SCRIPTS_REFUSED = "/spec/database: initScripts " + DatabaseSpec.INIT_SCRIPTS_NEED_IN_CLUSTER;

    /** One object that the API server must refuse, what it says, and the field the operator names. */
    record Refused(String object, String celViolation, String operatorField) {
        @Override
        public String toString() {
            return object.replace('\n', ' ');
        }
    }

    @Test
    void theCrdHoldsTheRulesThisTestCovers() {
        // A new rule in api/ must come with cases here: this list is what the cases below cover.
        assertThat(RULES.rules()).extracting(CrdCelRules.Rule::path)
                .containsExactlyInAnyOrder("", "/spec/frontend/service", "/spec/backend/env", "/spec/database",
                        "/spec/backend");
        assertThat(RULES.rules()).extracting(CrdCelRules.Rule::message).allSatisfy(m -> assertThat(m).isNotBlank());
    }

    static Stream<String> validObjects() {
        return Stream.of(
                object("faildaily", "{}"),
                object("a", "{}"),
                object("a".repeat(InstanceName.MAX_LENGTH), "{}"),
                object("shop-2", "{}"),
                object("fd", "{frontend: {service: {type: NodePort, nodePort: 30080}}}"),
                // Without smtp (adminEmails) the env may name SMTP_* (ADMIN_EMAILS): the original image's way.
                object("fd", "{backend: {env: [{name: SMTP_HOST, value: smtp.example}, {name: ADMIN_EMAILS, value: a@b.c}]}}"),
                object("fd", "{backend: {smtp: {host: smtp.example, credentialsSecret: mail}, adminEmails: [a@b.c], "
                        + "env: [{name: RATE_LIMIT_MAX_REQUESTS, value: '1000'}]}}"),
                object("fd", "{frontend: {service: {type: LoadBalancer, nodePort: 30080}}}"),
                object("fd", "{frontend: {service: {type: NodePort}}}"),
                object("fd", "{frontend: {service: {type: ClusterIP, port: 8080}}}"),
                object("fd", "{backend: {env: []}}"),
                object("fd", "{database: {initScripts: faildaily-schema}}"),
                object("fd", "{database: {external: {host: mysql.example, passwordSecret: db}}}"),
                object("fd", "{backend: {env: [{name: RATE_LIMIT_MAX_REQUESTS, value: '500'}, {name: JWT_EXPIRES_IN, value: 24h},"
                        + " {name: node_env, value: x}, {name: DB_HOSTNAME, value: x}, {name: PORTS, value: x}]}}"));
    }

    @ParameterizedTest
    @MethodSource("validObjects")
    void aValidObjectPassesEveryRule(String object) {
        assertThat(RULES.validate(yaml(object))).isEmpty();
        assertThat(SpecValidator.validate(Serialization.unmarshal(object, FailDaily.class))).isEmpty();
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("faildaily.repoRoot", "..")).resolve("examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExamplePassesEveryRule(Path example) throws IOException {
        assertThat(RULES.validate(yaml(Files.readString(example)))).as("%s", example.getFileName()).isEmpty();
    }

    static Stream<Refused> refusedObjects() {
        return Stream.of(
                new Refused(object("a".repeat(InstanceName.MAX_LENGTH + 1), "{}"), NAME_REFUSED, "metadata.name"),
                new Refused(object("1abc", "{}"), NAME_REFUSED, "metadata.name"),
                new Refused(object("abc-", "{}"), NAME_REFUSED, "metadata.name"),
                // Kubernetes accepts these as names of custom resources (DNS-1123 subdomains); Services do not.
                new Refused(object("shop.example", "{}"), NAME_REFUSED, "metadata.name"),
                new Refused(object("shop-" + "b".repeat(60), "{}"), NAME_REFUSED, "metadata.name"),
                new Refused(object("fd", "{frontend: {service: {nodePort: 30080}}}"), NODE_PORT_REFUSED,
                        "spec.frontend.service.nodePort"),
                new Refused(object("fd", "{frontend: {service: {type: ClusterIP, nodePort: 30080}}}"), NODE_PORT_REFUSED,
                        "spec.frontend.service.nodePort"),
                new Refused(object("fd", "{backend: {env: [{name: A, value: '1'}, {name: JWT_SECRET, value: x}]}}"),
                        RESERVED_ENV_REFUSED, "spec.backend.env[1].name"),
                new Refused(object("fd", "{backend: {smtp: {host: smtp.example}, env: [{name: SMTP_HOST, value: x}]}}"),
                        ENV_OWNED_REFUSED, "spec.backend.env[0].name"),
                new Refused(object("fd", "{backend: {smtp: {host: smtp.example}, env: [{name: A, value: '1'}, "
                        + "{name: APP_WEB_URL, value: x}]}}"), ENV_OWNED_REFUSED, "spec.backend.env[1].name"),
                new Refused(object("fd", "{backend: {adminEmails: [chief@example.org], env: [{name: ADMIN_EMAILS, "
                        + "value: x@example.org}]}}"), ENV_OWNED_REFUSED, "spec.backend.env[0].name"),
                new Refused(object("fd", "{database: {initScripts: faildaily-schema, external: {host: mysql.example, "
                        + "passwordSecret: db}}}"), INIT_SCRIPTS_REFUSED, "spec.database.initScripts"));
    }

    @ParameterizedTest
    @MethodSource("refusedObjects")
    void anInvalidObjectIsRefusedByItsRuleWithItsMessage(Refused refused) {
        assertThat(RULES.validate(yaml(refused.object()))).containsExactly(refused.celViolation());
    }

    @ParameterizedTest
    @MethodSource("refusedObjects")
    void theOperatorRefusesTheSameObjects(Refused refused) {
        List<Violation> violations = SpecValidator.validate(Serialization.unmarshal(refused.object(), FailDaily.class));
        assertThat(violations).extracting(Violation::field).containsExactly(refused.operatorField());
    }

    @Test
    void theOperatorSaysWhatTheApiServerSays() {
        // Same words for the same rule: the API server's message is the operator's, with the field in front.
        assertThat(SpecValidator.validate(Serialization.unmarshal(object("1abc", "{}"), FailDaily.class)))
                .extracting(Violation::message).containsExactly(InstanceName.PROBLEM);
        assertThat(NAME_REFUSED).isEqualTo("metadata.name " + InstanceName.PROBLEM);
        assertThat(SpecValidator.validate(Serialization.unmarshal(
                object("fd", "{frontend: {service: {nodePort: 30080}}}"), FailDaily.class)))
                .extracting(Violation::message).containsExactly(ServiceSpec.NODE_PORT_NEEDS_TYPE);
    }

    @Test
    void theCrdRefusesExactlyTheNamesTheOperatorRefuses() {
        // One list: the Java set is read from the CEL literal that the CRD's rule is built from (and
        // BackendModelTest checks that it is what the model sets).
        assertThat(ReservedEnv.NAMES).contains("DB_PASSWORD", "JWT_SECRET", "PORT").hasSize(14);
        for (String name : ReservedEnv.NAMES) {
            assertThat(RULES.validate(yaml(object("fd", "{backend: {env: [{name: " + name + "}]}}"))))
                    .as(name).containsExactly(RESERVED_ENV_REFUSED);
        }
        String rule = RULES.rules().stream().filter(r -> r.path().equals("/spec/backend/env")).findFirst()
                .orElseThrow().expression();
        assertThat(rule).isEqualTo("self.all(e, !(e.name in " + ReservedEnv.CEL_LIST + "))");
    }

    @Test
    void aRuleThatCannotBeEvaluatedRefusesTheObject() {
        // An env entry without a name is refused by the schema (required); were it not, the rule would not pass it.
        assertThat(RULES.validate(yaml(object("fd", "{backend: {env: [{value: x}]}}"))))
                .singleElement().asString().startsWith("/spec/backend/env: cannot evaluate");
    }

    private static String object(String name, String spec) {
        return "apiVersion: faildaily.io/v1alpha1\nkind: FailDaily\nmetadata: {name: " + name + ", namespace: ns}\nspec: " + spec + "\n";
    }

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
