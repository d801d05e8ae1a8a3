package io.faildaily.operator.delivery;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.faildaily.operator.reconciler.UnknownFields;

/**
 * Structural check of rendered manifests without an API server: each object is read into fabric8's typed
 * model of its kind, where a field the Kubernetes API does not have (a typo, a wrong level of indentation)
 * lands in an "additionalProperties" map. Those maps must all be empty.
 */
final class KnownFields {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KnownFields() {}

    /** Adds one line per unknown field to {@code problems}; false when the kind has no typed model. */
    static boolean check(JsonNode object, List<String> problems) {
        String json;
        try {
            json = Repo.YAML.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        KubernetesResource typed = SERIALIZATION.unmarshal(json);
        if (typed instanceof GenericKubernetesResource) {
            return false;
        }
        walk(typed, object.path("kind").asText() + "/" + object.path("metadata").path("name").asText(), problems);
        return true;
    }

    /** One line per unknown field, found by the operator's own walk over fabric8's types. */
    private static void walk(Object value, String path, List<String> problems) {
        UnknownFields.of(path, value).forEach(field -> problems.add(field + ": unknown field"));
    }
}
