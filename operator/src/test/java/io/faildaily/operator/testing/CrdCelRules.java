package io.faildaily.operator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of the CRD the build generated, compiled with Google's
 * CEL library and evaluated the way the API server does on create: each rule of a schema node against each
 * value present at that node, with {@code self} bound to the value as a dynamic (map, list or scalar) value.
 * Transition rules ({@code oldSelf}) are not declared, so one would fail to compile here: this fixture checks
 * creates only.
 */
public final class CrdCelRules {
    /** A rule where the schema has it: {@code path} is a JSON pointer, [] standing for every item of a list. */
    public record Rule(String path, String expression, String message, CelRuntime.Program program) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    // The standard environment with the standard macros (has, all, exists, exists_one, map, filter), as the
    // API server's; its Kubernetes extension libraries are not here, so rules must not need them.
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final JsonNode openApiSchema;
    private final List<Rule> rules = new ArrayList<>();

    private CrdCelRules(JsonNode openApiSchema) {
        this.openApiSchema = openApiSchema;
        collect(openApiSchema, "");
    }

    /** The rules of the CRD in target/classes, as the crd-generator wrote it. */
    public static CrdCelRules ofGeneratedCrd() {
        try (InputStream in = CrdCelRules.class.getResourceAsStream(MockCluster.CRD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(MockCluster.CRD_RESOURCE + " is missing: the crd-generator runs at process-classes");
            }
            JsonNode crd = YAML.readTree(in);
            return new CrdCelRules(crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /**
     * What the API server would answer for an object on create: one line per rule that is not true, as
     * "JSON pointer: message" (only the message for a rule at the root, where the API server names no field).
     * A rule that cannot be evaluated (a missing field, a wrong type) is a violation too, as on a server.
     */
    public List<String> validate(JsonNode object) {
        List<String> violations = new ArrayList<>();
        check(openApiSchema, "", object, "", violations);
        return violations;
    }

    private void collect(JsonNode schema, String path) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            rules.add(new Rule(path, expression, rule.path("message").asText(), compile(path, expression)));
        }
        schema.path("properties").fields().forEachRemaining(p -> collect(p.getValue(), path + "/" + p.getKey()));
        if (schema.path("items").isObject()) {
            collect(schema.path("items"), path + "/[]");
        }
        if (schema.path("additionalProperties").isObject()) {
            collect(schema.path("additionalProperties"), path + "/{}");
        }
    }

    private static CelRuntime.Program compile(String path, String expression) {
        try {
            return RUNTIME.createProgram(COMPILER.compile(expression).getAst());
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("CEL rule at '" + path + "' does not compile: " + expression, e);
        }
    }

    private void check(JsonNode schema, String schemaPath, JsonNode value, String pointer, List<String> out) {
        for (Rule rule : rules) {
            if (rule.path().equals(schemaPath)) {
                evaluate(rule, value, pointer, out);
            }
        }
        if (value.isObject()) {
            value.fields().forEachRemaining(member -> {
                JsonNode property = schema.path("properties").path(member.getKey());
                if (property.isObject()) {
                    check(property, schemaPath + "/" + member.getKey(), member.getValue(), pointer + "/" + member.getKey(), out);
                } else if (schema.path("additionalProperties").isObject()) {
                    check(schema.path("additionalProperties"), schemaPath + "/{}", member.getValue(),
                            pointer + "/" + member.getKey(), out);
                }
            });
        } else if (value.isArray() && schema.path("items").isObject()) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.path("items"), schemaPath + "/[]", value.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static void evaluate(Rule rule, JsonNode value, String pointer, List<String> out) {
        String where = pointer.isEmpty() ? "" : pointer + ": ";
        try {
            Object result = rule.program().eval(Map.of("self", CelValues.of(value)));
            if (!Boolean.TRUE.equals(result)) {
                out.add(where + rule.message());
            }
        } catch (CelEvaluationException e) {
            out.add(where + "cannot evaluate " + rule.expression() + ": " + e.getMessage());
        }
    }
}
