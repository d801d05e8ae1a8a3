package io.faildaily.operator.delivery;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The FailDaily CRD's OpenAPI v3 schema as a JSON schema (draft 7), strict where the API server is lenient:
 * the API server silently prunes fields it does not know, which hides typos, so here every object with
 * {@code properties} refuses other fields unless it says {@code x-kubernetes-preserve-unknown-fields}.
 * apiVersion, kind and metadata, which the API server handles itself, are added at the top.
 */
final class CrdSchema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonSchema schema;
    private final ObjectNode converted;

    private CrdSchema(ObjectNode converted) {
        this.converted = converted;
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(converted, SchemaValidatorsConfig.builder().build());
    }

    static CrdSchema load() {
        JsonNode crd = Repo.yaml(Repo.CRD);
        JsonNode version = crd.path("spec").path("versions").get(0);
        ObjectNode openApi = version.path("schema").path("openAPIV3Schema").deepCopy();
        ObjectNode root = strict(openApi);
        ObjectNode properties = (ObjectNode) root.get("properties");
        String apiVersion = crd.path("spec").path("group").asText() + "/" + version.path("name").asText();
        properties.set("apiVersion", NODES.objectNode().put("type", "string").set("enum",
                NODES.arrayNode().add(apiVersion)));
        properties.set("kind", NODES.objectNode().put("type", "string").set("enum",
                NODES.arrayNode().add(crd.path("spec").path("names").path("kind").asText())));
        properties.set("metadata", NODES.objectNode().put("type", "object"));
        root.set("required", NODES.arrayNode().add("apiVersion").add("kind").add("metadata"));
        return new CrdSchema(root);
    }

    /** Converts one schema node (and every schema under it) in place. */
    static ObjectNode strict(ObjectNode schema) {
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            if (names.next().startsWith("x-kubernetes-")) {
                names.remove(); // OpenAPI extensions, unknown to JSON schema
            }
        }
        if (schema.get("properties") instanceof ObjectNode properties) {
            properties.fields().forEachRemaining(p -> strict((ObjectNode) p.getValue()));
            if (!preserveUnknown && !schema.has("additionalProperties")) {
                schema.put("additionalProperties", false);
            }
        }
        if (schema.get("additionalProperties") instanceof ObjectNode additional) {
            strict(additional);
        }
        if (schema.get("items") instanceof ObjectNode items) {
            strict(items);
        }
        for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
            if (schema.get(combinator) instanceof ArrayNode alternatives) {
                alternatives.forEach(a -> strict((ObjectNode) a));
            }
        }
        if (schema.get("not") instanceof ObjectNode not) {
            strict(not);
        }
        return schema;
    }

    JsonNode converted() {
        return converted;
    }

    /** The problems, one line each; empty when the object is valid. */
    List<String> validate(JsonNode object) {
        Set<ValidationMessage> messages = schema.validate(object);
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }

}
