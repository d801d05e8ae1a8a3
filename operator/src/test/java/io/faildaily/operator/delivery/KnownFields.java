package io.faildaily.operator.delivery;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

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

    private static void walk(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, problems));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown " + extra.keySet());
                }
            } else {
                walk(child, path + "." + Character.toLowerCase(getter.getName().charAt(3))
                        + getter.getName().substring(4), problems);
            }
        }
    }
}
