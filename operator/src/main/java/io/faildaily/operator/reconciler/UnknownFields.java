package io.faildaily.operator.reconciler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fields a Kubernetes type in the spec (an affinity, a toleration) does not have. fabric8's model keeps them in
 * an "additionalProperties" map instead of refusing them, so neither the lenient reading of a stored spec nor
 * {@code render}'s strict one sees a misspelt {@code nodeSelectorTerm}; the API server would have pruned it
 * silently. Refused here with the path of each; the delivery tests check rendered manifests with the same walk.
 */
public final class UnknownFields {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private UnknownFields() {}

    /** One path per unknown field under {@code value}, which is found at {@code path}. */
    public static List<String> of(String path, Object value) {
        List<String> found = new ArrayList<>();
        walk(value, path, found);
        // Reflection gives the getters in no fixed order; a status message must not change between reconciliations.
        found.sort(null);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
            } else {
                walk(child, path + "." + property(getter.getName()), found);
            }
        }
    }

    private static String property(String getter) {
        String name = getter.substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
