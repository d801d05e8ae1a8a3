package io.faildaily.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A crd-generator customizer (see {@code @SchemaCustomizer}): applies a JSON merge patch (RFC 7386) to the
 * schema of the class it annotates, merging objects at every depth. The generator's own
 * MergePatchCustomizer merges the top level only, so a patch for one property would replace them all.
 * The generator runs it at build time; the operator never loads it, and its interface is not on the
 * operator's run-time class path.
 */
public final class SchemaMergePatch implements SchemaCustomizer.Customizer {
    @Override
    public JSONSchemaProps apply(JSONSchemaProps schema, String patch, KubernetesSerialization serialization) {
        JsonNode merged = merge(serialization.convertValue(schema, JsonNode.class),
                serialization.unmarshal(patch, JsonNode.class));
        return serialization.convertValue(merged, JSONSchemaProps.class);
    }

    /** RFC 7386: an object merges member by member, null removes a member, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!(patch instanceof ObjectNode members)) {
            return patch;
        }
        ObjectNode result = target instanceof ObjectNode object ? object.deepCopy() : JsonNodeFactory.instance.objectNode();
        members.fields().forEachRemaining(member -> {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        });
        return result;
    }
}
